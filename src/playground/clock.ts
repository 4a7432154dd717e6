import { Cron } from 'croner';
import { REMINDER_LEAD_MS } from '../domain/reminders.ts';
import type { Clock } from '../domain/types.ts';

// The playground's clock, given to Boost as its `clock`: the real time plus however far the person jumped ahead.
// Time keeps flowing after a jump. It only ever moves forward, as Boost's jobs expect of time.

const MINUTE = 60_000;

export class PlaygroundClock {
  private aheadMs = 0;

  readonly now: Clock = () => Date.now() + this.aheadMs;

  /** Moves to `at` if that is ahead; answers whether it moved. */
  jumpTo(at: number): boolean {
    if (at <= this.now()) return false;
    this.aheadMs = at - Date.now();
    return true;
  }

  reset(): void {
    this.aheadMs = 0;
  }
}

/**
 * The first moment after `now` at which the digest slot (DIGEST_CRON, "0 9 * * 1": Monday 09:00) has come for everyone
 * in `zones`: the latest of their next slots, one minute past it.
 */
export function nextDigestSlot(pattern: string, zones: readonly string[], now: number): number {
  const slots = zones.map((timezone) => new Cron(pattern, { paused: true, timezone }).nextRun(new Date(now)));
  return Math.max(...slots.map((slot) => slot?.getTime() ?? now)) + MINUTE;
}

/** Just inside the day before the earliest deadline: "Remind me before the deadline" reminders are due then. */
export function dayBeforeDeadline(deadlines: readonly number[]): number | undefined {
  if (deadlines.length === 0) return undefined;
  return Math.min(...deadlines) - REMINDER_LEAD_MS + MINUTE;
}

/** Just past the earliest deadline: that request expires. */
export function pastDeadline(deadlines: readonly number[]): number | undefined {
  if (deadlines.length === 0) return undefined;
  return Math.min(...deadlines) + MINUTE;
}
