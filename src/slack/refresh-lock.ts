import type { LeasesRepository } from '../db/repositories/leases.ts';
import type { Clock } from '../domain/types.ts';
import { sleep } from '../pacing/gate.ts';

/**
 * One refresh per installation at a time. The refresh re-reads the row first, so one that waited for another finds the
 * work done.
 */
export interface RefreshLock {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

/** In one process: callers asking at once share the one refresh in flight. */
export class InProcessRefreshLock implements RefreshLock {
  private readonly running = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const current = this.running.get(key) as Promise<T> | undefined;
    if (current) return current;
    const started = work().finally(() => this.running.delete(key));
    this.running.set(key, started);
    return started;
  }
}

export interface LeasedRefreshLockOptions {
  leases: Pick<LeasesRepository, 'claim' | 'release'>;
  /** This instance, as the lease names it. */
  holder: string;
  clock: Clock;
  /** A refresh is one call to Slack; a lease still held after this belongs to an instance that died mid-way. */
  leaseMs?: number;
  /** How often a waiting instance looks whether the lease is free. */
  pollMs?: number;
  /** The longest an instance waits for another's refresh before refreshing itself (the stored pair is swapped only if unchanged). */
  maxWaitMs?: number;
}

/**
 * Across instances on one database: a lease in the database per installation, on top of the sharing in this process,
 * so that however many instances find a token due at once, Slack is asked for a new pair once.
 */
export class LeasedRefreshLock implements RefreshLock {
  private readonly inProcess = new InProcessRefreshLock();

  constructor(private readonly options: LeasedRefreshLockOptions) {}

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.inProcess.run(key, async () => {
      const held = await this.take(key);
      try {
        return await work();
      } finally {
        if (held) await this.options.leases.release(key, this.options.holder).catch(() => undefined);
      }
    });
  }

  /** True once this instance holds the lease; false when waiting ran out (the work then goes ahead unguarded). */
  private async take(key: string): Promise<boolean> {
    const { leases, holder, clock, leaseMs = 30_000, pollMs = 100, maxWaitMs = 10_000 } = this.options;
    const giveUpAt = Date.now() + maxWaitMs;
    for (;;) {
      const now = clock();
      if (await leases.claim(key, holder, now, now + leaseMs)) return true;
      if (Date.now() >= giveUpAt) return false;
      await sleep(pollMs);
    }
  }
}
