import type { Logger } from '@slack/bolt';
import type { Repositories } from '../db/repositories/index.ts';

const BATCH = 500;

export interface ExpiryJobDeps {
  repos: Repositories;
  /** Re-renders a request's channel message (the coalescing updater). */
  updateMessage: (requestId: number) => void;
  logger: Logger;
}

/**
 * Requests past their deadline close by themselves (status `expired`); their channel message then shows the final
 * figures and no buttons. Closing is a conditional update, so two runs never expire (or update) a request twice.
 */
export class ExpiryJob {
  constructor(private readonly deps: ExpiryJobDeps) {}

  async runOnce(now: number): Promise<number[]> {
    const { requests } = this.deps.repos;
    const expired: number[] = [];
    for (;;) {
      // A request is open for help up to and including its deadline, so it expires once the deadline has passed.
      const batch = await requests.listPastDeadline(now - 1, BATCH);
      for (const request of batch) {
        if (await requests.close(request.id, 'expired', null, now)) {
          expired.push(request.id);
          this.deps.updateMessage(request.id);
        }
      }
      if (batch.length < BATCH) break;
    }
    if (expired.length > 0) this.deps.logger.info(`Expired ${expired.length} request(s) past their deadline.`);
    return expired;
  }
}
