import type { LinkClick } from '../db/repositories/links.ts';

interface Pending extends LinkClick {
  /** Answers the click once it is counted (or could not be). */
  then: () => void;
}

/**
 * Group commit for clicks: the clicks that arrive in one turn of the event loop are counted in one transaction (one
 * upsert each), then answered. A click is answered only after it was written, and a burst costs one commit instead of
 * one per click, which is what keeps the redirect fast under many concurrent clients. A lone click waits for nothing
 * but the end of the current turn.
 */
export class ClickBatch {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly countAll: (clicks: readonly LinkClick[]) => Promise<unknown>,
    private readonly onError: (error: unknown, clicks: number) => void,
  ) {}

  record(token: string, day: string, then: () => void): void {
    this.pending.push({ token, day, then });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
  }

  private readonly flush = async (): Promise<void> => {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    try {
      await this.countAll(batch);
    } catch (error) {
      // The people still get where they were going; uncounted clicks are the lesser harm.
      this.onError(error, batch.length);
    }
    for (const click of batch) {
      try {
        click.then();
      } catch (error) {
        this.onError(error, 0);
      }
    }
  };
}
