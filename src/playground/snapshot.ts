// What the playground's workspace holds, as the page receives it. Types only, shared by the server and the page.

export type Json = Record<string, unknown>;

export interface Person {
  id: string;
  /** The handle shown after @. */
  name: string;
  realName: string;
  title: string;
  tz: string;
  isAdmin: boolean;
}

export interface Channel {
  id: string;
  name: string;
  topic: string;
}

export interface Message {
  ts: string;
  /** A person's id, or the bot user's for Boost's messages. */
  user: string;
  text: string;
  blocks?: Json[];
  edited?: boolean;
}

export interface Ephemeral extends Message {
  channel: string;
  /** The only person who sees it. */
  viewer: string;
}

export interface View extends Json {
  id: string;
  type: string;
  hash: string;
  blocks: Json[];
}

export interface OpenModal {
  view: View;
  /** The conversation the modal was opened from (a conversations_select may default to it). */
  channel?: string;
  /** Field errors from Boost's last answer to a submission, by block id. */
  errors: Record<string, string>;
}

/** Everything the page needs, as one JSON snapshot. */
export interface WorkspaceSnapshot {
  version: number;
  team: { id: string; name: string };
  bot: { userId: string; name: string };
  people: readonly Person[];
  channels: readonly Channel[];
  /** Messages by conversation id: channels, and each person's DM with Boost (`D…`). */
  messages: Record<string, Message[]>;
  dmChannels: Record<string, string>;
  ephemerals: Ephemeral[];
  modals: Record<string, OpenModal | undefined>;
  homes: Record<string, View | undefined>;
  /** A short note per person about something Slack itself would show (an app that did not answer). */
  notices: Record<string, string | undefined>;
}
