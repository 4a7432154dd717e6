/**
 * One refresh per installation at a time. In one process a Map of promises does it; several instances would take a
 * lease in the database under the same key (the refresh re-reads the row first, so a late one finds it done).
 */
export interface RefreshLock {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

export class InProcessRefreshLock implements RefreshLock {
  private readonly running = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const current = this.running.get(key) as Promise<T> | undefined;
    if (current) return current;
    const started = work().finally(() => this.running.delete(key));
    this.running.set(key, started);
    return started;
  }
}
