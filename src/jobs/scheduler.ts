import type { Logger } from '@slack/bolt';
import { Cron } from 'croner';
import type { Clock } from '../domain/types.ts';

export interface ScheduledJob {
  runOnce(now: number): Promise<unknown>;
  stop?(): void;
}

/** Every minute by default: each job's run decides itself what is due, from the injected clock. */
const EVERY_MINUTE = '* * * * *';
const EVERY_SECOND = '* * * * * *';

/**
 * Runs each job once a minute (JOB_INTERVAL_SECONDS). A job still busy from the previous minute is skipped (a long digest run never piles
 * up); jobs do not wait for each other. Tests do not wait for ticks: they call a job's runOnce(now) directly.
 */
export class Scheduler {
  private cron: Cron | undefined;
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(
    private readonly jobs: Readonly<Record<string, ScheduledJob>>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly intervalSeconds = 60,
  ) {}

  start(): void {
    if (this.cron) return;
    // Not awaited: a long digest run must not hold back the next minute's expiry and reminders.
    const tick = () => {
      void this.tick();
    };
    this.cron =
      this.intervalSeconds === 60
        ? new Cron(EVERY_MINUTE, tick)
        : new Cron(EVERY_SECOND, { interval: this.intervalSeconds }, tick);
  }

  /** Starts every job that is not already running; resolves when those started have finished. */
  async tick(): Promise<void> {
    const now = this.clock();
    const started = Object.entries(this.jobs)
      .filter(([name]) => !this.running.has(name))
      .map(([name, job]) => {
        const run = job
          .runOnce(now)
          .catch((error: unknown) => {
            this.logger.error(`Job ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
          })
          .finally(() => this.running.delete(name));
        this.running.set(name, run);
        return run;
      });
    await Promise.all(started);
  }

  /** Stops the ticks, asks running jobs to stop claiming new work, and waits for what is in flight. */
  async stop(): Promise<void> {
    this.cron?.stop();
    this.cron = undefined;
    for (const job of Object.values(this.jobs)) job.stop?.();
    await Promise.all(this.running.values());
  }
}
