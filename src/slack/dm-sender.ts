import type { Logger } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import { Gate, sleep } from '../pacing/gate.ts';
import { type PauseStore, pauseScope } from '../pacing/store.ts';
import { classifySlackError, slackErrorCode } from './slack-errors.ts';
import type { SlackMessage } from './views/request-message.ts';

/** How often a workspace's rate-limit pause, as every instance recorded it, is read again. */
const SHARED_PAUSE_READ_EVERY_MS = 1000;

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
  /**
   * Gives a claim back while its message waits out a rate limit (Slack certainly did not post it), so that an instance
   * dying meanwhile leaves it due for another; it is claimed again before its next attempt.
   */
  unclaim?(item: T): Promise<void>;
  /** Asked before each claim; true stops the batch (items not yet claimed stay for a later run). */
  stopped?(): boolean;
}

/** An item of a batch between its turns: claimed or not yet, and the rate limits it waited out so far. */
interface Held<T> {
  item: T;
  claimed: boolean;
  waits: { rateLimitWaits: number };
}

export interface DmSenderOptions {
  /** The DM client of a workspace (dmClient): each workspace's own token in distribution mode. */
  clientFor: (teamId: string) => Promise<WebClient>;
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
  /** Workspaces whose token stopped working, with Slack's code: nothing more is sent there in this run. */
  private readonly halted = new Map<string, string>();
  /** When each workspace's shared pause was last read (see learnSharedPause). */
  private readonly sharedPauseReadAt = new Map<string, number>();

  constructor(private readonly options: DmSenderOptions) {
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.maxRateLimitWaits = options.maxRateLimitWaits ?? 10;
    this.backoffMs = options.backoffMs ?? 500;
    this.gate = new Gate(this.concurrency);
  }

  /**
   * Sends one DM, waiting for any rate-limit pause of its workspace and then for a free slot, retrying what is safe to
   * retry. A message waiting out a pause holds no slot, so one workspace being rate limited never delays another's.
   */
  async send(to: Recipient, message: SlackMessage): Promise<DmOutcome> {
    return (await this.attempt(to, message, { rateLimitWaits: 0 }, false)) as DmOutcome;
  }

  /**
   * Sends a batch with bounded concurrency. Each item is claimed right before it is sent, so a batch stopped half-way
   * (or a crash) leaves the unclaimed ones for a later run. A refusal or failure is recorded and the others go on.
   */
  async deliver<T>(batch: DmBatch<T>): Promise<DmTally> {
    const tally: DmTally = { sent: 0, unreachable: 0, failed: 0, skipped: 0, halted: false };
    const items = batch.items;
    const iterator = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
    // Items of a workspace whose chat.postMessage is paused (a 429) wait here while the others are sent: a worker never
    // sleeps on one workspace's pause while another workspace has messages to send.
    const held = new Map<string, Held<T>[]>();
    const pausedFor = (teamId: string) =>
      this.options.pauses.pausedUntil(pauseScope(teamId, 'chat.postMessage')) - Date.now();
    const hold = (teamId: string, entry: Held<T>) => {
      const list = held.get(teamId) ?? [];
      list.push(entry);
      held.set(teamId, list);
    };
    const take = async (): Promise<Held<T> | undefined> => {
      for (const [teamId, list] of held) {
        if (list.length > 0 && pausedFor(teamId) <= 0) return list.shift();
      }
      const next = await iterator.next();
      return next.done ? undefined : { item: next.value, claimed: false, waits: { rateLimitWaits: 0 } };
    };
    const settle = async (entry: Held<T>, outcome: DmOutcome) => {
      tally[outcome.status] += 1;
      await batch.settle(entry.item, outcome);
    };
    const worker = async () => {
      for (;;) {
        if (batch.stopped?.()) {
          tally.halted = true;
          return;
        }
        const entry = await take();
        if (!entry) {
          const waiting = [...held].filter(([, list]) => list.length > 0).map(([teamId]) => pausedFor(teamId));
          if (waiting.length === 0) return;
          await sleep(Math.max(1, Math.min(...waiting)));
          continue;
        }
        const to = batch.to(entry.item);
        const halted = this.halted.get(to.teamId);
        if (halted) {
          // That workspace's token stopped working: its unclaimed items stay for a later run, the others go on.
          tally.halted = true;
          if (entry.claimed) await settle(entry, { status: 'failed', error: halted, retryLater: true });
          continue;
        }
        if (pausedFor(to.teamId) > 0) {
          hold(to.teamId, entry);
          continue;
        }
        if (!entry.claimed) {
          if (!(await batch.claim(entry.item))) {
            tally.skipped += 1;
            continue;
          }
          entry.claimed = true;
        }
        let outcome: DmOutcome | 'rate_limited';
        try {
          outcome = await this.attempt(to, await batch.message(entry.item), entry.waits, true);
        } catch (error) {
          // A bug while rendering: this item is lost for the week (its claim stays), the others go on.
          this.options.logger.error(`Could not prepare a direct message: ${slackErrorCode(error)}`);
          outcome = { status: 'failed', error: 'render_failed', retryLater: false };
        }
        if (outcome === 'rate_limited') {
          if (batch.unclaim) {
            await batch.unclaim(entry.item);
            entry.claimed = false;
          }
          hold(to.teamId, entry);
        } else await settle(entry, outcome);
      }
    };
    await Promise.all(Array.from({ length: this.concurrency }, worker));
    // Stopped while some waited out a pause: those already claimed were certainly not sent, so a later run may.
    for (const list of held.values()) {
      for (const entry of list) {
        if (entry.claimed) await settle(entry, { status: 'failed', error: 'ratelimited', retryLater: true });
      }
    }
    return tally;
  }

  /** Why sending stopped for good in some workspace (its token no longer works), if it did. */
  get haltedBecause(): string | undefined {
    return this.halted.values().next().value;
  }

  /** One call to Slack, holding a slot only while it is in flight. */
  private async post(teamId: string, userId: string, message: SlackMessage) {
    await this.gate.enter();
    try {
      const client = await this.options.clientFor(teamId);
      return await client.chat.postMessage({ channel: userId, ...message });
    } finally {
      this.gate.leave();
    }
  }

  /**
   * A pause another instance recorded (its own 429) holds here too: read from the database at most once a second per
   * workspace, rather than once per message.
   */
  private async learnSharedPause(scope: string): Promise<void> {
    const now = Date.now();
    if (now - (this.sharedPauseReadAt.get(scope) ?? Number.NEGATIVE_INFINITY) < SHARED_PAUSE_READ_EVERY_MS) return;
    this.sharedPauseReadAt.set(scope, now);
    await this.options.pauses.sharedPause(scope);
  }

  /**
   * Sends one message, retrying what is safe to retry. On a 429 the workspace's pause is set; then `yieldOnRateLimit`
   * hands the message back ('rate_limited') to be sent after the pause, instead of waiting for it here.
   */
  private async attempt(
    { teamId, userId }: Recipient,
    message: SlackMessage,
    waits: { rateLimitWaits: number },
    yieldOnRateLimit: boolean,
  ): Promise<DmOutcome | 'rate_limited'> {
    const { pauses } = this.options;
    const scope = pauseScope(teamId, 'chat.postMessage');
    let failures = 0;
    for (;;) {
      const halted = this.halted.get(teamId);
      if (halted) return { status: 'failed', error: halted, retryLater: true };
      await this.learnSharedPause(scope);
      await sleep(pauses.pausedUntil(scope) - Date.now());
      try {
        const answer = await this.post(teamId, userId, message);
        return { status: 'sent', ts: answer.ts };
      } catch (error) {
        const problem = classifySlackError(error, 'person');
        const { logger } = this.options;
        switch (problem.kind) {
          case 'gone':
            logger.warn(`Slack will not deliver a DM to ${userId} (${problem.code}); skipped.`);
            return { status: 'unreachable', error: problem.code };
          case 'auth':
            this.halted.set(teamId, problem.code);
            logger.error(
              `Slack refused the bot token of workspace ${teamId} (${problem.code}); no more DMs are sent there until it is fixed.`,
            );
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
              waits.rateLimitWaits += 1;
              pauses.pause(scope, Date.now() + problem.retryAfterMs);
              logger.warn(`Slack asked to wait ${problem.retryAfterMs} ms before the next DM.`);
              if (waits.rateLimitWaits <= this.maxRateLimitWaits) {
                if (yieldOnRateLimit) return 'rate_limited';
                continue;
              }
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
