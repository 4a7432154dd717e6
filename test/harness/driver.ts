import { expect } from 'vitest';
import type { Boost } from '../../src/app.ts';
import { DEFAULT_IDS, dmChannelFor } from '../../src/playground/fixtures.ts';
import { appHomeOpened, blockAction, slashCommand, triggerId, viewSubmission } from '../../src/playground/payloads.ts';
import type { SendOptions, SlackResponse } from '../../src/playground/signed-client.ts';
import { ACTIONS, INPUT_ACTION, REQUEST_FIELDS, SHARED_FIELDS, VIEWS } from '../../src/slack/ids.ts';
import { type BoostHarness, TEAM } from './boost.ts';

/** A harness on either database: what acts in Slack and reads Slack's side needs nothing more. */
type AnyHarness = BoostHarness<Boost>;

import type { FakeSlack, RecordedCall, StoredMessage } from './fake-slack.ts';

// Drives Boost the way a person does in Slack (a command, a form, a click, the Home tab) and reads back what Slack
// received and what the database holds. Every step goes through the real app over signed HTTP, and works in any
// workspace, so one app can serve many independent runs. Each response_url is labelled with the person who acted
// (`U…~n`), so a test can tell who saw what.

type Json = Record<string, unknown>;

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const REQUESTER = 'UREQ0001';
export const CHANNEL = 'CBOOST001';

/**
 * Someone acting in Slack: a user id (in the default workspace), or a user id in a given workspace; `enterprise` for a
 * workspace of an Enterprise Grid organisation (its deliveries name the organisation).
 */
export type Person = string | { userId: string; teamId?: string; enterprise?: boolean };

function who(person: Person): { userId: string; teamId?: string; enterprise?: boolean } {
  return typeof person === 'string' ? { userId: person } : person;
}

/** The form as a person fills it in; unset fields get sensible values. */
export interface Draft {
  url?: string;
  title?: string | null;
  ask?: string;
  suggestedText?: string | null;
  networks?: string[];
  /** YYYY-MM-DD; a week after the clock's today by default. */
  deadline?: string;
  channelId?: string;
}

/** Where a request's message is: enough to press its buttons. */
export interface RequestRef {
  id: number;
  channel: string;
  ts: string;
  /** The request's workspace, when not the default one. */
  teamId?: string;
}

/** A posted request as the tests refer to it. */
export interface Posted extends RequestRef {
  teamId: string;
  requesterId: string;
}

/** What Slack answered a recorded call (a message's ts, an opened view...); fails the test when there is no call. */
export function answerOf<T = Json>(call: RecordedCall | undefined): T {
  if (!call) throw new Error('expected a recorded call');
  return call.response as T;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds, or fails after `timeoutMs` with what it last saw. */
export async function eventually<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
  what = 'the condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await sleep(20);
  }
}

/** Whatever tells the time the app goes by (the harness's clock, or the real one for a spawned process). */
export type WithClock = { clock: { now: () => number } };

/** A YYYY-MM-DD date `days` from the clock's today (UTC, the fake's default time zone). */
export function dayFromNow(h: WithClock, days: number): string {
  return new Date(h.clock.now() + days * DAY).toISOString().slice(0, 10);
}

// ---- private replies ------------------------------------------------------------------------------------------------

let responseUrls = 0;

/** A response_url that records who it belongs to; `origin` lets replace_original/delete_original act on that message. */
export function responseUrlFor(
  h: { slack: FakeSlack },
  userId: string,
  origin?: { channel: string; ts: string },
): string {
  responseUrls += 1;
  return h.slack.responseUrl(`${userId}~${responseUrls}`, origin);
}

/** The person a response_url call was addressed to (from the label given by responseUrlFor). */
export function responseUrlOwner(call: RecordedCall): string | undefined {
  if (call.method !== 'response_url' || !call.responseUrlId) return undefined;
  return decodeURIComponent(call.responseUrlId).split('~')[0];
}

/** True for a post to a response_url handed to this person. */
export const isReplyTo =
  (userId: string) =>
  (call: RecordedCall): boolean =>
    responseUrlOwner(call) === userId;

/** Posts to response_urls handed to this person. */
export function repliesTo(h: AnyHarness, userId: string): RecordedCall[] {
  return h.slack.calls.filter(isReplyTo(userId));
}

/**
 * Whom a call shows something privately, if anyone: the owner of a response_url, the user of an ephemeral message, the
 * person of a DM (by user id or D… channel), or of a Home tab.
 */
export function privateRecipient(call: RecordedCall): string | undefined {
  if (call.method === 'response_url') return responseUrlOwner(call) ?? '';
  if (call.method === 'chat.postEphemeral') return String(call.args.user);
  if (call.method === 'views.publish') return String(call.args.user_id);
  const channel = String(call.args.channel ?? '');
  if (call.method === 'chat.postMessage' && /^[UW]/.test(channel)) return channel;
  if (call.method === 'chat.postMessage' && channel.startsWith('D')) return `U${channel.slice(1)}`;
  return undefined;
}

/** Direct messages Slack accepted for this person. */
export function dmsTo(h: AnyHarness, userId: string): RecordedCall[] {
  return h.slack.dmsTo(userId).filter((call) => call.ok);
}

/** Every direct message Slack accepted, to anyone. */
export function allDms(h: AnyHarness): RecordedCall[] {
  return h.slack.callsTo('chat.postMessage').filter((call) => call.ok && /^[UWD]/.test(String(call.args.channel)));
}

/** Every DM (accepted or not) and ephemeral message the app sent to people. */
export function messagesToPeople(h: AnyHarness): { dms: RecordedCall[]; ephemerals: RecordedCall[] } {
  return {
    dms: h.slack.callsTo('chat.postMessage').filter((call) => /^[UWD]/.test(String(call.args.channel))),
    ephemerals: h.slack.callsTo('chat.postEphemeral'),
  };
}

// ---- reading what people see ----------------------------------------------------------------------------------------

/**
 * Everything a person reads on a surface, as one string: a message's notification text and blocks, or a view's title,
 * blocks and buttons. Hidden fields (metadata, private_metadata...) are left out; a missing surface reads as ''.
 */
export function visibleText(surface: unknown): string {
  if (!surface || typeof surface !== 'object') return '';
  const { text, title, blocks, submit, close } = surface as Json;
  const parts: string[] = [typeof text === 'string' ? text : ''];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') parts.push(value);
        else walk(value);
      }
    }
  };
  walk([title, blocks, submit, close]);
  return parts.join('\n');
}

/** Every button of some blocks, as { text, action_id, value, url }. */
export function buttonsIn(blocks: unknown): Array<{ text: string; action_id: string; value?: string; url?: string }> {
  const found: Array<{ text: string; action_id: string; value?: string; url?: string }> = [];
  for (const block of (blocks ?? []) as Json[]) {
    const elements = [block.accessory, ...(Array.isArray(block.elements) ? block.elements : [])] as Json[];
    for (const element of elements) {
      if (element?.type !== 'button') continue;
      found.push({
        text: String((element.text as Json).text),
        action_id: String(element.action_id),
        ...(element.value === undefined ? {} : { value: String(element.value) }),
        ...(element.url === undefined ? {} : { url: String(element.url) }),
      });
    }
  }
  return found;
}

/** The request message as it is now in the channel. */
export function messageOf(h: AnyHarness, posted: RequestRef): StoredMessage {
  const message = h.slack.message(posted.channel, posted.ts);
  if (!message) throw new Error(`no message ${posted.ts} in ${posted.channel}`);
  return message;
}

/** chat.update calls for one request message. */
export function updatesOf(h: AnyHarness, posted: RequestRef): RecordedCall[] {
  return h.slack
    .callsTo('chat.update')
    .filter((call) => call.args.channel === posted.channel && call.args.ts === posted.ts);
}

/** The counts line of a rendered request, as the channel reads it. */
export const countsIn = (call: RecordedCall) =>
  /(\d+) in, (\d+) shared/.exec(String(call.args.text))?.slice(1).map(Number);

/**
 * About one update per second per message. The app paces when it sends; the fake records when a call arrives, which on
 * a busy machine can lag by a few hundred ms. Half a second apart still tells pacing from one update per click.
 */
export const MIN_UPDATE_GAP_MS = 500;

/** Waits until no message update nor Home refresh is pending or in flight. */
export async function settled(h: AnyHarness, timeoutMs = 15_000): Promise<void> {
  await eventually(
    () => h.boost.context.updater.pending === 0 && h.boost.context.homes.pending === 0,
    timeoutMs,
    'message updates and Home refreshes to finish',
  );
}

// ---- the database ---------------------------------------------------------------------------------------------------

/** PostgreSQL's type ids of the values SQLite stores otherwise (bigint, boolean, json, jsonb). */
const PG_INT8 = 20;
const PG_BOOL = 16;
const PG_JSON = new Set([114, 3802]);

/** A value read from PostgreSQL as SQLite stores it: epoch times and counts as numbers, flags as 0 or 1, JSON as text. */
function asSqliteStores(value: unknown, typeId: number): unknown {
  if (value === null) return null;
  if (typeId === PG_INT8) return Number(value);
  if (typeId === PG_BOOL) return value ? 1 : 0;
  if (PG_JSON.has(typeId)) return JSON.stringify(value);
  return value;
}

/**
 * Rows of a table, straight from the database, as a person inspecting it would see them: SQL with `?` placeholders,
 * read from the SQLite file, or from PostgreSQL (placeholders numbered, values in SQLite's shapes) so that the same
 * assertions hold on both. A statement that returns no rows (a delete, a drop: a test breaking the database on purpose)
 * is run, and gives none.
 */
export async function rows<T = Json>(h: AnyHarness, sql: string, ...params: unknown[]): Promise<T[]> {
  const database = h.boost.database;
  if ('sqlite' in database) {
    const statement = database.sqlite.prepare(sql);
    if (statement.reader) return statement.all(...params) as T[];
    statement.run(...params);
    return [];
  }
  let placeholder = 0;
  const numbered = sql.replace(/\?/g, () => `$${++placeholder}`);
  const result = await database.pool.query(numbered, params);
  return result.rows.map((row: Json) => {
    const shaped: Json = {};
    for (const field of result.fields) shaped[field.name] = asSqliteStores(row[field.name], field.dataTypeID);
    return shaped as T;
  });
}

/** Whether Boost still holds its database open: the SQLite file, or its pool of PostgreSQL connections. */
export function databaseOpen(h: AnyHarness): boolean {
  const database = h.boost.database;
  return 'sqlite' in database ? database.sqlite.open : !database.pool.ending;
}

/** The names of Boost's own tables (not the migrations' bookkeeping), on either database. */
export async function tableNames(h: AnyHarness): Promise<string[]> {
  const query =
    'sqlite' in h.boost.database
      ? "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'"
      : "select table_name as name from information_schema.tables where table_schema = 'public' and table_name not like '__drizzle%'";
  return (await rows<{ name: string }>(h, query)).map(({ name }) => name);
}

/** The names of a table's columns, in their order, on either database. */
export async function columnNames(h: AnyHarness, table: string): Promise<string[]> {
  const query =
    'sqlite' in h.boost.database
      ? 'select name from pragma_table_info(?)'
      : "select column_name as name from information_schema.columns where table_schema = 'public' and table_name = ? order by ordinal_position";
  return (await rows<{ name: string }>(h, query, table)).map(({ name }) => name);
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Every `table.column` of the whole database (the migrations' bookkeeping and any schema included) whose value holds
 * `text`, whole or inside a longer text, in any case. It reads the tables from the database itself (sqlite_master, or
 * PostgreSQL's information_schema), so a table added later is covered without changing the tests that use it.
 */
export async function columnsHolding(h: AnyHarness, text: string): Promise<string[]> {
  type Place = { schema: string | null; table: string; column: string };
  const onSqlite = 'sqlite' in h.boost.database;
  const places = onSqlite
    ? await rows<Place>(
        h,
        `select null as "schema", m.name as "table", c.name as "column"
           from sqlite_master m, pragma_table_info(m.name) c where m.type = 'table'`,
      )
    : await rows<Place>(
        h,
        `select c.table_schema as "schema", c.table_name as "table", c.column_name as "column"
           from information_schema.columns c
           join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
          where t.table_type = 'BASE TABLE' and c.table_schema not in ('pg_catalog', 'information_schema')`,
      );
  const holding: string[] = [];
  for (const { schema, table, column } of places) {
    const from = schema ? `${quoted(schema)}.${quoted(table)}` : quoted(table);
    const contains = onSqlite ? 'instr' : 'strpos';
    const sql = `select count(*) as n from ${from} where ${contains}(upper(cast(${quoted(column)} as text)), upper(?)) > 0`;
    if (((await rows<{ n: number }>(h, sql, text))[0]?.n ?? 0) > 0) holding.push(`${table}.${column}`);
  }
  return holding;
}

export async function requestRow(h: AnyHarness, id: number): Promise<Json | undefined> {
  return (await rows(h, 'select * from requests where id = ?', id))[0];
}

export type ParticipationRow = Json & {
  user_id: string;
  shared_at: number | null;
  show_name: number;
  remind_me: number;
  reminded_at: number | null;
};

export function participationRows(h: AnyHarness, requestId: number): Promise<ParticipationRow[]> {
  return rows(h, 'select * from participations where request_id = ? order by user_id', requestId);
}

/** The newest request of a person in their workspace. */
export async function latestRequestOf(
  h: AnyHarness,
  person: Person,
): Promise<(Json & { id: number; message_ts: string | null }) | undefined> {
  const { userId, teamId = DEFAULT_IDS.teamId } = who(person);
  const found = await rows<Json & { id: number; message_ts: string | null }>(
    h,
    'select * from requests where team_id = ? and requester_id = ? order by id desc limit 1',
    teamId,
    userId,
  );
  return found[0];
}

/** "N in, M shared" as the request message must show it, from the database. */
export async function expectedCounts(h: AnyHarness, requestId: number): Promise<string> {
  const helpers = await participationRows(h, requestId);
  const shared = helpers.filter((row) => row.shared_at !== null).length;
  return helpers.length === 0 ? 'No one in yet' : `${helpers.length} in, ${shared} shared`;
}

// ---- the command and the new-request form ---------------------------------------------------------------------------

/** `/boost <text>` typed by a person in a channel; returns the HTTP answer (the ack body, shown privately). */
export async function command(
  h: AnyHarness,
  person: Person,
  text = '',
  options: { channelId?: string; triggerId?: string } = {},
): Promise<SlackResponse> {
  const { userId, teamId, enterprise } = who(person);
  const response = await h.sender.command(
    slashCommand({
      teamId,
      enterprise,
      userId,
      channelId: options.channelId ?? CHANNEL,
      text,
      responseUrl: responseUrlFor(h, userId),
      triggerId: options.triggerId,
    }),
  );
  expect(response.status).toBe(200);
  return response;
}

/** The message Boost answered a command with in its ack (empty when it answered nothing). */
export function ackMessage(response: SlackResponse): { text?: string; blocks?: Json[]; response_type?: string } {
  return response.text ? response.json() : {};
}

/** `/boost [text]` and the new-request modal Slack opened for it. */
export async function openForm(h: AnyHarness, person: Person, text = '', channelId = CHANNEL) {
  const trigger = triggerId();
  const response = await command(h, person, text, { channelId, triggerId: trigger });
  const [opened] = await h.slack.waitFor((call) => call.method === 'views.open' && call.args.trigger_id === trigger);
  expect(opened?.ok).toBe(true);
  return { response, view: answerOf<{ view: Json }>(opened).view };
}

/** `view.state.values` as Slack sends them for the new-request modal. */
export function requestValues(h: WithClock, draft: Draft = {}): Json {
  const text = (value: string | null | undefined) => ({
    [INPUT_ACTION]: { type: 'plain_text_input', value: value ?? null },
  });
  return {
    [REQUEST_FIELDS.url]: text(draft.url ?? 'https://example.com/blog/launch'),
    [REQUEST_FIELDS.title]: text(draft.title),
    [REQUEST_FIELDS.ask]: text(draft.ask ?? 'Share it with your network if you find it useful.'),
    [REQUEST_FIELDS.suggestedText]: text(draft.suggestedText),
    [REQUEST_FIELDS.networks]: {
      [INPUT_ACTION]: {
        type: 'checkboxes',
        selected_options: (draft.networks ?? ['linkedin', 'x', 'bluesky']).map((value) => ({
          text: { type: 'plain_text', text: value, emoji: true },
          value,
        })),
      },
    },
    [REQUEST_FIELDS.deadline]: {
      [INPUT_ACTION]: { type: 'datepicker', selected_date: draft.deadline ?? dayFromNow(h, 7) },
    },
    [REQUEST_FIELDS.channelId]: {
      [INPUT_ACTION]: { type: 'conversations_select', selected_conversation: draft.channelId ?? CHANNEL },
    },
  };
}

/** Presses "Post request" on the new-request form; returns the HTTP answer (field errors, or an empty ack). */
export function submitForm(h: AnyHarness, person: Person, draft: Draft = {}): Promise<SlackResponse> {
  const { userId, teamId, enterprise } = who(person);
  // viewSubmission gives each submission its own view id, as each opened form has; Boost tells a repeat by it.
  return h.sender.interact(
    viewSubmission({
      teamId,
      enterprise,
      userId,
      callbackId: VIEWS.newRequest,
      values: requestValues(h, draft),
      privateMetadata: '',
    }),
  );
}

/** The field errors of a submission answer, by block id; fails the test when the modal would have closed. */
export function fieldErrors(response: SlackResponse): Record<string, string> {
  expect(response.status).toBe(200);
  const body = response.json<{ response_action?: string; errors?: Record<string, string> }>();
  expect(body.response_action).toBe('errors');
  return body.errors ?? {};
}

/** True for the chat.postMessage that put request `id` in a channel. */
export const isPostOf =
  (id: number) =>
  (call: RecordedCall): boolean =>
    call.method === 'chat.postMessage' &&
    call.ok &&
    JSON.stringify(call.args.blocks ?? []).includes(`"block_id":"request_${id}"`);

/** Fills in and submits the form, then waits until the request is in its channel and Boost has saved where. */
export async function createRequest(h: AnyHarness, draft: Draft = {}, person: Person = REQUESTER): Promise<Posted> {
  const { userId, teamId = DEFAULT_IDS.teamId } = who(person);
  const response = await submitForm(h, person, draft);
  expect(response.status).toBe(200);
  expect(response.text).toBe('');
  // Read through Boost's own repositories, so that this works on either database.
  const newest = async () => (await h.boost.context.repos.requests.listByRequester(teamId, userId, 1))[0];
  const row = await newest();
  if (!row) throw new Error('no request was saved');
  const [post] = await h.slack.waitFor(isPostOf(row.id), 10_000);
  // Boost records where the message is once Slack's answer arrives, a moment after the fake recorded the call.
  await eventually(async () => (await newest())?.messageTs, 5000, 'the message ts to be saved');
  return {
    id: row.id,
    teamId,
    requesterId: userId,
    channel: String(post?.args.channel),
    ts: answerOf<{ ts: string }>(post).ts,
  };
}

// ---- buttons --------------------------------------------------------------------------------------------------------

export interface ClickOptions {
  /** Where the button is: the request message (default), or a private reply (Slack sends no message for those). */
  container?: 'message' | 'ephemeral';
  /** The blocks holding the button, for a private reply. */
  blocks?: unknown;
  /** For a DM: the DM message clicked. */
  dm?: StoredMessage;
  /** The request message as the person's Slack shows it, when older than the current one. */
  message?: StoredMessage;
  send?: SendOptions;
  /** Reuse an exact payload (a retried delivery). */
  payload?: Json;
}

export interface Click {
  response: SlackResponse;
  payload: Json;
}

/** A person presses a button of request `posted` (or one of Boost's DMs or private replies); Boost must ack it. */
export async function click(
  h: AnyHarness,
  person: Person,
  actionId: string,
  posted: RequestRef,
  options: ClickOptions = {},
): Promise<Click> {
  const payload = options.payload ?? clickPayload(h, person, actionId, posted, options);
  const response = await h.sender.interact(payload, options.send);
  expect(response.status).toBe(200);
  return { response, payload };
}

export function clickPayload(
  h: AnyHarness,
  person: Person,
  actionId: string,
  posted: RequestRef,
  options: ClickOptions = {},
): Json {
  const { userId, teamId = posted.teamId, enterprise } = who(person);
  if (options.dm) {
    const channel = dmChannelFor(userId);
    return blockAction({
      container: 'message',
      teamId,
      enterprise,
      userId,
      actionId,
      channelId: channel,
      message: options.dm,
      responseUrl: responseUrlFor(h, userId, { channel, ts: options.dm.ts }),
    });
  }
  if (options.container === 'ephemeral') {
    return blockAction({
      container: 'ephemeral',
      teamId,
      enterprise,
      userId,
      actionId,
      channelId: posted.channel,
      messageTs: posted.ts,
      value: String(posted.id),
      message: { blocks: options.blocks },
      responseUrl: responseUrlFor(h, userId),
    });
  }
  // A message Slack never confirmed (a faulty Web API) is still clicked as the person's Slack would show it.
  const message = options.message ??
    h.slack.message(posted.channel, posted.ts) ?? {
      ts: posted.ts,
      blocks: [
        {
          type: 'actions',
          block_id: `request_${posted.id}`,
          elements: [{ type: 'button', action_id: actionId, value: String(posted.id) }],
        },
      ],
    };
  return blockAction({
    container: 'message',
    teamId,
    enterprise,
    userId,
    actionId,
    channelId: posted.channel,
    message,
    responseUrl: responseUrlFor(h, userId, { channel: posted.channel, ts: posted.ts }),
  });
}

/** "I'm in", then the private reply Boost sent to that person for it. */
export async function optIn(h: AnyHarness, person: Person, posted: RequestRef): Promise<RecordedCall> {
  const { userId } = who(person);
  const before = repliesTo(h, userId).length;
  await click(h, person, ACTIONS.optIn, posted);
  const replies = await h.slack.waitFor(isReplyTo(userId), 5000, before + 1);
  return replies[replies.length - 1] as RecordedCall;
}

/** "I'm in" and then "I shared it" on the request message, without waiting for the private replies. */
export async function optInAndShare(h: AnyHarness, person: Person, posted: RequestRef): Promise<void> {
  await click(h, person, ACTIONS.optIn, posted);
  await click(h, person, ACTIONS.markShared, posted);
}

/** Distinct user ids for a crowd. */
export const helpers = (count: number, prefix = 'UCROWD') =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);

/**
 * Presses a button for each person at once, as a crowd does; every click must be acked. "Withdraw" is only in each
 * person's private reply, so it is clicked there.
 */
export async function crowdClicks(h: AnyHarness, posted: RequestRef, clicks: Array<[string, string]>): Promise<void> {
  const payloads = clicks.map(([userId, actionId]) =>
    clickPayload(h, userId, actionId, posted, { container: actionId === ACTIONS.withdraw ? 'ephemeral' : 'message' }),
  );
  const answers = await Promise.all(payloads.map((payload) => h.sender.interact(payload)));
  expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
}

// ---- the "Thanks for sharing" form ----------------------------------------------------------------------------------

/** The "Thanks for sharing" form opened for this click. */
export async function sharedFormFor(h: AnyHarness, clicked: Click): Promise<Json> {
  const trigger = clicked.payload.trigger_id;
  const [opened] = await h.slack.waitFor((call) => call.method === 'views.open' && call.args.trigger_id === trigger);
  expect(opened?.ok).toBe(true);
  return answerOf<{ view: Json }>(opened).view;
}

/**
 * Saves the "Thanks for sharing" form with a link to one's post (optional) and, optionally, the network. `form` is the
 * view Boost opened, or just the request's id for a test that skips opening it.
 */
export function submitSharedForm(
  h: AnyHarness,
  person: Person,
  form: Json | number,
  shareUrl: string | null,
  network?: string,
): Promise<SlackResponse> {
  const { userId, teamId } = who(person);
  const view =
    typeof form === 'number'
      ? { callbackId: VIEWS.shared, privateMetadata: JSON.stringify({ requestId: form }) }
      : { view: form };
  return h.sender.interact(
    viewSubmission({
      teamId,
      userId,
      ...view,
      values: {
        [SHARED_FIELDS.shareUrl]: { [INPUT_ACTION]: { type: 'plain_text_input', value: shareUrl } },
        [SHARED_FIELDS.network]: {
          [INPUT_ACTION]: {
            type: 'static_select',
            selected_option: network
              ? { text: { type: 'plain_text', text: network, emoji: true }, value: network }
              : null,
          },
        },
      },
    }),
  );
}

// ---- App Home -------------------------------------------------------------------------------------------------------

export const homePublishesTo = (h: AnyHarness, userId: string): RecordedCall[] =>
  h.slack.callsTo('views.publish').filter((call) => call.args.user_id === userId);

/** Opens the Home tab and waits for the publish it causes; returns the published view as JSON text. */
export async function openHome(h: AnyHarness, userId: string): Promise<string> {
  const before = homePublishesTo(h, userId).length;
  await h.sender.event(appHomeOpened(userId, TEAM, { view: h.slack.homeView(userId) }));
  await waitForHome(h, userId, before + 1);
  return homeText(h, userId);
}

/** Waits until `count` Home publishes reached this person. */
export async function waitForHome(h: AnyHarness, userId: string, count: number, timeoutMs = 8000): Promise<void> {
  await h.slack.waitFor((call) => call.method === 'views.publish' && call.args.user_id === userId, timeoutMs, count);
}

/** The Home tab last published for this person, as JSON text (what they would see, mentions included). */
export function homeText(h: AnyHarness, userId: string): string {
  const view = h.slack.homeView(userId);
  if (!view) throw new Error(`no Home published for ${userId}`);
  return JSON.stringify(view.blocks);
}

/**
 * A click on a button of the person's Home tab as last published, found by action id and value. The Home has no
 * response_url; Boost answers by republishing it.
 */
export async function clickOnHome(h: AnyHarness, person: Person, actionId: string, value?: string) {
  const { userId, teamId } = who(person);
  const view = h.slack.homeView(userId);
  const response = await h.sender.interact(
    blockAction({ container: 'home', teamId, userId, actionId, value, view: view as Json | undefined }),
  );
  if (response.status !== 200) throw new Error(`Home click answered ${response.status}: ${response.text}`);
  return response;
}

// ---- health ---------------------------------------------------------------------------------------------------------

let servingChecks = 0;

/**
 * Proves the app still serves: a new request goes from form to channel, a click is counted and answered privately,
 * and the message shows the database's counts. Throws, saying which step failed, otherwise.
 */
export async function stillServes(h: AnyHarness, teamId?: string): Promise<void> {
  servingChecks += 1;
  const requester = { userId: `USERVE${servingChecks}A`, teamId };
  const helper = { userId: `USERVE${servingChecks}B`, teamId };
  const request = await createRequest(h, {}, requester);
  await click(h, helper, ACTIONS.optIn, request);
  await eventually(() => repliesTo(h, helper.userId).some((call) => call.ok), 10_000, 'the private reply to a click');
  const counts = await expectedCounts(h, request.id);
  await eventually(
    () => visibleText(h.slack.message(request.channel, request.ts)).includes(counts),
    10_000,
    `the message to show "${counts}"`,
  );
}
