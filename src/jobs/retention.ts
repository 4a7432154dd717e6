import type { Logger } from '@slack/bolt';
import type { Repositories } from '../db/repositories/index.ts';
import type { Purged } from '../db/repositories/retention.ts';
import { retentionCutoffs } from '../domain/privacy-rules.ts';

const DAY_MS = 86_400_000;

export interface RetentionJobDeps {
  repos: Repositories;
  /** DATA_RETENTION_DAYS. */
  retentionDays: number;
  logger: Logger;
}

/**
 * Once a day, deletes what Boost no longer needs: requests closed or expired more than DATA_RETENTION_DAYS ago with
 * their participations, tracked links and clicks; everything of workspaces uninstalled that long ago; stale profile
 * caches and digest records; Slack delivery receipts after a day. The scheduler calls runOnce every minute; it runs at
 * most once per day (the first call always runs).
 */
export class RetentionJob {
  private lastRunAt: number | undefined;

  constructor(private readonly deps: RetentionJobDeps) {}

  async runOnce(now: number): Promise<Purged | undefined> {
    if (this.lastRunAt !== undefined && now - this.lastRunAt < DAY_MS) return undefined;
    this.lastRunAt = now;
    const { repos, retentionDays, logger } = this.deps;
    const purged = await repos.transaction((tx) => tx.retention.purge(retentionCutoffs(now, retentionDays)));
    const figures = Object.entries(purged).filter(([, count]) => count > 0);
    if (figures.length > 0) {
      logger.info(`Retention: deleted ${figures.map(([what, count]) => `${count} ${what}`).join(', ')}.`);
    }
    return purged;
  }
}
