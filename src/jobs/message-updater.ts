import type { Logger } from '@slack/bolt';

export interface MessageUpdaterOptions {
  /** Re-renders one request's message from the database and sends it; reads state at send time, so it is never stale. */
  publish: (requestId: number) => Promise<void>;
  /** How long Slack asked us to wait (Retry-After), when the error says so. */
  retryAfterMs: (error: unknown) => number | undefined;
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
}

/**
 * Coalesces bursts of clicks into few chat.update calls: at most one call in flight per message, at most one
 * per interval, and one more after the last change, so the final message always shows the exact final state.
 */
export class MessageUpdater {
  private readonly slots = new Map<number, Slot>();
  private readonly minIntervalMs: number;
  private readonly now: () => number;
  private stopped = false;

  constructor(private readonly options: MessageUpdaterOptions) {
    this.minIntervalMs = options.minIntervalMs ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** Marks a request's message as changed; the update follows within the interval. */
  request(requestId: number): void {
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
      slot = { dirty: false, inFlight: undefined, timer: undefined, notBefore: 0 };
      this.slots.set(requestId, slot);
    }
    return slot;
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
    const attempt = this.options.publish(requestId).catch((error: unknown) => {
      const retryAfter = this.options.retryAfterMs(error);
      if (retryAfter !== undefined) {
        slot.dirty = true;
        slot.notBefore = Math.max(slot.notBefore, this.now() + retryAfter);
        this.options.logger.warn(`Slack asked to wait ${retryAfter} ms before updating request ${requestId}`);
      } else {
        this.options.logger.error(`Could not update the message of request ${requestId}: ${describe(error)}`);
      }
    });
    slot.inFlight = attempt;
    await attempt;
    slot.inFlight = undefined;
    if (slot.dirty) this.schedule(requestId, slot);
    else this.slots.delete(requestId);
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
