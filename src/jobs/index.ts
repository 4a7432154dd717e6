import type { Logger } from '@slack/bolt';
import type { Config } from '../config.ts';
import type { Repositories } from '../db/repositories/index.ts';
import type { BoostRequest, Clock } from '../domain/types.ts';
import type { DmSender } from '../slack/dm-sender.ts';
import { DigestJob, type ZoneProfile } from './digest.ts';
import { ExpiryJob } from './expiry.ts';
import { ReminderJob } from './reminders.ts';
import { RetentionJob } from './retention.ts';
import { Scheduler } from './scheduler.ts';
import { ThanksJob, type ThanksJobDeps } from './thanks.ts';
import { UnpostedJob } from './unposted.ts';

export interface JobsDeps {
  repos: Repositories;
  config: Config;
  clock: Clock;
  logger: Logger;
  sender: DmSender;
  /** Re-renders a request's channel message (the coalescing updater). */
  updateMessage: (requestId: number) => void;
  /** users.info through the profile cache, for people whose time zone is not known yet. */
  lookUpZone: (teamId: string, userId: string) => Promise<ZoneProfile | undefined>;
  /** Posts a request again that Slack certainly did not post (the retry is claimed already). */
  retryPost: (request: BoostRequest) => Promise<unknown>;
  /** Tells a requester why their request is not in its channel yet. */
  tellRequester: (request: BoostRequest) => Promise<unknown>;
  /** Takes over and sends presses of "Send thanks" whose instance died half-way. */
  thanks: Omit<ThanksJobDeps, 'logger'>;
}

/** The background work; each job's runOnce(now) is what the minute tick calls, and what tests call directly. */
export interface BoostJobs {
  expiry: ExpiryJob;
  reminders: ReminderJob;
  digest: DigestJob;
  retention: RetentionJob;
  unposted: UnpostedJob;
  thanks: ThanksJob;
  scheduler: Scheduler;
}

export function createJobs(deps: JobsDeps): BoostJobs {
  const { repos, config, clock, logger, sender } = deps;
  const expiry = new ExpiryJob({ repos, updateMessage: deps.updateMessage, logger });
  const reminders = new ReminderJob({ repos, config, sender, logger });
  const digest = new DigestJob({ repos, config, sender, logger, clock, lookUpZone: deps.lookUpZone });
  // Expiry comes first in each tick's list so a request past its deadline is closed before anything mentions it.
  const retention = new RetentionJob({ repos, retentionDays: config.DATA_RETENTION_DAYS, logger, clock });
  const unposted = new UnpostedJob({ repos, logger, retry: deps.retryPost, tell: deps.tellRequester });
  const thanks = new ThanksJob({ ...deps.thanks, logger });
  const scheduler = new Scheduler(
    { expiry, reminders, digest, retention, unposted, thanks },
    clock,
    logger,
    config.JOB_INTERVAL_SECONDS,
  );
  return { expiry, reminders, digest, retention, unposted, thanks, scheduler };
}
