// What pacing must remember, behind two small interfaces: what is due, when, for whom (PaceStore), and which Slack
// method is paused in which workspace (PauseStore). Both live in memory for now. With several instances they become
// tables: a run would then claim its key with a lease, and a pause would be read by every instance.

/** What the pacer knows about one key (a message, a person's Home). */
export interface PaceEntry {
  /** A run was asked for and has not started yet. */
  due: boolean;
  /** The next run starts no earlier than this (epoch ms). */
  notBefore: number;
  /** Failed runs in a row. */
  failures: number;
}

export interface PaceStore {
  get(key: string): PaceEntry | undefined;
  put(key: string, entry: PaceEntry): void;
  delete(key: string): void;
  /** Drops entries with nothing due whose pace has run out: a later run needs nothing from them. */
  prune(now: number): void;
}

/** Slack rate limits each method per workspace: a scope is one workspace and one method (see pauseScope). */
export interface PauseStore {
  /** No call in this scope starts before this time (epoch ms; 0 when it is not paused). */
  pausedUntil(scope: string): number;
  pause(scope: string, until: number): void;
}

export const pauseScope = (teamId: string, method: string) => `${teamId}:${method}`;

export class MemoryPaceStore implements PaceStore {
  private readonly entries = new Map<string, PaceEntry>();

  get(key: string): PaceEntry | undefined {
    const entry = this.entries.get(key);
    return entry && { ...entry };
  }

  put(key: string, entry: PaceEntry): void {
    this.entries.set(key, { ...entry });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  prune(now: number): void {
    for (const [key, entry] of this.entries) {
      if (!entry.due && entry.failures === 0 && entry.notBefore <= now) this.entries.delete(key);
    }
  }
}

export class MemoryPauses implements PauseStore {
  private readonly until = new Map<string, number>();

  pausedUntil(scope: string): number {
    return this.until.get(scope) ?? 0;
  }

  pause(scope: string, until: number): void {
    if (until > this.pausedUntil(scope)) this.until.set(scope, until);
  }
}
