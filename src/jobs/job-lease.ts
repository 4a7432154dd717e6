import type { Repositories } from '../db/repositories/index.ts';
import type { Clock } from '../domain/types.ts';
import { newInstanceName } from '../wiring/instance-name.ts';

export interface JobLeaseDeps {
  repos: Pick<Repositories, 'leases'>;
  clock: Clock;
}

/**
 * Work that one instance at a time should do (retention, the scheduled digest): each run takes a lease in the
 * database and renews it while it lasts. Another instance's run is skipped meanwhile; a run whose instance died leaves
 * the lease to run out, and then whichever instance ticks next takes the work over.
 */
export class JobLease {
  private runs = 0;
  /** Each run holds the lease as `<instance> run <n>`, so it never takes an earlier run's lease here for its own. */
  private readonly instance = newInstanceName();

  /**
   * `name`: the lease's name in the leases table, one per job. `leaseMs`: how long a run holds the lease without
   * renewing it; an instance that died mid-run frees the work after this.
   */
  constructor(
    private readonly deps: JobLeaseDeps,
    private readonly name: string,
    private readonly leaseMs: number,
  ) {}

  /**
   * Runs `work` under the lease, or resolves with undefined without running it while another run holds the lease.
   * Afterwards the lease is kept until `keepUntil(result)` (retention keeps it a day), or given back. A run that throws
   * leaves its lease to run out, so a failing job is tried again then rather than at every tick.
   */
  async run<T>(
    now: number,
    work: () => Promise<T>,
    keepUntil?: (result: T) => number,
  ): Promise<{ value: T } | undefined> {
    const { repos, clock } = this.deps;
    const { leases } = repos;
    const { name, leaseMs } = this;
    this.runs += 1;
    const holder = `${this.instance} run ${this.runs}`;
    if (!(await leases.claim(name, holder, now, now + leaseMs))) return undefined;
    const renewal = setInterval(() => {
      const at = Math.max(now, clock());
      leases.claim(name, holder, at, at + leaseMs).catch(() => undefined);
    }, leaseMs / 4);
    renewal.unref();
    let value: T;
    try {
      value = await work();
    } finally {
      clearInterval(renewal);
    }
    if (keepUntil) await leases.claim(name, holder, now, keepUntil(value));
    else await leases.release(name, holder);
    return { value };
  }
}
