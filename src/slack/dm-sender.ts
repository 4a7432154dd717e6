import type { Logger } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import { Gate, sleep } from '../pacing/gate.ts';
import { type PauseStore, pauseScope } from '../pacing/store.ts';
import { classifySlackError, slackErrorCode } from './slack-errors.ts';
import type { SlackMessage } from './views/request-message.ts';

// Every direct message Boost sends on its own (digests, reminders, thanks) goes through one DmSender, so that together
// they stay within Slack's rate limits: a bounded number of messages in flight, and a pause of chat.postMessage in the
// workspace whenever Slack answers 429 with Retry-After (src/pacing). chat.postMessage with `channel` set to a user id
// posts in the DM with the bot, which needs no im:write scope.

export type DmOutcome =
  | { status: 'sent'; ts: string | undefined }
  /** Slack will never deliver to this person (deactivated, a bot, ...). */
  | { status: 'unreachable'; error: string }
  /**
   * Given up. `retryLater`: certainly not delivered and the cause may pass, so a later run may try again; otherwise it
   * must not be sent again (it may have been delivered, or Slack will refuse it again).
   */
  | { status: 'failed'; error: string; retryLater: boolean };

/** Who a direct message goes to: rate limits are per workspace. */
export interface Recipient {
  teamId: string;
  userId: string;
}

export interface DmTally {
  sent: number;
  unreachable: number;
  failed: number;
  /** Items whose claim was already taken (by another run, process, or an earlier week's delivery). */
  skipped: number;
  /** True when sending stopped early: the token stopped working, or the job was stopped. */
  halted: boolean;
}

/** One batch of messages: how to address, claim, render and record each item. */
export interface DmBatch<T> {
  /** Pulled one at a time, as messages go out. */
  items: Iterable<T> | AsyncIterable<T>;
  to(item: T): Recipient;
  /** Called just before sending; false means someone else has it (nothing is sent). */
  claim(item: T): Promise<boolean>;
  message(item: T): SlackMessage | Promise<SlackMessage>;
  /** Records what happened, right after Slack answered. */
  settle(item: T, outcome: DmOutcome): Promise<void>;
  /** Asked before each claim; true stops the batch (items not yet claimed stay for a later run). */
  stopped?(): boolean;
}

export interface DmSenderOptions {
  client: WebClient;
  /** Rate-limit pauses, shared with every paced sender. */
  pauses: PauseStore;
  logger: Logger;
  /** Messages in flight at once, across every batch. */
  concurrency?: number;
  /** Attempts per message for failures that are safe to retry (rate limits do not count). */
  maxAttempts?: number;
  /** How many times one message may wait out a rate limit before it is given up for this run. */
  maxRateLimitWaits?: number;
  /** First pause between attempts; doubles each time. */
  backoffMs?: number;
}

/** A Web API client for DMs: rate limits come back to the sender (it waits for everyone); no hidden retries. */
export function dmClient(token: string, options: WebClientOptions): WebClient {
  return new WebClient(token, {
    ...options,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: options.timeout ?? 10_000,
  });
}

export class DmSender {
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly maxRateLimitWaits: number;
  private readonly backoffMs: number;
  private readonly gate: Gate;
  private halted: string | undefined;

  constructor(private readonly options: DmSenderOptions) {
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.maxRateLimitWaits = options.maxRateLimitWaits ?? 10;
    this.backoffMs = options.backoffMs ?? 500;
    this.gate = new Gate(this.concurrency);
  }

  /** Sends one DM, waiting for a free slot and for any rate-limit pause, retrying what is safe to retry. */
  async send(to: Recipient, message: SlackMessage): Promise<DmOutcome> {
    await this.gate.enter();
    try {
      return await this.attempt(to, message);
    } finally {
      this.gate.leave();
    }
  }

  /**
   * Sends a batch with bounded concurrency. Each item is claimed right before it is sent, so a batch stopped half-way
   * (or a crash) leaves the unclaimed ones for a later run. A refusal or failure is recorded and the others go on.
   */
  async deliver<T>(batch: DmBatch<T>): Promise<DmTally> {
    const tally: DmTally = { sent: 0, unreachable: 0, failed: 0, skipped: 0, halted: false };
    const items = batch.items;
    const iterator = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
    const worker = async () => {
      for (;;) {
        if (this.halted || batch.stopped?.()) {
          tally.halted = true;
          return;
        }
        const next = await iterator.next();
        if (next.done) return;
        const item = next.value;
        if (!(await batch.claim(item))) {
          tally.skipped += 1;
          continue;
        }
        let outcome: DmOutcome;
        try {
          outcome = await this.send(batch.to(item), await batch.message(item));
        } catch (error) {
          // A bug while rendering: this item is lost for the week (its claim stays), the others go on.
          this.options.logger.error(`Could not prepare a direct message: ${slackErrorCode(error)}`);
          outcome = { status: 'failed', error: 'render_failed', retryLater: false };
        }
        tally[outcome.status] += 1;
        await batch.settle(item, outcome);
      }
    };
    await Promise.all(Array.from({ length: this.concurrency }, worker));
    return tally;
  }

  /** Why sending stopped for good (the token no longer works), if it did. */
  get haltedBecause(): string | undefined {
    return this.halted;
  }

  private async attempt({ teamId, userId }: Recipient, message: SlackMessage): Promise<DmOutcome> {
    const { pauses } = this.options;
    const scope = pauseScope(teamId, 'chat.postMessage');
    let failures = 0;
    let rateLimitWaits = 0;
    for (;;) {
      if (this.halted) return { status: 'failed', error: this.halted, retryLater: true };
      await sleep(pauses.pausedUntil(scope) - Date.now());
      try {
        const answer = await this.options.client.chat.postMessage({ channel: userId, ...message });
        return { status: 'sent', ts: answer.ts };
      } catch (error) {
        const problem = classifySlackError(error, 'person');
        const { logger } = this.options;
        switch (problem.kind) {
          case 'gone':
            logger.warn(`Slack will not deliver a DM to ${userId} (${problem.code}); skipped.`);
            return { status: 'unreachable', error: problem.code };
          case 'auth':
            this.halted = problem.code;
            logger.error(`Slack refused the bot token (${problem.code}); no more DMs are sent until it is fixed.`);
            return { status: 'failed', error: problem.code, retryLater: true };
          case 'uncertain':
            logger.warn(
              `A DM to ${userId} may not have arrived (${problem.code}); not sent again to avoid a duplicate.`,
            );
            return { status: 'failed', error: problem.code, retryLater: false };
          case 'refused':
            logger.error(`Slack rejected a DM to ${userId} (${problem.code}).`);
            return { status: 'failed', error: problem.code, retryLater: false };
          case 'rate_limited':
          case 'not_sent':
            if (problem.retryAfterMs !== undefined) {
              rateLimitWaits += 1;
              pauses.pause(scope, Date.now() + problem.retryAfterMs);
              logger.warn(`Slack asked to wait ${problem.retryAfterMs} ms before the next DM.`);
              if (rateLimitWaits <= this.maxRateLimitWaits) continue;
            } else {
              failures += 1;
              if (failures < this.maxAttempts) {
                await sleep(this.backoffMs * 2 ** (failures - 1));
                continue;
              }
            }
            logger.warn(`Gave up on a DM to ${userId} for now (${problem.code}); a later run tries again.`);
            return { status: 'failed', error: problem.code, retryLater: true };
        }
      }
    }
  }
}
