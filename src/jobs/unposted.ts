import type { Logger } from '@slack/bolt';
import type { Repositories } from '../db/repositories/index.ts';
import { POST_LEASE_MS } from '../domain/posting.ts';
import type { BoostRequest } from '../domain/types.ts';

/** Posts and notices taken per tick; the rest wait for the next minute. */
const BATCH = 20;

export interface UnpostedJobDeps {
  repos: Repositories;
  logger: Logger;
  /** Posts a claimed request again (an automatic retry: the requester already heard of a `retry` failure). */
  retry: (request: BoostRequest) => Promise<unknown>;
  /** Tells the requester why their request is not in its channel yet. */
  tell: (request: BoostRequest) => Promise<unknown>;
}

/**
 * Requests whose message is not in their channel yet (see domain/posting.ts). Each minute: attempts that never
 * answered become `unconfirmed` (their post may have landed, so they are not sent again); retries that are due are
 * posted again; requesters whose message about it failed are told again. Every step claims its rows in the database
 * first, so a restart or a second instance carries on without doing anything twice.
 */
export class UnpostedJob {
  private stopped = false;

  constructor(private readonly deps: UnpostedJobDeps) {}

  async runOnce(now: number): Promise<{ lapsed: number; retried: number; told: number }> {
    const { requests } = this.deps.repos;
    const lapsed = await requests.lapsePostsPastLease(now);
    for (const id of lapsed) {
      this.deps.logger.warn(
        `Request ${id}: its post never got an answer; it may be in the channel, so it is not sent again`,
      );
    }
    // One at a time: a job told to stop leaves nothing claimed and unsent behind it.
    let retried = 0;
    for (; retried < BATCH && !this.stopped; retried++) {
      const request = await requests.claimDueRetry(now, now + POST_LEASE_MS);
      if (!request) break;
      await this.deps.retry(request);
    }
    let told = 0;
    for (; told < BATCH && !this.stopped; told++) {
      const request = await requests.claimDueNotice(now, now + POST_LEASE_MS);
      if (!request) break;
      await this.deps.tell(request);
    }
    return { lapsed: lapsed.length, retried, told };
  }

  stop(): void {
    this.stopped = true;
  }
}
