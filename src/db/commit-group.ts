import type Database from 'better-sqlite3';

// A click is acknowledged only once it is committed, and a commit is the dearest part of recording one: it writes every
// page the click touched (the participation, its indexes, the delivery receipt) to the WAL. When transactions arrive
// together, they share one commit: each waits for the end of the event loop's current pass, then all that arrived in
// that pass run in one transaction, one after the other, each in a savepoint of its own, so one that fails is rolled
// back alone. A transaction on its own waits only for the end of the current pass.
//
// SQLite has one connection here, so while a group's transaction is open (its work is asynchronous), a repository call
// from outside it waits for the commit (`whenIdle`) rather than slipping into a transaction that may be rolled back.

type Work<Tx> = (tx: Tx) => unknown;

interface Pending<Tx> {
  work: Work<Tx>;
  resolve: (value: never) => void;
  reject: (error: unknown) => void;
}

type Outcome = { value: unknown } | { error: unknown };

export class CommitGroup<Tx> {
  private pending: Pending<Tx>[] = [];
  private scheduled = false;
  private open = false;
  private waiting: Array<() => void> = [];
  private savepoints = 0;

  /** `tx` is what each piece of work is given: the repositories that run inside the open transaction. */
  constructor(
    private readonly sqlite: Pick<Database.Database, 'prepare' | 'exec' | 'inTransaction'>,
    private readonly tx: Tx,
  ) {
    // Prepared once: every transaction runs five of these.
    const statement = (source: string) => {
      const prepared = sqlite.prepare(source);
      return () => void prepared.run();
    };
    this.sql = {
      begin: statement('begin'),
      commit: statement('commit'),
      savepoint: statement('savepoint work'),
      release: statement('release work'),
      rollbackTo: statement('rollback to work'),
    };
  }

  private readonly sql: Record<'begin' | 'commit' | 'savepoint' | 'release' | 'rollbackTo', () => void>;

  /** Runs `work` in the next group commit; resolves with its result once that commit is done. */
  run<T>(work: (tx: Tx) => T | Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: never) => void, reject });
      this.schedule();
    });
  }

  /** True while a group's transaction is open. */
  get busy(): boolean {
    return this.open;
  }

  /** Runs `call` once no group's transaction is open: at once when none is. */
  whenIdle<T>(call: () => T): Promise<Awaited<T>> {
    if (!this.open) return settle(call);
    return new Promise<Awaited<T>>((resolve, reject) => {
      this.waiting.push(() => settle(call).then(resolve, reject));
    });
  }

  /** Runs `work` in a savepoint of the open transaction (a transaction begun inside one). */
  async nested<T>(work: (tx: Tx) => T | Promise<T>): Promise<T> {
    const name = `nested_${++this.savepoints}`;
    this.sqlite.exec(`savepoint ${name}`);
    try {
      const value = await work(this.tx);
      this.sqlite.exec(`release ${name}`);
      return value;
    } catch (error) {
      this.sqlite.exec(`rollback to ${name}`);
      this.sqlite.exec(`release ${name}`);
      throw error;
    }
  }

  private schedule(): void {
    if (this.scheduled || this.open || this.pending.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.commit();
    });
  }

  private async commit(): Promise<void> {
    const group = this.pending;
    this.pending = [];
    this.open = true;
    const outcomes: Outcome[] = [];
    let failure: { error: unknown } | undefined;
    try {
      this.sql.begin();
      for (const { work } of group) outcomes.push(await this.inSavepoint(work));
      this.sql.commit();
    } catch (error) {
      // The commit itself failed: nothing of the group was saved.
      if (this.sqlite.inTransaction) this.sqlite.exec('rollback');
      failure = { error };
    }
    this.open = false;
    const waiting = this.waiting;
    this.waiting = [];
    for (const resume of waiting) resume();
    this.schedule();
    group.forEach(({ resolve, reject }, i) => {
      const outcome = failure ?? outcomes[i];
      if (outcome && 'error' in outcome) reject(outcome.error);
      else resolve(outcome?.value as never);
    });
  }

  private async inSavepoint(work: Work<Tx>): Promise<Outcome> {
    this.sql.savepoint();
    try {
      const value = await work(this.tx);
      this.sql.release();
      return { value };
    } catch (error) {
      this.sql.rollbackTo();
      this.sql.release();
      return { error };
    }
  }
}

/** `call`'s result as a promise; a synchronous throw becomes a rejection. */
export function settle<T>(call: () => T): Promise<Awaited<T>> {
  try {
    return Promise.resolve(call()) as Promise<Awaited<T>>;
  } catch (error) {
    return Promise.reject(error);
  }
}
