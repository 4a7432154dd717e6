import type { Logger } from '@slack/bolt';
import { isDatabaseUnreachable } from '../db/reachability.ts';
import { newInstanceName } from '../wiring/instance-name.ts';
import { Gate, sleep } from './gate.ts';
import type { PaceClaim, PaceRelease, PaceStore, PauseStore } from './store.ts';

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
  /** Slack answered 429: every key of this scope waits `afterMs`, on every instance, then this one runs again. */
  | { pauseScopeMs: number };

export interface Run {
  /** Failed runs of this key in a row before this one, on any instance. */
  failures: number;
  /** What the key's runner kept at its last run (`keep`), on any instance; null when nothing was kept. */
  memo: string | null;
  /**
   * The call to Slack leaves now: the interval counts from here. Without it, the interval counts from the end of the
   * run, so that two calls reach Slack an interval apart however long rendering took.
   */
  sending(): void;
  /** Keeps `memo` for the next run of this key (stored with the key once the run ends). */
  keep(memo: string | null): void;
}

export interface KeyedPacerOptions {
  /** Does the work for a key, reading what to send at run time (so it is never stale). Must not throw. */
  run: (key: string, run: Run) => Promise<RunResult>;
  /** The workspace and method a key's run calls (pauseScope); asked when a run is about to start. */
  scopeOf: (key: string) => string | Promise<string>;
  /** Least time between the starts of two runs of one key, across instances. */
  minIntervalMs: number;
  /** Runs in flight at once in this process, across keys (no cap by default). */
  maxConcurrent?: number;
  /** What is due and who runs it, shared by every instance. */
  store: PaceStore;
  pauses: PauseStore;
  /**
   * Whether this process holds something of its own for the key that only its own run can send (a Home's one-off
   * notice): then a run elsewhere does not settle the key here.
   */
  hasOwnWork?: (key: string) => boolean;
  logger: Pick<Logger, 'warn'>;
  /** How long an instance holds a run it claimed without renewing it: one that dies frees its runs after this. */
  leaseMs?: number;
  /** How often this instance looks for due work nobody runs (its instance died). */
  sweepEveryMs?: number;
  /** A key with nothing due is forgotten this long after its pace ran out (it is only its pace). */
  keepIdleMs?: number;
  now?: () => number;
}

/** What only this process holds for a key: its timer and whether it is waiting for a slot or running. */
interface Local {
  timer: NodeJS.Timeout | undefined;
  queued: boolean;
  /** Its run is in flight (a change meanwhile is shown by the run that follows it, scheduled when it ends). */
  running: boolean;
  /**
   * This process claims, runs and gives back the key: the key stays here until it is given back (so `pending` counts
   * it, and a flush waits for it), though a change once the run ended may already schedule the next run.
   */
  executing: Set<Promise<void>>;
  /** Marks of this key being written. */
  marking: number;
  forgotten: boolean;
}

const LEASE_MS = 5000;
const SWEEP_EVERY_MS = 2000;
/** Due work is left to the instance that asked for it this long past its time before another one takes it. */
const SWEEP_GRACE_MS = 1000;
const SWEEP_BATCH = 100;
const PRUNE_EVERY_MS = 60_000;

/**
 * Coalesces work per key, across every instance on the database: asking twice before a run is one run, at most one run
 * per key is in flight anywhere (a lease in the database), runs of a key are at least an interval apart, a few run at
 * once per process, and a 429 pauses every key of its workspace and method on every instance. A key asked for while it
 * runs runs once more afterwards, so the last state always goes out. The instance that asks runs the key itself; a
 * sweep on each instance takes over due work whose instance died.
 */
export class KeyedPacer {
  private readonly local = new Map<string, Local>();
  /** Keys being dropped from the database (forget), counted as pending until they are. */
  private readonly deleting = new Set<Promise<void>>();
  private readonly gate: Gate;
  private readonly store: PaceStore;
  private readonly now: () => number;
  private readonly holder = newInstanceName();
  private readonly leaseMs: number;
  private stopped = false;
  private sweeper: NodeJS.Timeout | undefined;
  private sweeping = false;
  private nextPrune = 0;

  constructor(private readonly options: KeyedPacerOptions) {
    this.gate = new Gate(options.maxConcurrent);
    this.store = options.store;
    this.now = options.now ?? Date.now;
    this.leaseMs = options.leaseMs ?? LEASE_MS;
  }

  /** Starts looking for due work that no instance runs (at once: a crash before a restart may have left some). */
  start(): void {
    if (this.stopped || this.sweeper) return;
    this.sweeper = setInterval(() => void this.sweep(), this.options.sweepEveryMs ?? SWEEP_EVERY_MS);
    this.sweeper.unref();
    void this.sweep();
  }

  /** Asks for a run of `key`; it starts once the key's interval and any pause of its scope have passed. */
  request(key: string): void {
    this.mark(key, () => this.store.markDue(key, this.now()));
  }

  /**
   * Marks the key due with `mark` (a write of the caller's), then runs it as `request` does; nothing runs when `mark`
   * answers false (the key is unknown).
   */
  mark(key: string, mark: () => Promise<unknown>): void {
    if (this.stopped) return;
    const local = this.localOf(key);
    local.marking += 1;
    mark().then(
      (known) => {
        local.marking -= 1;
        if (known !== false) this.schedule(key, local, this.now());
        this.dropIfIdle(key, local);
      },
      (error: unknown) => {
        local.marking -= 1;
        // Not lost if it was written after all: the sweep finds it.
        this.options.logger.warn(`Could not record that ${key} is due: ${(error as Error).message}`);
        this.dropIfIdle(key, local);
      },
    );
  }

  /** The caller's own transaction already marked the key due (with the change itself): runs it as `request` does. */
  wake(key: string): void {
    if (this.stopped) return;
    const local = this.localOf(key);
    this.schedule(key, local, this.now());
  }

  /** Drops everything about a key; a run in flight finishes, nothing follows it. */
  forget(key: string): void {
    const deleting: Promise<void> = this.store
      .forget(key)
      .catch((error: unknown) => {
        this.options.logger.warn(`Could not drop ${key}: ${(error as Error).message}`);
      })
      .finally(() => this.deleting.delete(deleting));
    this.deleting.add(deleting);
    const local = this.local.get(key);
    if (!local) return;
    clearTimeout(local.timer);
    local.timer = undefined;
    local.forgotten = true;
    this.dropIfIdle(key, local);
  }

  /** Stops starting runs (shutdown); runs in flight finish, the rest stay due for the other instances or a restart. */
  stop(): void {
    this.halt();
    for (const [key, local] of this.local) this.dropIfIdle(key, local);
  }

  /** Stops, then runs every key this process asked for that is still due, once pace and pause allow (shutdown). */
  async flush(): Promise<void> {
    this.halt();
    for (let round = 0; round < 3 && this.local.size > 0; round++) {
      await Promise.all([...this.local.entries()].map(([key, local]) => this.flushOne(key, local)));
    }
  }

  /** Runs the key if it is still due and no other instance runs it; it stays for another round if due again. */
  private async flushOne(key: string, local: Local): Promise<void> {
    try {
      while (local.marking > 0) await sleep(5);
      // A run that started before the stop (its claim in flight, or it is being given back) ends first.
      await Promise.allSettled(local.executing);
      const row = local.forgotten ? undefined : await this.store.state(key);
      if (row?.due && row.heldUntil <= this.now()) {
        await sleep(Math.max(row.notBefore, await this.pausedUntil(key)) - this.now());
        await this.execute(key, local);
        if ((await this.store.state(key))?.due) return;
      }
    } catch (error) {
      this.options.logger.warn(`Could not run ${key} before stopping: ${(error as Error).message}`);
    }
    this.local.delete(key);
  }

  /** Keys with a run waiting or in flight in this process, or being dropped. */
  get pending(): number {
    return this.local.size + this.deleting.size;
  }

  private halt(): void {
    this.stopped = true;
    clearInterval(this.sweeper);
    this.sweeper = undefined;
    for (const local of this.local.values()) {
      clearTimeout(local.timer);
      local.timer = undefined;
    }
  }

  private localOf(key: string): Local {
    let local = this.local.get(key);
    if (!local) {
      local = {
        timer: undefined,
        queued: false,
        running: false,
        executing: new Set(),
        marking: 0,
        forgotten: false,
      };
      this.local.set(key, local);
    }
    return local;
  }

  private dropIfIdle(key: string, local: Local): void {
    if (local.timer || local.queued || local.running || local.executing.size > 0 || local.marking > 0) return;
    if (this.local.get(key) === local) this.local.delete(key);
  }

  private async pausedUntil(key: string): Promise<number> {
    return this.options.pauses.sharedPause(await this.options.scopeOf(key));
  }

  /** Tries the key at `at`, unless this process already has it waiting or running. */
  private schedule(key: string, local: Local, at: number): void {
    if (this.stopped || local.forgotten || local.running || local.timer || local.queued) return;
    local.timer = setTimeout(() => void this.tryRun(key, local), Math.max(0, at - this.now()));
  }

  private async tryRun(key: string, local: Local): Promise<void> {
    local.timer = undefined;
    try {
      if (this.stopped || local.forgotten) return;
      const wait = (await this.pausedUntil(key)) - this.now();
      if (this.stopped || local.forgotten || local.timer || local.running || local.queued) return;
      if (wait > 0) {
        // The scope is paused: look again when the pause ends.
        this.schedule(key, local, this.now() + wait);
        return;
      }
      local.queued = true;
      await this.gate.enter();
      local.queued = false;
      try {
        if (!this.stopped && !local.forgotten) await this.executeNoted(key, local);
      } finally {
        this.gate.leave();
      }
    } catch (error) {
      // The database did not answer: the key stays due there, and the sweep tries it again.
      this.options.logger.warn(`Could not run ${key}: ${(error as Error).message}`);
    } finally {
      this.dropIfIdle(key, local);
    }
  }

  private async execute(key: string, local: Local): Promise<void> {
    const started = this.now();
    const { minIntervalMs } = this.options;
    // Paced from the start of the attempt, so that a failing run is not repeated in a tight loop either.
    const claim = await this.store.claim(key, this.holder, started, {
      notBefore: started + minIntervalMs,
      heldUntil: started + this.leaseMs,
    });
    if (!claim) return this.missed(key, local);
    const renewal = setInterval(() => {
      this.store.renew(key, this.holder, this.now() + this.leaseMs).catch(() => undefined);
    }, this.leaseMs / 3);
    renewal.unref();
    let sentAt: number | undefined;
    let memo: string | null | undefined;
    local.running = true;
    let result: RunResult;
    try {
      result = await this.options
        .run(key, {
          failures: claim.failures,
          memo: claim.memo,
          sending: () => {
            sentAt = this.now();
          },
          keep: (kept) => {
            memo = kept;
          },
        })
        .catch((): RunResult => 'dropped');
    } finally {
      clearInterval(renewal);
      local.running = false;
    }
    const end = await this.endOf(key, result, claim, started, sentAt);
    const next = await this.store.release(key, this.holder, this.now(), { ...end, memo });
    if (next?.due && !this.stopped && !local.forgotten) this.schedule(key, local, next.notBefore);
  }

  /** Executes the key, noting it on `local` for as long as it takes. */
  private async executeNoted(key: string, local: Local): Promise<void> {
    const executing = this.execute(key, local);
    local.executing.add(executing);
    try {
      await executing;
    } finally {
      local.executing.delete(executing);
    }
  }

  /** Another instance ran the key or runs it now, or its pace has not run out. */
  private async missed(key: string, local: Local): Promise<void> {
    const row = await this.store.state(key);
    if (!row || local.forgotten) return;
    const now = this.now();
    const busyUntil = Math.max(row.notBefore, row.heldUntil);
    if (!row.due) {
      // A run elsewhere showed every change made so far, but not what only this process holds.
      if (!this.options.hasOwnWork?.(key)) return;
      await this.store.markDue(key, now);
      this.schedule(key, local, busyUntil);
    } else if (row.heldUntil <= now) {
      // Not held: its pace has not run out (or its holder just gave it back).
      this.schedule(key, local, Math.max(busyUntil, now + 10));
    } else if (this.options.hasOwnWork?.(key)) {
      this.schedule(key, local, busyUntil);
    }
    // Otherwise the instance that holds it runs it again when it gives it back, and the sweep covers its death.
  }

  private async endOf(
    key: string,
    result: RunResult,
    claim: PaceClaim,
    started: number,
    sentAt: number | undefined,
  ): Promise<Omit<PaceRelease, 'memo'>> {
    const { minIntervalMs } = this.options;
    if (result === 'sent') return { due: false, failures: 0, notBefore: (sentAt ?? this.now()) + minIntervalMs };
    if (result === 'unchanged') return { due: false, failures: 0, notBefore: started };
    if (result === 'dropped') return { due: false, failures: 0, notBefore: started + minIntervalMs };
    const now = this.now();
    const failures = claim.failures + 1;
    if ('pauseScopeMs' in result) {
      await this.options.pauses.pause(await this.options.scopeOf(key), now + result.pauseScopeMs);
      return { due: true, failures, notBefore: Math.max(started + minIntervalMs, now + result.pauseScopeMs) };
    }
    return { due: true, failures, notBefore: Math.max(started + minIntervalMs, now + result.retryAfterMs) };
  }

  /** Takes up due work that no instance runs: asked for by an instance that died, or held by one when it died. */
  private async sweep(): Promise<void> {
    if (this.stopped || this.sweeping) return;
    this.sweeping = true;
    try {
      const now = this.now();
      for (const key of await this.store.overdue(now, now - SWEEP_GRACE_MS, SWEEP_BATCH)) {
        if (!this.local.has(key)) this.schedule(key, this.localOf(key), now);
      }
      if (now >= this.nextPrune) {
        this.nextPrune = now + PRUNE_EVERY_MS;
        await this.store.pruneIdle(now - (this.options.keepIdleMs ?? PRUNE_EVERY_MS));
      }
    } catch (error) {
      // The database out of reach is logged once where it is found, not at every sweep; the next sweep tries again.
      if (!isDatabaseUnreachable(error)) {
        this.options.logger.warn(`Could not look for due work: ${(error as Error).message}`);
      }
    } finally {
      this.sweeping = false;
    }
  }
}
