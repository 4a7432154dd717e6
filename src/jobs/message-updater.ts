import type { Logger } from '@slack/bolt';
import { KeyedPacer, type RunResult } from '../pacing/keyed-pacer.ts';
import { type PaceStore, type PauseStore, pauseScope } from '../pacing/store.ts';
import { classifySlackError, isWebApiCallError } from '../slack/slack-errors.ts';

export interface MessageUpdaterOptions {
  /** Re-renders one request's message from the database and sends it; reads state at send time, so it is never stale. */
  publish: (requestId: number) => Promise<void>;
  /** The workspace of a request, for the pause a rate limit puts on its chat.update calls. */
  workspaceOf: (requestId: number) => Promise<string | undefined>;
  /** Rate-limit pauses, shared with every paced sender and every instance. */
  pauses: PauseStore;
  /** Which messages need an update and who sends it, shared by every instance (pacedWorkOf). */
  store: PaceStore;
  /** Failed attempts in a row before giving up until the next change (default 6); rate limits are always waited out. */
  maxAttempts?: number;
  logger: Logger;
  /** What to check when Slack refuses the token, for the log line (see config.ts). */
  refusedTokenHint?: string;
  /** chat.update allows about one call per second per message (Tier 3 bursts aside). */
  minIntervalMs?: number;
  now?: () => number;
}

/**
 * Coalesces bursts of clicks into few chat.update calls: at most one call in flight per message, at most one
 * per interval, and one more after the last change, so the final message always shows the exact final state. This
 * holds across instances: what is due is a row in the database (written with the click itself), the instance that
 * sends it holds a lease on it, and an instance that dies leaves its pending updates to the others.
 */
export class MessageUpdater {
  private readonly pacer: KeyedPacer;
  /** Requests whose message Slack no longer has (deleted by someone): clicks still count, the message is left alone. */
  private readonly gone = new Set<number>();
  private readonly minIntervalMs: number;
  private readonly maxAttempts: number;
  private stopped = false;

  constructor(private readonly options: MessageUpdaterOptions) {
    this.minIntervalMs = options.minIntervalMs ?? 1000;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 6);
    this.pacer = new KeyedPacer({
      run: (key, { failures }) => this.send(Number(key), failures),
      // A request removed by forgetting has no row left: its last update is paced with no workspace.
      scopeOf: async (key) => pauseScope((await options.workspaceOf(Number(key))) ?? '', 'chat.update'),
      minIntervalMs: this.minIntervalMs,
      store: options.store,
      pauses: options.pauses,
      logger: options.logger,
      now: options.now,
    });
  }

  /** Starts taking over the pending updates of instances that died (and of this one before a crash). */
  start(): void {
    this.pacer.start();
  }

  /** Marks a request's message as changed; the update follows within the interval. */
  request(requestId: number): void {
    if (!this.gone.has(requestId)) this.pacer.request(String(requestId));
  }

  /**
   * The change was committed with its update marked due (a person's click, in the use case's transaction): the update
   * follows within the interval, from this instance unless another one sends it first.
   */
  changed(requestId: number): void {
    if (!this.gone.has(requestId)) this.pacer.wake(String(requestId));
  }

  /** Sends every pending update now and waits for all of them (used at shutdown). */
  async flush(): Promise<void> {
    this.stopped = true;
    await this.pacer.flush();
  }

  /** Number of messages with an update pending or in flight. */
  get pending(): number {
    return this.pacer.pending;
  }

  private async send(requestId: number, failures: number): Promise<RunResult> {
    if (this.gone.has(requestId)) return 'dropped';
    try {
      await this.options.publish(requestId);
      return 'sent';
    } catch (error) {
      return this.failed(requestId, failures + 1, error);
    }
  }

  /** Decides what a failed update leads to; every path ends in a log line, and retries are bounded. */
  private failed(requestId: number, attempts: number, error: unknown): RunResult {
    const { logger } = this.options;
    const slack = classifySlackError(error);
    // Not Slack's answer but Boost's own failure before the call (the database busy past its timeouts, say): nothing
    // was sent and the next attempt may well succeed, so it is tried again rather than left stale.
    const {
      kind,
      code: reason,
      retryAfterMs,
    } = !isWebApiCallError(error) && slack.kind === 'refused' ? { ...slack, kind: 'not_sent' as const } : slack;
    // While shutting down there is no waiting for a backoff: the failure is logged, the message is fixed by the next change.
    const passing = kind === 'rate_limited' || kind === 'not_sent' || kind === 'uncertain';
    // A rate limit is Slack saying when to come back, not a failure: it is waited out however often it comes, so the
    // message never stays stale behind a busy workspace. Other failures are tried a bounded number of times.
    const tryAgain = kind === 'rate_limited' || attempts < this.maxAttempts;
    if (passing && tryAgain && !this.stopped) {
      // Whatever changed meanwhile goes out with the retry: the message is re-rendered from the database. A chat.update
      // sent twice shows the same state, so an update that may have been applied is sent again too.
      const wait = retryAfterMs ?? Math.min(this.minIntervalMs * 2 ** (attempts - 1), 60_000);
      logger.warn(`Could not update the message of request ${requestId} (${reason}); trying again in ${wait} ms`);
      return retryAfterMs === undefined ? { retryAfterMs: wait } : { pauseScopeMs: wait };
    }
    if (kind === 'gone') {
      this.gone.add(requestId);
      // Changes that came in meanwhile are dropped too: there is no message left to show them.
      this.pacer.forget(String(requestId));
      logger.info(
        `The message of request ${requestId} is gone (${reason}); clicks still count, it is no longer updated`,
      );
    } else if (kind === 'auth') {
      logger.error(
        `Slack refused Boost's token updating request ${requestId} (${reason}): ${this.options.refusedTokenHint ?? 'check the bot token'}`,
      );
    } else if (passing) {
      logger.error(
        `Gave up updating the message of request ${requestId} after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}: ${reason}`,
      );
    } else {
      logger.error(`Could not update the message of request ${requestId}: ${reason}`);
    }
    return 'dropped';
  }
}
