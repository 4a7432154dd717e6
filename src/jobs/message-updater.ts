import type { Logger } from '@slack/bolt';

export interface MessageUpdaterOptions {
  /** Re-renders one request's message from the database and sends it; reads state at send time, so it is never stale. */
  publish: (requestId: number) => Promise<void>;
  /** How long Slack asked us to wait (Retry-After), when the error says so. */
  retryAfterMs: (error: unknown) => number | undefined;
  /**
   * What a failure means (slack-errors.ts): `transient` is tried again with backoff, `gone` (the message was deleted)
   * stops updates of that message for good, anything else is logged and waits for the next change. Without it every
   * failure but a rate limit is logged and dropped.
   */
  classify?: (error: unknown) => 'transient' | 'gone' | 'auth' | 'refused';
  /** Failed attempts in a row, rate limits included, before giving up until the next change (default 6). */
  maxAttempts?: number;
  /** A short reason for the log (an error code); the error's message by default. */
  describe?: (error: unknown) => string;
  logger: Logger;
  /** chat.update allows about one call per second per message (Tier 3 bursts aside). */
  minIntervalMs?: number;
  now?: () => number;
}

interface Slot {
  dirty: boolean;
  inFlight: Promise<void> | undefined;
  timer: NodeJS.Timeout | undefined;
  notBefore: number;
  /** Failed attempts in a row. */
  failures: number;
}

/**
 * Coalesces bursts of clicks into few chat.update calls: at most one call in flight per message, at most one
 * per interval, and one more after the last change, so the final message always shows the exact final state.
 */
export class MessageUpdater {
  private readonly slots = new Map<number, Slot>();
  /**
   * When recently updated messages may be updated again. A slot goes away once its message is up to date; the pace
   * outlives it, or a click right after an update would be sent at once, and a steady trickle of clicks would become
   * one update per click.
   */
  private readonly pace = new Map<number, number>();
  /** Requests whose message Slack no longer has (deleted by someone): clicks still count, the message is left alone. */
  private readonly gone = new Set<number>();
  private readonly minIntervalMs: number;
  private readonly maxAttempts: number;
  private readonly now: () => number;
  private stopped = false;

  constructor(private readonly options: MessageUpdaterOptions) {
    this.minIntervalMs = options.minIntervalMs ?? 1000;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 6);
    this.now = options.now ?? Date.now;
  }

  /** Marks a request's message as changed; the update follows within the interval. */
  request(requestId: number): void {
    if (this.gone.has(requestId)) return;
    const slot = this.slot(requestId);
    slot.dirty = true;
    this.schedule(requestId, slot);
  }

  /** Sends every pending update now and waits for all of them (used at shutdown). */
  async flush(): Promise<void> {
    this.stopped = true;
    for (let round = 0; round < 3 && this.slots.size > 0; round++) {
      await Promise.all(
        [...this.slots.entries()].map(async ([requestId, slot]) => {
          if (slot.timer) clearTimeout(slot.timer);
          slot.timer = undefined;
          if (slot.inFlight) await slot.inFlight;
          if (!slot.dirty) return;
          await sleep(Math.max(0, slot.notBefore - this.now()));
          await this.send(requestId, slot);
        }),
      );
    }
  }

  /** Number of messages with an update pending or in flight. */
  get pending(): number {
    return this.slots.size;
  }

  private slot(requestId: number): Slot {
    let slot = this.slots.get(requestId);
    if (!slot) {
      const notBefore = this.pace.get(requestId) ?? 0;
      this.pace.delete(requestId);
      slot = { dirty: false, inFlight: undefined, timer: undefined, notBefore, failures: 0 };
      this.slots.set(requestId, slot);
    }
    return slot;
  }

  /** The message is up to date: its slot goes, its pace stays until the interval has passed. */
  private release(requestId: number, slot: Slot): void {
    this.slots.delete(requestId);
    const now = this.now();
    for (const [id, notBefore] of this.pace) if (notBefore <= now) this.pace.delete(id);
    if (slot.notBefore > now) this.pace.set(requestId, slot.notBefore);
  }

  private schedule(requestId: number, slot: Slot): void {
    if (this.stopped || slot.inFlight || slot.timer) return;
    const wait = Math.max(0, slot.notBefore - this.now());
    slot.timer = setTimeout(() => {
      slot.timer = undefined;
      void this.send(requestId, slot);
    }, wait);
  }

  private async send(requestId: number, slot: Slot): Promise<void> {
    slot.dirty = false;
    slot.notBefore = this.now() + this.minIntervalMs;
    const attempt = this.options.publish(requestId).then(
      () => {
        slot.failures = 0;
      },
      (error: unknown) => this.failed(requestId, slot, error),
    );
    slot.inFlight = attempt;
    await attempt;
    slot.inFlight = undefined;
    if (slot.dirty) this.schedule(requestId, slot);
    else this.release(requestId, slot);
  }

  /** Decides what a failed update leads to; every path ends in a log line, and retries are bounded. */
  private failed(requestId: number, slot: Slot, error: unknown): void {
    const { logger } = this.options;
    const reason = (this.options.describe ?? describe)(error);
    const retryAfter = this.options.retryAfterMs(error);
    const kind = retryAfter !== undefined ? 'transient' : (this.options.classify?.(error) ?? 'refused');
    slot.failures += 1;
    // While shutting down there is no waiting for a backoff: the failure is logged, the message is fixed by the next change.
    if (kind === 'transient' && slot.failures < this.maxAttempts && !this.stopped) {
      // Whatever changed meanwhile goes out with the retry: the message is re-rendered from the database.
      const wait = retryAfter ?? Math.min(this.minIntervalMs * 2 ** (slot.failures - 1), 60_000);
      slot.dirty = true;
      slot.notBefore = Math.max(slot.notBefore, this.now() + wait);
      logger.warn(`Could not update the message of request ${requestId} (${reason}); trying again in ${wait} ms`);
      return;
    }
    const attempts = slot.failures;
    slot.failures = 0;
    if (kind === 'gone') {
      this.gone.add(requestId);
      slot.dirty = false;
      logger.info(
        `The message of request ${requestId} is gone (${reason}); clicks still count, it is no longer updated`,
      );
    } else if (kind === 'auth') {
      logger.error(
        `Slack refused Boost's token updating request ${requestId} (${reason}): check SLACK_BOT_TOKEN and that the app is installed`,
      );
    } else if (kind === 'transient') {
      logger.error(
        `Gave up updating the message of request ${requestId} after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}: ${reason}`,
      );
    } else {
      logger.error(`Could not update the message of request ${requestId}: ${reason}`);
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'data' in error) {
    const data = (error as { data?: { error?: string } }).data;
    if (data?.error) return data.error;
  }
  return error instanceof Error ? error.message : String(error);
}
