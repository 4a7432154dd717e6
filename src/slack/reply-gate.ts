import { performance } from 'node:perf_hooks';

export interface ReplyGateOptions {
  /** Requests stopped arriving this long ago: the moment is quiet (default 5 ms). */
  quietMs?: number;
  /** The longest a waiting reply is held back while requests keep arriving (default 1 s). */
  maxWaitMs?: number;
  /** Milliseconds on a monotonic clock; real time, as the pace is the server's load, not product time. */
  now?: () => number;
}

const OVERDUE_PER_PASS = 4;

/**
 * A gate that holds the private replies following acks until the acks of the requests still arriving have gone out.
 * Slack drops an interaction that is not acknowledged within 3 seconds, and a popular request gets hundreds of clicks
 * at once. So the work that follows an ack (building the private reply with its share links, sending it through
 * response_url) waits for a quiet moment, when no request has arrived for `quietMs`: then the waiting handlers resume
 * one per turn of the event loop, in the order they came, so any request arriving meanwhile is read and acknowledged
 * first. While requests keep arriving, a reply that has waited `maxWaitMs` goes anyway, a few per pass of the event
 * loop. Clicks one at a time wait a few milliseconds at most.
 *
 * Only replies wait. A modal must open within 3 s of its click (its trigger_id expires), so views.open never does.
 */
export class ReplyGate {
  private readonly waiting: Array<{ resume: () => void; since: number }> = [];
  private lastArrival = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private readonly quietMs: number;
  private readonly maxWaitMs: number;
  private readonly now: () => number;

  constructor(options: ReplyGateOptions = {}) {
    this.quietMs = options.quietMs ?? 5;
    this.maxWaitMs = options.maxWaitMs ?? 1000;
    this.now = options.now ?? (() => performance.now());
  }

  /** Called for every HTTP request as it arrives. */
  requestArrived(): void {
    this.lastArrival = this.now();
  }

  /** Resolves when it is this caller's turn: after the acks of the requests that are arriving. */
  wait(): Promise<void> {
    return new Promise((resume) => {
      this.waiting.push({ resume, since: this.now() });
      this.schedule(0);
    });
  }

  /** Lets every waiting handler go on at once (Boost is stopping; their replies go out before the database closes). */
  releaseAll(): void {
    clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
    for (const { resume } of this.waiting.splice(0)) resume();
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.immediate || this.waiting.length === 0) return;
    const run = () => {
      this.timer = undefined;
      this.immediate = undefined;
      this.giveTurns();
    };
    if (delayMs <= 0) this.immediate = setImmediate(run);
    else this.timer = setTimeout(run, delayMs).unref();
  }

  private giveTurns(): void {
    const now = this.now();
    const quietFor = now - this.lastArrival;
    let resumed = 0;
    if (quietFor >= this.quietMs) {
      this.waiting.shift()?.resume();
      resumed = 1;
    } else {
      // Overdue ones go a few per pass, so that a backlog of them never holds the loop for long either.
      while (resumed < OVERDUE_PER_PASS && (this.waiting[0]?.since ?? now) <= now - this.maxWaitMs) {
        this.waiting.shift()?.resume();
        resumed += 1;
      }
    }
    const oldest = this.waiting[0];
    if (!oldest) return;
    // After a turn, the next one comes after the event loop has read what arrived meanwhile.
    if (resumed > 0) this.schedule(0);
    else this.schedule(Math.max(1, Math.min(this.quietMs - quietFor, oldest.since + this.maxWaitMs - now)));
  }
}
