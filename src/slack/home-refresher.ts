import { createHash } from 'node:crypto';
import type { Logger } from '@slack/bolt';
import type { HomeView } from '@slack/types';
import { KeyedPacer, type Run, type RunResult } from '../pacing/keyed-pacer.ts';
import { type PaceStore, type PauseStore, pauseScope } from '../pacing/store.ts';
import { classifySlackError } from './slack-errors.ts';

export interface HomeRefresherOptions {
  /** Renders a person's Home from the database as it is now, with one-off notices at the top. */
  render: (teamId: string, userId: string, notices: readonly string[]) => Promise<HomeView>;
  /** views.publish in that workspace, with a client that hands rate limits back (the pause is shared, per workspace). */
  send: (teamId: string, userId: string, view: HomeView) => Promise<void>;
  /** Rate-limit pauses, shared with every paced sender. */
  pauses: PauseStore;
  store?: PaceStore;
  logger: Logger;
  /** At most one publish per person per interval; changes in between are coalesced into the next one. */
  minIntervalMs?: number;
  /** views.publish is rate limited per workspace: only this many calls in flight at once. */
  maxConcurrent?: number;
  /** A clock for the interval; real time by default, since it paces calls to Slack rather than product time. */
  now?: () => number;
}

interface Visitor {
  teamId: string;
  userId: string;
  /** A hash of the Home last sent ('' when Slack may show something else). */
  lastHash: string;
  /** One-off notices for the next publish. */
  notices: string[];
}

/** Rate limits one Home refresh waits out in a row before it is left to the next change. */
const MAX_RATE_LIMIT_WAITS = 10;

const key = (teamId: string, userId: string) => `${teamId}:${userId}`;

/**
 * Keeps App Homes current without flooding Slack: only people who opened their Home are refreshed (it is not a message,
 * but nobody else has one to keep current), at most one views.publish per person per interval, a few in flight overall,
 * never from inside an ack, and nothing is sent when the Home would look exactly as it already does.
 *
 * Who opened their Home is kept in memory only: after a restart, the next app_home_opened publishes it again anyway.
 */
export class HomeRefresher {
  private readonly visitors = new Map<string, Visitor>();
  private readonly pacer: KeyedPacer;
  private stopped = false;

  constructor(private readonly options: HomeRefresherOptions) {
    this.pacer = new KeyedPacer({
      run: (id, run) => this.publish(id, run),
      scopeOf: (id) => pauseScope(this.visitors.get(id)?.teamId ?? '', 'views.publish'),
      minIntervalMs: options.minIntervalMs ?? 3000,
      maxConcurrent: options.maxConcurrent ?? 3,
      store: options.store,
      pauses: options.pauses,
      now: options.now,
    });
  }

  /**
   * The person opened their Home tab (or clicked in it): it is theirs to keep current from now on. `blank` says Slack
   * holds no Home for them (the first open ever), so it is published even if it looks like the last one sent.
   */
  opened(teamId: string, userId: string, options: { notice?: string; blank?: boolean } = {}): void {
    const id = key(teamId, userId);
    let visitor = this.visitors.get(id);
    if (!visitor) {
      visitor = { teamId, userId, lastHash: '', notices: [] };
      this.visitors.set(id, visitor);
    }
    if (options.blank) visitor.lastHash = '';
    this.refresh(teamId, userId, options.notice);
  }

  /** Republishes the person's Home soon, if they have one; a notice is shown once, at the top. */
  refresh(teamId: string, userId: string, notice?: string): void {
    const id = key(teamId, userId);
    const visitor = this.visitors.get(id);
    if (this.stopped || !visitor) return;
    if (notice) visitor.notices.push(notice);
    this.pacer.request(id);
  }

  /** Something changed on a request: its requester's Home shows it, and so does the Home of whoever acted. */
  requestChanged(request: { teamId: string; requesterId: string }, actorId?: string): void {
    this.refresh(request.teamId, request.requesterId);
    if (actorId && actorId !== request.requesterId) this.refresh(request.teamId, actorId);
  }

  /** Drops everything kept about a person (forget-me, a deactivated account). */
  forget(teamId: string, userId: string): void {
    const id = key(teamId, userId);
    this.visitors.delete(id);
    this.pacer.forget(id);
  }

  /** Stops refreshing (shutdown); refreshes in flight finish, pending ones are dropped (the next open republishes). */
  stop(): void {
    this.stopped = true;
    this.pacer.stop();
  }

  /** Homes with a refresh waiting or in flight. */
  get pending(): number {
    return this.pacer.pending;
  }

  private async publish(id: string, { failures: rateLimitWaits, sending }: Run): Promise<RunResult> {
    const visitor = this.visitors.get(id);
    if (!visitor) return 'unchanged';
    const notices = visitor.notices.splice(0);
    try {
      const view = await this.options.render(visitor.teamId, visitor.userId, notices);
      const hash = createHash('sha256').update(JSON.stringify(view)).digest('base64url');
      if (visitor.lastHash === hash) return 'unchanged';
      visitor.lastHash = '';
      sending();
      await this.options.send(visitor.teamId, visitor.userId, view);
      visitor.lastHash = hash;
      return 'sent';
    } catch (error) {
      const { code, retryAfterMs } = classifySlackError(error);
      if (retryAfterMs !== undefined && rateLimitWaits < MAX_RATE_LIMIT_WAITS && !this.stopped) {
        // Nothing was shown: the notices wait for the try after the pause.
        visitor.notices.unshift(...notices);
        this.options.logger.warn(`Slack asked to wait ${retryAfterMs} ms before publishing Homes again.`);
        return { pauseScopeMs: retryAfterMs };
      }
      this.options.logger.warn(`Could not publish the Home of ${visitor.userId}: ${code}`);
      // Paced all the same (from the attempt): a failing publish is not repeated in a tight loop.
      return 'dropped';
    }
  }
}
