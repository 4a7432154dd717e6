import { DEFAULT_IDS, dmChannelFor } from './fixtures.ts';
import type { Channel, Ephemeral, Message, OpenModal, Person, View, WorkspaceSnapshot } from './snapshot.ts';

export type { Channel, Ephemeral, Json, Message, OpenModal, Person, View, WorkspaceSnapshot } from './snapshot.ts';

// The playground's Slack workspace: its people and channels, and everything Slack would keep for them (channel
// messages, direct messages from Boost, "only visible to you" replies, open modals, each person's App Home). The
// Web API stand-in writes here; the page reads a snapshot of it.

export const BOT = {
  userId: DEFAULT_IDS.botUserId,
  botId: DEFAULT_IDS.botId,
  appId: DEFAULT_IDS.appId,
  teamId: DEFAULT_IDS.teamId,
  name: 'Boost',
} as const;

export const PEOPLE: readonly Person[] = [
  {
    id: 'U0ADA0001',
    name: 'ada',
    realName: 'Ada Moreau',
    title: 'Developer advocate',
    tz: 'Europe/Paris',
    isAdmin: true,
  },
  { id: 'U0BEN0002', name: 'ben', realName: 'Ben Okafor', title: 'Engineer', tz: 'Europe/London', isAdmin: false },
  { id: 'U0CHI0003', name: 'chiara', realName: 'Chiara Rossi', title: 'Designer', tz: 'Europe/Rome', isAdmin: false },
  { id: 'U0DEV0004', name: 'dev', realName: 'Dev Patel', title: 'Recruiter', tz: 'America/New_York', isAdmin: false },
];

export const CHANNELS: readonly Channel[] = [
  { id: 'C0GENERAL1', name: 'general', topic: 'Company-wide news' },
  { id: 'C0LAUNCH02', name: 'launches', topic: 'What we ship, and help getting it seen' },
  { id: 'C0HIRING03', name: 'hiring', topic: 'Open roles worth sharing' },
];

export const WELCOME: ReadonlyArray<{ channel: string; user: string; text: string }> = [
  {
    channel: 'C0LAUNCH02',
    user: 'U0CHI0003',
    text: 'Our write-up of the new design system is out: <https://example.com/blog/design-system|Building our design system>',
  },
  {
    channel: 'C0HIRING03',
    user: 'U0DEV0004',
    text: 'We are hiring a backend engineer in Lisbon: <https://example.com/jobs/backend>',
  },
];

export function personById(id: string): Person | undefined {
  return PEOPLE.find((person) => person.id === id);
}

export function channelById(id: string): Channel | undefined {
  return CHANNELS.find((channel) => channel.id === id);
}

export class Workspace {
  private changes = 0;
  private counter = 0;
  private lastMicros = 0;
  private readonly conversations = new Map<string, Map<string, Message>>();
  private ephemerals: Ephemeral[] = [];
  private readonly modalStacks = new Map<string, OpenModal[]>();
  private readonly homes = new Map<string, string>();
  private readonly views = new Map<string, View>();
  private readonly notices = new Map<string, string>();
  private readonly listeners = new Set<() => void>();

  /** `now`: the playground's clock, so messages carry the time the workspace is at. */
  constructor(private readonly now: () => number = Date.now) {
    this.seed();
  }

  /** Back to the first moment: the welcome messages only. */
  reset(): void {
    this.conversations.clear();
    this.ephemerals = [];
    this.modalStacks.clear();
    this.homes.clear();
    this.views.clear();
    this.notices.clear();
    this.lastMicros = 0;
    this.seed();
    this.changed();
  }

  /** Grows with every change; the page refetches when it sees a new one. */
  get version(): number {
    return this.changes;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- ids ------------------------------------------------------------------------------------------------------

  /** Strictly increasing message timestamps from the clock, as Slack's are. */
  nextTs(): string {
    const micros = Math.max(this.now() * 1000, this.lastMicros + 1);
    this.lastMicros = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  nextViewId(): string {
    this.counter += 1;
    return `V${this.counter.toString(36).toUpperCase().padStart(10, '0')}`;
  }

  nextHash(): string {
    this.counter += 1;
    return `${Math.floor(Date.now() / 1000)}.${this.counter.toString(16).padStart(8, '0')}`;
  }

  // ---- conversations --------------------------------------------------------------------------------------------

  /** The conversation a person and Boost share: `D` + the user id without its first letter, as Slack names DMs. */
  dmChannelOf(userId: string): string {
    return dmChannelFor(userId);
  }

  dmUserOf(channel: string): string | undefined {
    return PEOPLE.find((person) => dmChannelFor(person.id) === channel)?.id;
  }

  isConversation(id: string): boolean {
    return channelById(id) !== undefined || this.dmUserOf(id) !== undefined;
  }

  post(channel: string, message: Omit<Message, 'ts'>): Message {
    const stored = { ...message, ts: this.nextTs() };
    const messages = this.conversations.get(channel) ?? new Map<string, Message>();
    messages.set(stored.ts, stored);
    this.conversations.set(channel, messages);
    this.changed();
    return stored;
  }

  message(channel: string, ts: string): Message | undefined {
    return this.conversations.get(channel)?.get(ts);
  }

  replaceMessage(channel: string, ts: string, message: Omit<Message, 'ts'>): Message | undefined {
    const messages = this.conversations.get(channel);
    if (!messages?.has(ts)) return undefined;
    const stored = { ...message, ts };
    messages.set(ts, stored);
    this.changed();
    return stored;
  }

  deleteMessage(channel: string, ts: string): boolean {
    const deleted = this.conversations.get(channel)?.delete(ts) ?? false;
    if (deleted) this.changed();
    return deleted;
  }

  // ---- ephemerals -----------------------------------------------------------------------------------------------

  postEphemeral(ephemeral: Omit<Ephemeral, 'ts'>): Ephemeral {
    const stored = { ...ephemeral, ts: this.nextTs() };
    this.ephemerals.push(stored);
    this.changed();
    return stored;
  }

  ephemeral(ts: string): Ephemeral | undefined {
    return this.ephemerals.find((ephemeral) => ephemeral.ts === ts);
  }

  replaceEphemeral(ts: string, content: Pick<Message, 'text' | 'blocks'>): void {
    this.ephemerals = this.ephemerals.map((e) => (e.ts === ts ? { ...e, ...content, edited: true } : e));
    this.changed();
  }

  deleteEphemeral(ts: string): void {
    this.ephemerals = this.ephemerals.filter((ephemeral) => ephemeral.ts !== ts);
    this.changed();
  }

  /** "Dismiss" on an ephemeral, as in Slack; only its viewer sees it anyway. */
  dismissEphemeral(viewer: string, ts: string): void {
    this.ephemerals = this.ephemerals.filter((e) => !(e.ts === ts && e.viewer === viewer));
    this.changed();
  }

  // ---- views ----------------------------------------------------------------------------------------------------

  view(id: string): View | undefined {
    return this.views.get(id);
  }

  viewByExternalId(externalId: string): View | undefined {
    return [...this.views.values()].find((view) => view.external_id === externalId);
  }

  /** Stores a view (new or updated) and reflects it wherever it is shown: a modal stack or a Home. */
  saveView(view: View): void {
    this.views.set(view.id, view);
    for (const stack of this.modalStacks.values()) {
      for (const modal of stack) if (modal.view.id === view.id) modal.view = view;
    }
    this.changed();
  }

  openModal(userId: string, modal: Omit<OpenModal, 'errors'>, push: boolean): void {
    const stack = push ? (this.modalStacks.get(userId) ?? []) : [];
    this.modalStacks.set(userId, [...stack, { ...modal, errors: {} }]);
    this.changed();
  }

  topModal(userId: string): OpenModal | undefined {
    return this.modalStacks.get(userId)?.at(-1);
  }

  modalOwner(viewId: string): string | undefined {
    for (const [userId, stack] of this.modalStacks) if (stack.some((m) => m.view.id === viewId)) return userId;
    return undefined;
  }

  showErrors(userId: string, errors: Record<string, string>): void {
    const top = this.topModal(userId);
    if (top) top.errors = errors;
    this.changed();
  }

  closeModal(userId: string, all = false): void {
    const stack = this.modalStacks.get(userId) ?? [];
    this.modalStacks.set(userId, all ? [] : stack.slice(0, -1));
    this.changed();
  }

  homeOf(userId: string): View | undefined {
    const id = this.homes.get(userId);
    return id === undefined ? undefined : this.views.get(id);
  }

  publishHome(userId: string, view: View): void {
    this.homes.set(userId, view.id);
    this.saveView(view);
  }

  // ---- notices --------------------------------------------------------------------------------------------------

  notify(userId: string, text: string): void {
    this.notices.set(userId, text);
    this.changed();
  }

  clearNotice(userId: string): void {
    if (this.notices.delete(userId)) this.changed();
  }

  snapshot(): WorkspaceSnapshot {
    const messages: Record<string, Message[]> = {};
    for (const [channel, stored] of this.conversations) {
      messages[channel] = [...stored.values()].sort((a, b) => Number(a.ts) - Number(b.ts));
    }
    return {
      version: this.changes,
      team: { id: BOT.teamId, name: 'Northwind' },
      bot: { userId: BOT.userId, name: BOT.name },
      people: PEOPLE,
      channels: CHANNELS,
      messages,
      dmChannels: Object.fromEntries(PEOPLE.map((person) => [person.id, dmChannelFor(person.id)])),
      ephemerals: this.ephemerals,
      modals: Object.fromEntries(PEOPLE.map((person) => [person.id, this.topModal(person.id)])),
      homes: Object.fromEntries(PEOPLE.map((person) => [person.id, this.homeOf(person.id)])),
      notices: Object.fromEntries(this.notices),
    };
  }

  private seed(): void {
    for (const { channel, user, text } of WELCOME) this.post(channel, { user, text });
  }

  private changed(): void {
    this.changes += 1;
    for (const listener of this.listeners) listener();
  }
}
