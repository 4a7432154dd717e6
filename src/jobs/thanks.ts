import type { Logger } from '@slack/bolt';
import type { Services } from '../services/index.ts';
import type { ThanksBatch, ThanksOutcome } from '../services/thanks.ts';

/** Batches finished per run; more wait for the next tick. */
const BATCH = 20;

export interface ThanksJobDeps {
  thanks: Pick<Services['thanks'], 'takeUnfinished'>;
  /** Sends a batch's thanks (each helper claimed right before their message), as the "Send thanks" button does. */
  send: (batch: ThanksBatch, now: number) => Promise<ThanksOutcome>;
  logger: Logger;
}

/**
 * Finishes presses of "Send thanks" whose instance died half-way: their lease ran out with helpers not thanked yet.
 * Those helpers are thanked now; a helper claimed before the instance died is not (their message may have arrived).
 */
export class ThanksJob {
  private stopped = false;

  constructor(private readonly deps: ThanksJobDeps) {}

  async runOnce(now: number): Promise<{ batches: number; thanked: number }> {
    let batches = 0;
    let thanked = 0;
    // One batch at a time: a job told to stop leaves no batch taken over and unsent behind it.
    for (; batches < BATCH && !this.stopped; batches++) {
      const batch = await this.deps.thanks.takeUnfinished(now);
      if (!batch) break;
      thanked += (await this.deps.send(batch, now)).thanked;
    }
    if (batches > 0) this.deps.logger.info(`Thanks: finished ${batches} unfinished batch(es), ${thanked} thanked.`);
    return { batches, thanked };
  }

  stop(): void {
    this.stopped = true;
  }
}
