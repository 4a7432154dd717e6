import type { Logger } from '@slack/bolt';
import type { Repositories } from '../db/repositories/index.ts';
import type { Purged } from '../db/repositories/retention.ts';
import { retentionCutoffs } from '../domain/privacy-rules.ts';
import type { Clock } from '../domain/types.ts';
import { JobLease } from './job-lease.ts';

const DAY_MS = 86_400_000;
/** How long a run may go unrenewed before another instance takes it over (the purge is one transaction). */
export const RETENTION_RUN_LEASE_MS = 10 * 60_000;

export interface RetentionJobDeps {
  repos: Repositories;
  /** DATA_RETENTION_DAYS. */
  retentionDays: number;
  logger: Logger;
  clock: Clock;
}

/**
 * Once a day, deletes what Boost no longer needs: requests closed or expired more than DATA_RETENTION_DAYS ago with
 * their participations, tracked links and clicks; everything of workspaces uninstalled that long ago; stale profile
 * caches and digest records; Slack delivery receipts after a day. The scheduler calls runOnce at every tick of every
 * instance; a lease in the database makes it run once a day across them: held while a run lasts, then kept for a day
 * from the run's start. An instance that dies mid-run (the purge is one transaction, so nothing is half done) leaves
 * the lease to run out after RETENTION_RUN_LEASE_MS, and another instance runs it then.
 */
export class RetentionJob {
  private readonly lease: JobLease;

  constructor(private readonly deps: RetentionJobDeps) {
    this.lease = new JobLease(deps, 'retention', RETENTION_RUN_LEASE_MS);
  }

  /** The counts deleted, or undefined when retention already ran (or is running) within the day. */
  async runOnce(now: number): Promise<Purged | undefined> {
    const run = await this.lease.run(
      now,
      () => this.purge(now),
      () => now + DAY_MS,
    );
    return run?.value;
  }

  private async purge(now: number): Promise<Purged> {
    const { repos, retentionDays, logger } = this.deps;
    const purged = await repos.transaction((tx) => tx.retention.purge(retentionCutoffs(now, retentionDays)));
    const figures = Object.entries(purged).filter(([, count]) => count > 0);
    if (figures.length > 0) {
      logger.info(`Retention: deleted ${figures.map(([what, count]) => `${count} ${what}`).join(', ')}.`);
    }
    return purged;
  }
}
