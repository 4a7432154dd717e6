import { createHash } from 'node:crypto';
import type { Logger } from '@slack/bolt';
import type { HomeView } from '@slack/types';
import { homeKey } from '../db/repositories/pacing.ts';
import { KeyedPacer, type Run, type RunResult } from '../pacing/keyed-pacer.ts';
import { type PaceStore, type PauseStore, pauseScope } from '../pacing/store.ts';
import { classifySlackError } from './slack-errors.ts';

export interface HomeRefresherOptions {
  /** Renders a person's Home from the database as it is now, with one-off notices at the top. */
  render: (teamId: string, userId: string, notices: readonly string[]) => Promise<HomeView>;
  /** views.publish in that workspace, with a client that hands rate limits back (the pause is shared, per workspace). */
  send: (teamId: string, userId: string, view: HomeView) => Promise<void>;
  /** Rate-limit pauses, shared with every paced sender and every instance. */
  pauses: PauseStore;
  /** Whose Home is kept current and when it was last published, shared by every instance (pacedWorkOf). */
  store: PaceStore;
  logger: Logger;
  /** At most one publish per person per interval, across instances; changes in between are coalesced into the next. */
  minIntervalMs?: number;
  /** views.publish is rate limited per workspace: only this many calls in flight at once, per instance. */
  maxConcurrent?: number;
  /** A clock for the interval; real time by default, since it paces calls to Slack rather than product time. */
  now?: () => number;
}

/** Rate limits one Home refresh waits out in a row before it is left to the next change. */
const MAX_RATE_LIMIT_WAITS = 10;

/** Someone who has not had their Home published for this long is refreshed again only once they open it again. */
const FORGET_IDLE_HOMES_MS = 7 * 24 * 3600_000;

function personOf(id: string): { teamId: string; userId: string } {
  const colon = id.indexOf(':');
  return { teamId: id.slice(0, colon), userId: id.slice(colon + 1) };
}

/**
 * Keeps App Homes current without flooding Slack: only people who opened their Home are refreshed (it is not a message,
 * but nobody else has one to keep current), at most one views.publish per person per interval across instances, a few
 * in flight per instance, never from inside an ack, and nothing is sent when the Home would look exactly as it already
 * does.
 *
 * Who opened their Home, and a hash of what was last published to them, are kept in the database with their pace, so
 * that every instance refreshes them; one-off notices stay with the instance that has them to show.
 */
export class HomeRefresher {
  /** One-off notices for the next publish, by person. */
  private readonly notices = new Map<string, string[]>();
  private readonly pacer: KeyedPacer;
  private readonly store: PaceStore;
  private readonly now: () => number;
  private stopped = false;

  constructor(private readonly options: HomeRefresherOptions) {
    this.store = options.store;
    this.now = options.now ?? Date.now;
    this.pacer = new KeyedPacer({
      run: (id, run) => this.publish(id, run),
      scopeOf: (id) => pauseScope(personOf(id).teamId, 'views.publish'),
      minIntervalMs: options.minIntervalMs ?? 3000,
      maxConcurrent: options.maxConcurrent ?? 3,
      store: options.store,
      pauses: options.pauses,
      hasOwnWork: (id) => (this.notices.get(id)?.length ?? 0) > 0,
      logger: options.logger,
      keepIdleMs: FORGET_IDLE_HOMES_MS,
      now: options.now,
    });
  }

  /** Starts taking over the refreshes of instances that died. */
  start(): void {
    this.pacer.start();
  }

  /**
   * The person opened their Home tab (or clicked in it): it is theirs to keep current from now on. `blank` says Slack
   * holds no Home for them (the first open ever), so it is published even if it looks like the last one sent.
   */
  opened(teamId: string, userId: string, options: { notice?: string; blank?: boolean } = {}): void {
    if (this.stopped) return;
    const id = homeKey(teamId, userId);
    this.remember(id, options.notice);
    const now = this.now();
    this.pacer.mark(id, () => (options.blank ? this.store.markDueAfresh(id, now) : this.store.markDue(id, now)));
  }

  /** Republishes the person's Home soon, if they have one; a notice is shown once, at the top. */
  refresh(teamId: string, userId: string, notice?: string): void {
    if (this.stopped) return;
    const id = homeKey(teamId, userId);
    const now = this.now();
    this.pacer.mark(id, async () => {
      const known = await this.store.markDueIfKnown(id, now);
      if (known) this.remember(id, notice);
      return known;
    });
  }

  /** Something changed on a request: its requester's Home shows it, and so does the Home of whoever acted. */
  requestChanged(request: { teamId: string; requesterId: string }, actorId?: string): void {
    this.refresh(request.teamId, request.requesterId);
    if (actorId && actorId !== request.requesterId) this.refresh(request.teamId, actorId);
  }

  /** Drops everything kept about a person (forget-me, a deactivated account). */
  forget(teamId: string, userId: string): void {
    const id = homeKey(teamId, userId);
    this.notices.delete(id);
    this.pacer.forget(id);
  }

  /** Stops refreshing (shutdown); refreshes in flight finish, pending ones stay due for the other instances. */
  stop(): void {
    this.stopped = true;
    this.pacer.stop();
  }

  /** Homes with a refresh waiting or in flight in this instance. */
  get pending(): number {
    return this.pacer.pending;
  }

  private remember(id: string, notice: string | undefined): void {
    if (!notice) return;
    const notices = this.notices.get(id) ?? [];
    notices.push(notice);
    this.notices.set(id, notices);
  }

  private async publish(
    id: string,
    { failures: rateLimitWaits, memo: lastHash, sending, keep }: Run,
  ): Promise<RunResult> {
    const { teamId, userId } = personOf(id);
    const notices = this.notices.get(id)?.splice(0) ?? [];
    this.notices.delete(id);
    try {
      const view = await this.options.render(teamId, userId, notices);
      const hash = createHash('sha256').update(JSON.stringify(view)).digest('base64url');
      if (lastHash === hash) return 'unchanged';
      // Until Slack answers, what it shows is not known.
      keep(null);
      sending();
      await this.options.send(teamId, userId, view);
      keep(hash);
      return 'sent';
    } catch (error) {
      const { code, retryAfterMs } = classifySlackError(error);
      if (retryAfterMs !== undefined && rateLimitWaits < MAX_RATE_LIMIT_WAITS && !this.stopped) {
        // Nothing was shown: the notices wait for the try after the pause.
        if (notices.length > 0) this.notices.set(id, [...notices, ...(this.notices.get(id) ?? [])]);
        this.options.logger.warn(`Slack asked to wait ${retryAfterMs} ms before publishing Homes again.`);
        return { pauseScopeMs: retryAfterMs };
      }
      this.options.logger.warn(`Could not publish the Home of ${userId}: ${code}`);
      // Paced all the same (from the attempt): a failing publish is not repeated in a tight loop.
      return 'dropped';
    }
  }
}
