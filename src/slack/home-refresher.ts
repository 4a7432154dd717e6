import { createHash } from 'node:crypto';
import type { Logger } from '@slack/bolt';
import type { HomeView } from '@slack/types';
import { slackErrorCode } from './slack-errors.ts';

export interface HomeRefresherOptions {
  /** Renders a person's Home from the database as it is now, with one-off notices at the top. */
  render: (teamId: string, userId: string, notices: readonly string[]) => HomeView;
  /** views.publish. */
  send: (userId: string, view: HomeView) => Promise<void>;
  logger: Logger;
  /** At most one publish per person per interval; changes in between are coalesced into the next one. */
  minIntervalMs?: number;
  /** views.publish is rate limited per workspace: only this many calls in flight at once. */
  maxConcurrent?: number;
  /** A clock for the interval; real time by default, since it paces calls to Slack rather than product time. */
  now?: () => number;
}

interface Slot {
  teamId: string;
  userId: string;
  dirty: boolean;
  notices: string[];
  timer: NodeJS.Timeout | undefined;
  queued: boolean;
  running: boolean;
}

const key = (teamId: string, userId: string) => `${teamId}:${userId}`;

/**
 * Keeps App Homes current without flooding Slack: only people who opened their Home are refreshed (it is not a message,
 * but nobody else has one to keep current), at most one views.publish per person per interval, a few in flight overall,
 * never from inside an ack, and nothing is sent when the Home would look exactly as it already does.
 *
 * Who opened their Home is kept in memory only: after a restart, the next app_home_opened publishes it again anyway.
 */
export class HomeRefresher {
  private readonly visitors = new Set<string>();
  private readonly slots = new Map<string, Slot>();
  /** Per person: a hash of the Home last sent, and when it was sent (kept after the refresh, to pace the next). */
  private readonly lastSent = new Map<string, { hash: string; at: number }>();
  private readonly queue: Slot[] = [];
  private readonly minIntervalMs: number;
  private readonly maxConcurrent: number;
  private readonly now: () => number;
  private active = 0;
  private stopped = false;

  constructor(private readonly options: HomeRefresherOptions) {
    this.minIntervalMs = options.minIntervalMs ?? 3000;
    this.maxConcurrent = options.maxConcurrent ?? 3;
    this.now = options.now ?? Date.now;
  }

  /**
   * The person opened their Home tab (or clicked in it): it is theirs to keep current from now on. `blank` says Slack
   * holds no Home for them (the first open ever), so it is published even if it looks like the last one sent.
   */
  opened(teamId: string, userId: string, options: { notice?: string; blank?: boolean } = {}): void {
    const id = key(teamId, userId);
    this.visitors.add(id);
    const last = this.lastSent.get(id);
    if (options.blank && last) this.lastSent.set(id, { hash: '', at: last.at });
    this.refresh(teamId, userId, options.notice);
  }

  /** Republishes the person's Home soon, if they have one; a notice is shown once, at the top. */
  refresh(teamId: string, userId: string, notice?: string): void {
    const id = key(teamId, userId);
    if (this.stopped || !this.visitors.has(id)) return;
    let slot = this.slots.get(id);
    if (!slot) {
      slot = { teamId, userId, dirty: false, notices: [], timer: undefined, queued: false, running: false };
      this.slots.set(id, slot);
    }
    slot.dirty = true;
    if (notice) slot.notices.push(notice);
    this.schedule(slot);
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
    this.lastSent.delete(id);
    const slot = this.slots.get(id);
    if (slot?.timer) clearTimeout(slot.timer);
    if (slot && !slot.running) this.slots.delete(id);
    if (slot) slot.dirty = false;
  }

  /** Stops refreshing (shutdown); refreshes in flight finish, pending ones are dropped (the next open republishes). */
  stop(): void {
    this.stopped = true;
    for (const slot of this.slots.values()) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = undefined;
    }
    this.queue.length = 0;
  }

  /** Homes with a refresh waiting or in flight. */
  get pending(): number {
    return this.slots.size;
  }

  private schedule(slot: Slot): void {
    if (this.stopped || slot.running || slot.timer || slot.queued) return;
    const sentAt = this.lastSent.get(key(slot.teamId, slot.userId))?.at;
    const wait = sentAt === undefined ? 0 : sentAt + this.minIntervalMs - this.now();
    slot.timer = setTimeout(
      () => {
        slot.timer = undefined;
        slot.queued = true;
        this.queue.push(slot);
        this.drain();
      },
      Math.max(0, wait),
    );
  }

  private drain(): void {
    while (!this.stopped && this.active < this.maxConcurrent) {
      const slot = this.queue.shift();
      if (!slot) return;
      slot.queued = false;
      void this.publish(slot);
    }
  }

  private async publish(slot: Slot): Promise<void> {
    const id = key(slot.teamId, slot.userId);
    this.active += 1;
    slot.running = true;
    slot.dirty = false;
    const notices = slot.notices.splice(0);
    try {
      if (!this.visitors.has(id)) return;
      const view = this.options.render(slot.teamId, slot.userId, notices);
      const hash = createHash('sha256').update(JSON.stringify(view)).digest('base64url');
      const last = this.lastSent.get(id);
      if (last?.hash !== hash) {
        const at = this.now();
        // Counted from the attempt, so that a failing publish is not retried in a tight loop either.
        this.lastSent.set(id, { hash: '', at });
        await this.options.send(slot.userId, view);
        this.lastSent.set(id, { hash, at });
      }
    } catch (error) {
      this.options.logger.warn(`Could not publish the Home of ${slot.userId}: ${slackErrorCode(error)}`);
    } finally {
      this.active -= 1;
      slot.running = false;
      if (slot.dirty && !this.stopped) this.schedule(slot);
      else this.slots.delete(id);
      this.drain();
    }
  }
}
