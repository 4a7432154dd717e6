// A click is acknowledged only once it is committed, and a commit is the dearest part of recording one: it writes every
// page the click touched (the participation, its indexes, the delivery receipt) to the WAL. When clicks arrive
// together, they share one commit: each piece of work waits for the end of the event loop's current pass, then all
// that arrived in that pass run in one transaction, each in a savepoint of its own, so one that fails is rolled back
// alone. A click on its own waits only for the end of the current pass.

type Transaction = <T>(work: () => T) => T;

interface Pending {
  work: () => unknown;
  resolve: (value: never) => void;
  reject: (error: unknown) => void;
}

export class CommitGroup {
  private pending: Pending[] = [];
  private scheduled = false;

  /** `transaction` runs its work in a transaction, or in a savepoint when one is open (better-sqlite3 does both). */
  constructor(private readonly transaction: Transaction) {}

  /** Runs `work` (synchronous) in the next group commit; resolves with its result once that commit is done. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: never) => void, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.commit());
    });
  }

  private commit(): void {
    this.scheduled = false;
    const group = this.pending;
    this.pending = [];
    const outcomes: Array<{ value: unknown } | { error: unknown }> = [];
    try {
      this.transaction(() => {
        for (const { work } of group) {
          try {
            outcomes.push({ value: this.transaction(work) });
          } catch (error) {
            outcomes.push({ error });
          }
        }
      });
    } catch (error) {
      // The commit itself failed: nothing of the group was saved.
      for (const { reject } of group) reject(error);
      return;
    }
    group.forEach(({ resolve, reject }, i) => {
      const outcome = outcomes[i];
      if (outcome && 'error' in outcome) reject(outcome.error);
      else resolve(outcome?.value as never);
    });
  }
}
