import { Gate, sleep } from './gate.ts';
import { MemoryPaceStore, type PaceEntry, type PaceStore, type PauseStore } from './store.ts';

/** How a run ended, as the caller judged it; the pacer turns it into what is due next. */
export type RunResult =
  /** Sent: the next run of this key waits for the interval. */
  | 'sent'
  /** Nothing was sent (nothing had changed): the interval is not used up. */
  | 'unchanged'
  /** Failed, and not worth another try until the key is asked for again. */
  | 'dropped'
  /** Failed for a reason that may pass: run again after `afterMs`. */
  | { retryAfterMs: number }
  /** Slack answered 429: every key of this scope waits `afterMs`, then this one runs again. */
  | { pauseScopeMs: number };

export interface Run {
  /** Failed runs of this key in a row before this one. */
  failures: number;
  /**
   * The call to Slack leaves now: the interval counts from here rather than from the start of the run (which may have
   * spent a while rendering).
   */
  sending(): void;
}

export interface KeyedPacerOptions {
  /** Does the work for a key, reading what to send at run time (so it is never stale). Must not throw. */
  run: (key: string, run: Run) => Promise<RunResult>;
  /** The workspace and method a key's run calls (pauseScope); asked when a run is about to start. */
  scopeOf: (key: string) => string | Promise<string>;
  /** Least time between the starts of two runs of one key. */
  minIntervalMs: number;
  /** Runs in flight at once, across keys (no cap by default). */
  maxConcurrent?: number;
  store?: PaceStore;
  pauses: PauseStore;
  now?: () => number;
}

/** What only this process holds for a key: its timer and whether it is waiting for a slot or running. */
interface Local {
  timer: NodeJS.Timeout | undefined;
  queued: boolean;
  running: Promise<void> | undefined;
  forgotten: boolean;
}

const IDLE: PaceEntry = { due: false, notBefore: 0, failures: 0 };

/**
 * Coalesces work per key: asking twice before a run is one run, at most one run per key is in flight, runs of a key are
 * at least an interval apart, a few run at once overall, and a 429 pauses every key of its workspace and method. A key
 * asked for while it runs runs once more afterwards, so the last state always goes out.
 */
export class KeyedPacer {
  private readonly local = new Map<string, Local>();
  private readonly gate: Gate;
  private readonly store: PaceStore;
  private readonly now: () => number;
  private stopped = false;

  constructor(private readonly options: KeyedPacerOptions) {
    this.gate = new Gate(options.maxConcurrent);
    this.store = options.store ?? new MemoryPaceStore();
    this.now = options.now ?? Date.now;
  }

  /** Asks for a run of `key`; it starts once the key's interval and any pause of its scope have passed. */
  request(key: string): void {
    if (this.stopped) return;
    this.store.put(key, { ...(this.store.get(key) ?? IDLE), due: true });
    this.schedule(key, this.localOf(key));
  }

  /** Drops everything about a key; a run in flight finishes, nothing follows it. */
  forget(key: string): void {
    const local = this.local.get(key);
    this.store.delete(key);
    if (!local) return;
    clearTimeout(local.timer);
    local.timer = undefined;
    local.forgotten = true;
    if (!local.running) this.local.delete(key);
  }

  /** Stops starting runs (shutdown); runs in flight finish, the rest are dropped. */
  stop(): void {
    this.halt();
    for (const [key, local] of this.local) if (!local.running) this.local.delete(key);
  }

  /** Stops, then runs every key still due, each once its pace and pause allow, and waits for them (shutdown). */
  async flush(): Promise<void> {
    this.halt();
    for (let round = 0; round < 3 && this.local.size > 0; round++) {
      await Promise.all(
        [...this.local.entries()].map(async ([key, local]) => {
          if (local.running) await local.running;
          const entry = this.store.get(key);
          if (!entry?.due || local.forgotten) return;
          await sleep((await this.startsAt(key, entry)) - this.now());
          await this.execute(key, local);
        }),
      );
    }
  }

  /** Keys with a run waiting or in flight. */
  get pending(): number {
    return this.local.size;
  }

  private halt(): void {
    this.stopped = true;
    for (const local of this.local.values()) {
      clearTimeout(local.timer);
      local.timer = undefined;
    }
  }

  private localOf(key: string): Local {
    let local = this.local.get(key);
    if (!local) {
      local = { timer: undefined, queued: false, running: undefined, forgotten: false };
      this.local.set(key, local);
    }
    return local;
  }

  private async startsAt(key: string, entry: PaceEntry): Promise<number> {
    return Math.max(entry.notBefore, this.options.pauses.pausedUntil(await this.options.scopeOf(key)));
  }

  private schedule(key: string, local: Local): void {
    if (this.stopped || local.running || local.timer || local.queued) return;
    const entry = this.store.get(key);
    // The scope is looked up when the timer fires, not here: this runs on every click.
    const wait = (entry?.notBefore ?? 0) - this.now();
    local.timer = setTimeout(() => void this.start(key, local), Math.max(0, wait));
  }

  private async start(key: string, local: Local): Promise<void> {
    local.timer = undefined;
    const entry = this.store.get(key);
    if (this.stopped || local.forgotten || !entry?.due) return;
    const wait = (await this.startsAt(key, entry)) - this.now();
    if (this.stopped || local.forgotten || local.timer || local.running || local.queued) return;
    if (wait > 0) {
      // The scope is paused: look again when the pause ends.
      local.timer = setTimeout(() => void this.start(key, local), wait);
      return;
    }
    local.queued = true;
    await this.gate.enter();
    local.queued = false;
    try {
      if (!this.stopped && !local.forgotten) await this.execute(key, local);
    } finally {
      this.gate.leave();
    }
  }

  private async execute(key: string, local: Local): Promise<void> {
    const before = this.store.get(key) ?? IDLE;
    // Paced from the start of the attempt, so that a failing run is not repeated in a tight loop either.
    this.store.put(key, { ...before, due: false, notBefore: this.now() + this.options.minIntervalMs });
    const sending = () => {
      if (local.forgotten) return;
      const entry = this.store.get(key) ?? IDLE;
      this.store.put(key, { ...entry, notBefore: this.now() + this.options.minIntervalMs });
    };
    const attempt = this.options.run(key, { failures: before.failures, sending }).catch((): RunResult => 'dropped');
    local.running = attempt.then(() => undefined);
    const result = await attempt;
    local.running = undefined;
    if (local.forgotten) {
      this.local.delete(key);
      return;
    }
    const entry = await this.settle(key, this.store.get(key) ?? IDLE, result, before);
    this.store.put(key, entry);
    if (entry.due && !this.stopped) this.schedule(key, local);
    else if (!entry.due) {
      this.local.delete(key);
      this.store.prune(this.now());
    }
  }

  private async settle(key: string, entry: PaceEntry, result: RunResult, before: PaceEntry): Promise<PaceEntry> {
    const now = this.now();
    if (result === 'sent') return { ...entry, failures: 0 };
    if (result === 'unchanged') return { ...entry, failures: 0, notBefore: before.notBefore };
    if (result === 'dropped') return { ...entry, failures: 0 };
    const failures = entry.failures + 1;
    if ('pauseScopeMs' in result) {
      this.options.pauses.pause(await this.options.scopeOf(key), now + result.pauseScopeMs);
      return { due: true, failures, notBefore: Math.max(entry.notBefore, now + result.pauseScopeMs) };
    }
    return { due: true, failures, notBefore: Math.max(entry.notBefore, now + result.retryAfterMs) };
  }
}
