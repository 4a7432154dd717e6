import type { AnyMiddlewareArgs, Logger, Middleware } from '@slack/bolt';

/**
 * Counts the deliveries being handled, from their arrival to the end of the work after their ack (the private reply,
 * the records, the update it schedules). Stopping waits for them before the database closes, and the count says exactly
 * when Boost has finished with everything it was sent.
 */
export class DeliveriesInFlight {
  private count = 0;
  private readonly onIdle: Array<() => void> = [];

  constructor(private readonly logger: Pick<Logger, 'warn'>) {}

  /** Goes first among the middlewares, so that it spans every other one and the handler. */
  readonly track: Middleware<AnyMiddlewareArgs> = async ({ next }) => {
    this.count += 1;
    try {
      await next();
    } finally {
      this.ended();
    }
  };

  /**
   * Work a delivery leaves for after its answer (fetching a profile for next time): counted like the delivery, so
   * stopping waits for it, and a failure is logged rather than left unhandled.
   */
  later(what: string, task: () => Promise<unknown>): void {
    this.count += 1;
    setImmediate(() => {
      task()
        .catch((error: unknown) =>
          this.logger.warn(`Could not ${what}: ${error instanceof Error ? error.message : error}`),
        )
        .finally(() => this.ended());
    });
  }

  private ended(): void {
    this.count -= 1;
    if (this.count === 0) for (const resolve of this.onIdle.splice(0)) resolve();
  }

  get inFlight(): number {
    return this.count;
  }

  /** Resolves once no delivery is being handled, or after `maxWaitMs` if some never end. */
  idle(maxWaitMs: number): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, maxWaitMs).unref();
      this.onIdle.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
