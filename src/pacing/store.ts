import type { Logger } from '@slack/bolt';
import type { Repositories } from '../db/repositories/index.ts';
import type { PaceClaim, PaceRelease, PaceRow } from '../db/repositories/pacing.ts';

export { PACED_KINDS } from '../db/repositories/pacing.ts';

// What pacing must remember lives in the database, so that every instance on it paces together: what is due, when,
// and who runs it (PaceStore, one kind of work: a request's message, a person's Home), and which Slack method is
// paused in which workspace (PauseStore). A run is claimed with a lease; an instance that dies leaves its due work to
// the others once the lease ends.

export type { PaceClaim, PaceRelease, PaceRow };

/** One kind of paced work, keyed (a request id, a person). */
export interface PaceStore {
  markDue(key: string, now: number): Promise<void>;
  /** Due, and the runner's memo cleared (what it last sent may no longer show). */
  markDueAfresh(key: string, now: number): Promise<void>;
  /** Due if the key is known; false when it is not. */
  markDueIfKnown(key: string, now: number): Promise<boolean>;
  claim(
    key: string,
    holder: string,
    now: number,
    until: { notBefore: number; heldUntil: number },
  ): Promise<PaceClaim | undefined>;
  state(key: string): Promise<PaceRow | undefined>;
  renew(key: string, holder: string, heldUntil: number): Promise<void>;
  release(key: string, holder: string, now: number, end: PaceRelease): Promise<PaceRow | undefined>;
  forget(key: string): Promise<void>;
  overdue(now: number, dueBefore: number, limit: number): Promise<string[]>;
  pruneIdle(before: number): Promise<void>;
}

/** The paced work of one kind, as the database keeps it for every instance. */
export function pacedWorkOf(repos: Pick<Repositories, 'pacing'>, kind: string): PaceStore {
  const { pacing } = repos;
  return {
    markDue: (key, now) => pacing.markDue(kind, key, now),
    markDueAfresh: (key, now) => pacing.markDueAfresh(kind, key, now),
    markDueIfKnown: (key, now) => pacing.markDueIfKnown(kind, key, now),
    claim: (key, holder, now, until) => pacing.claim(kind, key, holder, now, until),
    state: (key) => pacing.state(kind, key),
    renew: (key, holder, heldUntil) => pacing.renew(kind, key, holder, heldUntil),
    release: (key, holder, now, end) => pacing.release(kind, key, holder, now, end),
    forget: (key) => pacing.forget(kind, key),
    overdue: (now, dueBefore, limit) => pacing.overdue(kind, now, dueBefore, limit),
    pruneIdle: (before) => pacing.pruneIdle(kind, before),
  };
}

/** Slack rate limits each method per workspace: a scope is one workspace and one method (see pauseScope). */
export interface PauseStore {
  /** No call in this scope starts before this time (epoch ms; 0 when it is not paused), as far as this process knows. */
  pausedUntil(scope: string): number;
  /** Pauses the scope here at once, and for every instance once recorded. */
  pause(scope: string, until: number): void | Promise<void>;
  /** The pause of a scope as every instance recorded it: read right before a call to that scope. */
  sharedPause(scope: string): Promise<number>;
}

export const pauseScope = (teamId: string, method: string) => `${teamId}:${method}`;

/** Pauses known to this process only (a command run on its own). */
export class MemoryPauses implements PauseStore {
  private readonly until = new Map<string, number>();

  pausedUntil(scope: string): number {
    return this.until.get(scope) ?? 0;
  }

  pause(scope: string, until: number): void {
    if (until > this.pausedUntil(scope)) this.until.set(scope, until);
  }

  async sharedPause(scope: string): Promise<number> {
    return this.pausedUntil(scope);
  }
}

/**
 * Pauses shared by every instance on the database: the instance Slack answered with a Retry-After knows at once, the
 * others read it before their next call to that scope. A database that does not answer leaves each instance with what
 * it knows itself.
 */
export class SharedPauses implements PauseStore {
  private readonly local = new MemoryPauses();

  constructor(
    private readonly repos: Pick<Repositories, 'pacing'>,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  pausedUntil(scope: string): number {
    return this.local.pausedUntil(scope);
  }

  async pause(scope: string, until: number): Promise<void> {
    this.local.pause(scope, until);
    await this.repos.pacing.pause(scope, until).catch((error: unknown) => {
      this.logger.warn(`Could not share the rate-limit pause of ${scope}: ${(error as Error).message}`);
    });
  }

  async sharedPause(scope: string): Promise<number> {
    try {
      this.local.pause(scope, await this.repos.pacing.pausedUntil(scope));
    } catch (error) {
      this.logger.warn(`Could not read the rate-limit pause of ${scope}: ${(error as Error).message}`);
    }
    return this.local.pausedUntil(scope);
  }
}
