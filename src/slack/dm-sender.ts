import type { Logger } from '@slack/bolt';
import { ErrorCode, WebClient, type WebClientOptions } from '@slack/web-api';
import { slackErrorCode } from './slack-errors.ts';
import type { SlackMessage } from './views/request-message.ts';

// Every direct message Boost sends on its own (digests, reminders, thanks) goes through one DmSender, so that together
// they stay within Slack's rate limits: a bounded number of messages in flight, and a pause for everyone whenever Slack
// answers 429 with Retry-After. chat.postMessage with `channel` set to a user id posts in the DM with the bot, which
// needs no im:write scope.

/** Slack will not deliver to this person whatever we do; they are skipped and the others go on. */
const REFUSED = new Set([
  'cannot_dm_bot',
  'user_not_found',
  'account_inactive',
  'user_disabled',
  'user_not_visible',
  'channel_not_found',
  'is_archived',
  'messages_tab_disabled',
  'restricted_action',
]);

/** The token itself no longer works: every other message would fail the same way, so sending stops. */
const HALTING = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'not_allowed_token_type',
  'team_access_not_granted',
  'ekm_access_denied',
]);

/** Slack answered that it did nothing, for a reason that passes: safe to send again. */
const RETRYABLE_PLATFORM = new Set(['service_unavailable', 'ratelimited']);
/** The connection failed before the request reached Slack: nothing was delivered. */
const NOT_SENT_NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

export type DmErrorKind = 'refused' | 'halt' | 'retryable' | 'ambiguous' | 'rejected';

export interface DmErrorClass {
  kind: DmErrorKind;
  code: string;
  /** Milliseconds Slack asked us to wait (rate limits only). */
  retryAfterMs?: number;
}

/**
 * How to treat a failed chat.postMessage. `retryable`: Slack certainly did not post it and may accept it later.
 * `ambiguous`: Slack may have posted it (internal_error, a 500, a timeout) and sending again could make a duplicate, so
 * it is not sent again. `rejected`: Slack refused this message (invalid blocks, say) and will refuse it again.
 */
export function classifyDmError(error: unknown): DmErrorClass {
  const code = slackErrorCode(error);
  const kind = (error as { code?: unknown } | undefined)?.code;
  if (kind === ErrorCode.RateLimitedError) {
    const seconds = Number((error as { retryAfter?: unknown }).retryAfter);
    return {
      kind: 'retryable',
      code: 'ratelimited',
      retryAfterMs: (Number.isFinite(seconds) ? Math.max(seconds, 1) : 1) * 1000,
    };
  }
  if (kind === ErrorCode.HTTPError) {
    const status = Number((error as { statusCode?: unknown }).statusCode);
    return { kind: status === 503 || status === 429 ? 'retryable' : 'ambiguous', code: `http_${status}` };
  }
  if (kind === ErrorCode.RequestError) {
    const original = (error as { original?: { code?: unknown } }).original;
    const networkCode = typeof original?.code === 'string' ? original.code : 'request_error';
    return { kind: NOT_SENT_NETWORK.has(networkCode) ? 'retryable' : 'ambiguous', code: networkCode };
  }
  if (REFUSED.has(code)) return { kind: 'refused', code };
  if (HALTING.has(code)) return { kind: 'halt', code };
  if (RETRYABLE_PLATFORM.has(code)) return { kind: 'retryable', code };
  if (code === 'internal_error' || code === 'fatal_error' || kind !== ErrorCode.PlatformError) {
    return { kind: 'ambiguous', code };
  }
  return { kind: 'rejected', code };
}

export type DmOutcome =
  | { status: 'sent'; ts: string | undefined }
  /** Slack will never deliver to this person (deactivated, a bot, ...). */
  | { status: 'refused'; error: string }
  /**
   * Given up. `retryLater`: certainly not delivered and the cause may pass, so a later run may try again; otherwise it
   * must not be sent again (it may have been delivered, or Slack will refuse it again).
   */
  | { status: 'failed'; error: string; retryLater: boolean };

export interface DmTally {
  sent: number;
  refused: number;
  failed: number;
  /** Items whose claim was already taken (by another run, process, or an earlier week's delivery). */
  skipped: number;
  /** True when sending stopped early: the token stopped working, or the job was stopped. */
  halted: boolean;
}

/** One batch of messages: how to address, claim, render and record each item. */
export interface DmBatch<T> {
  items: Iterable<T>;
  to(item: T): string;
  /** Called just before sending; false means someone else has it (nothing is sent). Must be synchronous. */
  claim(item: T): boolean;
  message(item: T): SlackMessage;
  /** Records what happened, right after Slack answered. */
  settle(item: T, outcome: DmOutcome): void;
  /** Asked before each claim; true stops the batch (items not yet claimed stay for a later run). */
  stopped?(): boolean;
}

export interface DmSenderOptions {
  client: WebClient;
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
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  /** Set when Slack answers 429: no message leaves before this time (epoch ms). */
  private pausedUntil = 0;
  private halted: string | undefined;

  constructor(private readonly options: DmSenderOptions) {
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.maxRateLimitWaits = options.maxRateLimitWaits ?? 10;
    this.backoffMs = options.backoffMs ?? 500;
  }

  /** Sends one DM, waiting for a free slot and for any rate-limit pause, retrying what is safe to retry. */
  async send(userId: string, message: SlackMessage): Promise<DmOutcome> {
    await this.acquire();
    try {
      return await this.attempt(userId, message);
    } finally {
      this.release();
    }
  }

  /**
   * Sends a batch with bounded concurrency. Each item is claimed right before it is sent, so a batch stopped half-way
   * (or a crash) leaves the unclaimed ones for a later run. A refusal or failure is recorded and the others go on.
   */
  async deliver<T>(batch: DmBatch<T>): Promise<DmTally> {
    const tally: DmTally = { sent: 0, refused: 0, failed: 0, skipped: 0, halted: false };
    const iterator = batch.items[Symbol.iterator]();
    const worker = async () => {
      for (;;) {
        if (this.halted || batch.stopped?.()) {
          tally.halted = true;
          return;
        }
        const next = iterator.next();
        if (next.done) return;
        const item = next.value;
        if (!batch.claim(item)) {
          tally.skipped += 1;
          continue;
        }
        let outcome: DmOutcome;
        try {
          outcome = await this.send(batch.to(item), batch.message(item));
        } catch (error) {
          // A bug while rendering: this item is lost for the week (its claim stays), the others go on.
          this.options.logger.error(`Could not prepare a direct message: ${slackErrorCode(error)}`);
          outcome = { status: 'failed', error: 'render_failed', retryLater: false };
        }
        tally[outcome.status] += 1;
        batch.settle(item, outcome);
      }
    };
    await Promise.all(Array.from({ length: this.concurrency }, worker));
    return tally;
  }

  /** Why sending stopped for good (the token no longer works), if it did. */
  get haltedBecause(): string | undefined {
    return this.halted;
  }

  private async attempt(userId: string, message: SlackMessage): Promise<DmOutcome> {
    let failures = 0;
    let rateLimitWaits = 0;
    for (;;) {
      if (this.halted) return { status: 'failed', error: this.halted, retryLater: true };
      await sleep(this.pausedUntil - Date.now());
      try {
        const answer = await this.options.client.chat.postMessage({ channel: userId, ...message });
        return { status: 'sent', ts: answer.ts };
      } catch (error) {
        const problem = classifyDmError(error);
        const { logger } = this.options;
        switch (problem.kind) {
          case 'refused':
            logger.warn(`Slack will not deliver a DM to ${userId} (${problem.code}); skipped.`);
            return { status: 'refused', error: problem.code };
          case 'halt':
            this.halted = problem.code;
            logger.error(`Slack refused the bot token (${problem.code}); no more DMs are sent until it is fixed.`);
            return { status: 'failed', error: problem.code, retryLater: true };
          case 'ambiguous':
            logger.warn(
              `A DM to ${userId} may not have arrived (${problem.code}); not sent again to avoid a duplicate.`,
            );
            return { status: 'failed', error: problem.code, retryLater: false };
          case 'rejected':
            logger.error(`Slack rejected a DM to ${userId} (${problem.code}).`);
            return { status: 'failed', error: problem.code, retryLater: false };
          case 'retryable':
            if (problem.retryAfterMs !== undefined) {
              rateLimitWaits += 1;
              this.pausedUntil = Math.max(this.pausedUntil, Date.now() + problem.retryAfterMs);
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

  private async acquire(): Promise<void> {
    if (this.active < this.concurrency) {
      this.active += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}

const sleep = (ms: number) => (ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve());
