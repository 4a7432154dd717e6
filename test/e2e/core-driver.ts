import { expect } from 'vitest';
import { ACTIONS, INPUT_ACTION, REQUEST_FIELDS, SHARED_FIELDS, VIEWS } from '../../src/slack/ids.ts';
import type { BoostHarness } from '../harness/boost.ts';
import type { RecordedCall, StoredMessage } from '../harness/fake-slack.ts';
import { dmChannelFor } from '../harness/fixtures.ts';
import { blockAction, slashCommand, triggerId, viewSubmission } from '../harness/payloads.ts';
import type { SendOptions, SlackResponse } from '../harness/signed-client.ts';

// Drives Boost the way a person does in Slack (a command, a form, a click) and reads back what Slack received and what
// the database holds. Each response_url is labelled with the person who acted (`U…~n`), so a test can tell who saw what.

type Json = Record<string, unknown>;

export const REQUESTER = 'UREQ0001';
export const CHANNEL = 'CBOOST001';

/** The form as a person fills it in; unset fields get sensible values. */
export interface Draft {
  url?: string;
  title?: string;
  ask?: string;
  suggestedText?: string;
  networks?: string[];
  /** YYYY-MM-DD. */
  deadline?: string;
  channelId?: string;
}

/** A posted request as the tests refer to it. */
export interface Posted {
  id: number;
  channel: string;
  ts: string;
}

/** What Slack answered a recorded call (a message's ts, an opened view...); fails the test when there is no call. */
export function answerOf<T = Json>(call: RecordedCall | undefined): T {
  if (!call) throw new Error('expected a recorded call');
  return call.response as T;
}

/** Whatever tells the time the app goes by (the harness's clock, or the real one for a spawned process). */
export type WithClock = { clock: { now: () => number } };

/** A YYYY-MM-DD date `days` from the harness clock's today (UTC, the fake's default time zone). */
export function dayFromNow(h: WithClock, days: number): string {
  return new Date(h.clock.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** `view.state.values` as Slack sends them for the new-request modal. */
export function requestValues(h: WithClock, draft: Draft = {}): Json {
  const text = (value: string | undefined) => ({ [INPUT_ACTION]: { type: 'plain_text_input', value: value ?? null } });
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

let responseUrls = 0;

/** A response_url that records who it belongs to; `origin` lets `replace_original` act on that message. */
export function responseUrlFor(h: BoostHarness, userId: string, origin?: { channel: string; ts: string }): string {
  responseUrls += 1;
  return h.slack.responseUrl(`${userId}~${responseUrls}`, origin);
}

/** The person a response_url call was addressed to. */
export function responseUrlOwner(call: RecordedCall): string {
  return decodeURIComponent(call.responseUrlId ?? '').split('~')[0] ?? '';
}

/** True for a post to a response_url handed to this person. */
export const isReplyTo =
  (userId: string) =>
  (call: RecordedCall): boolean =>
    call.method === 'response_url' && responseUrlOwner(call) === userId;

/** Posts to response_urls handed to this person. */
export function repliesTo(h: BoostHarness, userId: string): RecordedCall[] {
  return h.slack.calls.filter(isReplyTo(userId));
}

/**
 * Whom a call shows something privately, if anyone: the owner of a response_url, the user of an ephemeral message, the
 * person of a DM (by user id or D… channel), or of a Home tab.
 */
export function privateRecipient(call: RecordedCall): string | undefined {
  if (call.method === 'response_url') return responseUrlOwner(call);
  if (call.method === 'chat.postEphemeral') return String(call.args.user);
  if (call.method === 'views.publish') return String(call.args.user_id);
  const channel = String(call.args.channel ?? '');
  if (call.method === 'chat.postMessage' && /^[UW]/.test(channel)) return channel;
  if (call.method === 'chat.postMessage' && channel.startsWith('D')) return `U${channel.slice(1)}`;
  return undefined;
}

/** `/boost <text>` typed by a person in a channel; returns the HTTP answer (the ack body, shown privately). */
export async function command(
  h: BoostHarness,
  userId: string,
  text = '',
  options: { channelId?: string; triggerId?: string } = {},
): Promise<SlackResponse> {
  const response = await h.sender.command(
    slashCommand({
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
export async function openForm(h: BoostHarness, userId: string, text = '', channelId = CHANNEL) {
  const trigger = triggerId();
  const response = await command(h, userId, text, { channelId, triggerId: trigger });
  const [opened] = await h.slack.waitFor((call) => call.method === 'views.open' && call.args.trigger_id === trigger);
  expect(opened?.ok).toBe(true);
  return { response, view: answerOf<{ view: Json }>(opened).view };
}

/** Presses "Post request" on the new-request form; returns the HTTP answer (field errors, or an empty ack). */
export function submitForm(h: BoostHarness, userId: string, draft: Draft = {}): Promise<SlackResponse> {
  return h.sender.interact(
    viewSubmission({ userId, callbackId: VIEWS.newRequest, values: requestValues(h, draft), privateMetadata: '' }),
  );
}

/** The field errors of a submission answer, by block id; fails the test when the modal would have closed. */
export function fieldErrors(response: SlackResponse): Record<string, string> {
  expect(response.status).toBe(200);
  const body = response.json<{ response_action?: string; errors?: Record<string, string> }>();
  expect(body.response_action).toBe('errors');
  return body.errors ?? {};
}

/** Rows of a table, straight from the SQLite file, as a person inspecting the database would see them. */
export function rows<T = Json>(h: BoostHarness, sql: string, ...params: unknown[]): T[] {
  return h.boost.database.sqlite.prepare(sql).all(...params) as T[];
}

export function requestRow(h: BoostHarness, id: number): Json | undefined {
  return rows(h, 'select * from requests where id = ?', id)[0];
}

export function participationRows(h: BoostHarness, requestId: number): Json[] {
  return rows(h, 'select * from participations where request_id = ? order by user_id', requestId);
}

export function latestRequestOf(h: BoostHarness, userId: string): Json | undefined {
  return rows(h, 'select * from requests where requester_id = ? order by id desc limit 1', userId)[0];
}

/** True for the chat.postMessage that put request `id` in a channel. */
export const isPostOf =
  (id: number) =>
  (call: RecordedCall): boolean =>
    call.method === 'chat.postMessage' &&
    call.ok &&
    JSON.stringify(call.args.blocks ?? []).includes(`"block_id":"request_${id}"`);

/** Fills in and submits the form, then waits until the request is in its channel. */
export async function createRequest(h: BoostHarness, draft: Draft = {}, userId = REQUESTER): Promise<Posted> {
  const response = await submitForm(h, userId, draft);
  expect(response.status).toBe(200);
  expect(response.text).toBe('');
  const row = latestRequestOf(h, userId);
  const id = Number(row?.id);
  const [post] = await h.slack.waitFor(isPostOf(id));
  return { id, channel: String(post?.args.channel), ts: answerOf<{ ts: string }>(post).ts };
}

/** The request message as it is now in the channel. */
export function messageOf(h: BoostHarness, posted: Posted): StoredMessage {
  const message = h.slack.message(posted.channel, posted.ts);
  if (!message) throw new Error(`no message ${posted.ts} in ${posted.channel}`);
  return message;
}

/** Everything a reader of the message sees, as one string (blocks and the notification text). */
export function visibleText(message: { text?: unknown; blocks?: unknown }): string {
  const parts: string[] = [typeof message.text === 'string' ? message.text : ''];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const object = node as Json;
      if (typeof object.text === 'string') parts.push(object.text);
      for (const [key, value] of Object.entries(object)) if (key !== 'text' || typeof value !== 'string') walk(value);
    }
  };
  walk(message.blocks);
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

export interface ClickOptions {
  /** Where the button is: the request message (default), a private reply, or a DM from Boost. */
  container?: 'message' | 'ephemeral';
  /** The blocks holding the button, for a private reply (Slack sends no message for ephemeral clicks). */
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

/** A person presses a button of request `posted` (or one of Boost's DMs or private replies). */
export async function click(
  h: BoostHarness,
  userId: string,
  actionId: string,
  posted: Posted,
  options: ClickOptions = {},
): Promise<Click> {
  const payload = options.payload ?? clickPayload(h, userId, actionId, posted, options);
  const response = await h.sender.interact(payload, options.send);
  expect(response.status).toBe(200);
  return { response, payload };
}

export function clickPayload(
  h: BoostHarness,
  userId: string,
  actionId: string,
  posted: Posted,
  options: ClickOptions = {},
): Json {
  if (options.dm) {
    const channel = dmChannelFor(userId);
    return blockAction({
      container: 'message',
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
      userId,
      actionId,
      channelId: posted.channel,
      value: String(posted.id),
      message: { blocks: options.blocks },
      responseUrl: responseUrlFor(h, userId),
    });
  }
  return blockAction({
    container: 'message',
    userId,
    actionId,
    channelId: posted.channel,
    message: options.message ?? messageOf(h, posted),
    responseUrl: responseUrlFor(h, userId, { channel: posted.channel, ts: posted.ts }),
  });
}

/** "I'm in", then the private reply Boost sent to that person for it. */
export async function optIn(h: BoostHarness, userId: string, posted: Posted): Promise<RecordedCall> {
  const before = repliesTo(h, userId).length;
  await click(h, userId, ACTIONS.optIn, posted);
  const replies = await h.slack.waitFor(isReplyTo(userId), 5000, before + 1);
  return replies[replies.length - 1] as RecordedCall;
}

/** The "Thanks for sharing" form opened for this click. */
export async function sharedFormFor(h: BoostHarness, clicked: Click): Promise<Json> {
  const trigger = clicked.payload.trigger_id;
  const [opened] = await h.slack.waitFor((call) => call.method === 'views.open' && call.args.trigger_id === trigger);
  expect(opened?.ok).toBe(true);
  return answerOf<{ view: Json }>(opened).view;
}

/** Saves the "Thanks for sharing" form with a link to one's post and, optionally, the network. */
export function submitSharedForm(
  h: BoostHarness,
  userId: string,
  view: Json,
  shareUrl: string,
  network?: string,
): Promise<SlackResponse> {
  return h.sender.interact(
    viewSubmission({
      userId,
      view,
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

/** Waits until no message update is pending, for longer than the harness's settle() when Slack is slow. */
export async function settled(h: BoostHarness, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (h.boost.context.updater.pending > 0) {
    if (Date.now() > deadline) throw new Error(`message updates still pending after ${timeoutMs} ms`);
    await h.settle();
  }
}

/** chat.update calls for one request message. */
export function updatesOf(h: BoostHarness, posted: Posted): RecordedCall[] {
  return h.slack
    .callsTo('chat.update')
    .filter((call) => call.args.channel === posted.channel && call.args.ts === posted.ts);
}

/**
 * About one update per second per message. The app paces when it sends; the fake records when a call arrives, which on
 * a busy machine can lag by a few hundred ms. Half a second apart still tells pacing from one update per click.
 */
export const MIN_UPDATE_GAP_MS = 500;

/** Distinct user ids for a crowd. */
export const helpers = (count: number, prefix = 'UCROWD') =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);

/**
 * Presses a button for each person at once, as a crowd does; every click must be acked. "Withdraw" is only in each
 * person's private reply, so it is clicked there.
 */
export async function crowdClicks(h: BoostHarness, posted: Posted, clicks: Array<[string, string]>): Promise<void> {
  const payloads = clicks.map(([userId, actionId]) =>
    clickPayload(h, userId, actionId, posted, { container: actionId === ACTIONS.withdraw ? 'ephemeral' : 'message' }),
  );
  const answers = await Promise.all(payloads.map((payload) => h.sender.interact(payload)));
  expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
}

/** The counts line of a rendered request, as the channel reads it. */
export const countsIn = (call: RecordedCall) =>
  /(\d+) in, (\d+) shared/.exec(String(call.args.text))?.slice(1).map(Number);
