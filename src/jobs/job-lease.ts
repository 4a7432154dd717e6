import type { LeasesRepository } from '../db/repositories/leases.ts';
import type { Clock } from '../domain/types.ts';
import { newInstanceName } from '../wiring/instance-name.ts';

export interface JobLeaseDeps {
  leases: LeasesRepository;
  /** The lease's name in the leases table, one per job. */
  name: string;
  clock: Clock;
  /** How long a run holds the lease without renewing it: an instance that died mid-run frees the work after this. */
  leaseMs: number;
}

/**
 * Work that one instance at a time should do (retention, the scheduled digest): each run takes a lease in the
 * database and renews it while it lasts. Another instance's run is skipped meanwhile; a run whose instance died leaves
 * the lease to run out, and then whichever instance ticks next takes the work over.
 */
export class JobLease {
  private runs = 0;
  /** Every run its own holder, so a run never mistakes an earlier run's lease in this process for its own. */
  private readonly instance = newInstanceName();

  constructor(private readonly deps: JobLeaseDeps) {}

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
    const { leases, name, clock, leaseMs } = this.deps;
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
