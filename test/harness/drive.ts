import { ACTIONS, INPUT_ACTION, REQUEST_FIELDS, SHARED_FIELDS, VIEWS } from '../../src/slack/ids.ts';
import type { BoostHarness } from './boost.ts';
import type { FakeSlack, RecordedCall } from './fake-slack.ts';
import { DEFAULT_IDS } from './fixtures.ts';
import { blockAction, slashCommand, triggerId, viewSubmission } from './payloads.ts';
import type { SlackResponse } from './signed-client.ts';

// Small steps a person takes in Slack, for tests that drive Boost through many of them (fault injection, property
// runs). Every step works in any workspace (`teamId`), so one app can serve many independent runs. Each response_url is
// labelled `<user>~<n>`, so a check can tell whom a private reply was for.

type Json = Record<string, unknown>;

export interface Person {
  userId: string;
  teamId?: string;
}

/** What the new-request form holds; unset fields get ordinary values. */
export interface FormInput {
  url?: string;
  title?: string | null;
  ask?: string;
  suggestedText?: string | null;
  networks?: string[];
  /** YYYY-MM-DD; a week after the harness clock's today by default. */
  deadline?: string;
  channelId?: string;
}

/** A request as it was posted: its id, and where its message is. */
export interface PostedRequest {
  id: number;
  teamId: string;
  requesterId: string;
  channel: string;
  ts: string;
}

let labels = 0;
let views = 0;

function nextViewId(): string {
  views += 1;
  return `VDRIVE${views.toString(36).toUpperCase().padStart(5, '0')}`;
}

/** A response_url owned by `userId`; `origin` lets replace_original/delete_original act on that message. */
export function replyUrl(h: { slack: FakeSlack }, userId: string, origin?: { channel: string; ts: string }): string {
  labels += 1;
  return h.slack.responseUrl(`${userId}~${labels}`, origin);
}

/** The person a response_url call was made for (from the label given by replyUrl). */
export function replyOwner(call: RecordedCall): string | undefined {
  if (call.method !== 'response_url' || !call.responseUrlId) return undefined;
  return decodeURIComponent(call.responseUrlId).split('~')[0];
}

export const repliesFor = (h: BoostHarness, userId: string): RecordedCall[] =>
  h.slack.calls.filter((call) => replyOwner(call) === userId);

/** Everything a person reads in a message or view: notification text and every text field of its blocks. */
export function textOf(surface: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') return;
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') parts.push(value);
        else walk(value);
      }
    }
  };
  walk(surface);
  return parts.join('\n');
}

export const dayAfter = (h: BoostHarness, days: number): string =>
  new Date(h.clock.now() + days * 86_400_000).toISOString().slice(0, 10);

/** `view.state.values` of the new-request form as Slack sends them; `now` sets the default deadline (a week later). */
export function formValues(input: FormInput = {}, now = Date.now()): Json {
  const text = (value: string | null | undefined) => ({ [INPUT_ACTION]: { type: 'plain_text_input', value } });
  return {
    [REQUEST_FIELDS.url]: text(input.url ?? 'https://example.com/launch'),
    [REQUEST_FIELDS.title]: text(input.title ?? null),
    [REQUEST_FIELDS.ask]: text(input.ask ?? 'Share it if you like it.'),
    [REQUEST_FIELDS.suggestedText]: text(input.suggestedText ?? null),
    [REQUEST_FIELDS.networks]: {
      [INPUT_ACTION]: {
        type: 'checkboxes',
        selected_options: (input.networks ?? ['linkedin', 'x']).map((value) => ({
          text: { type: 'plain_text', text: value, emoji: true },
          value,
        })),
      },
    },
    [REQUEST_FIELDS.deadline]: {
      [INPUT_ACTION]: {
        type: 'datepicker',
        selected_date: input.deadline ?? new Date(now + 7 * 86_400_000).toISOString().slice(0, 10),
      },
    },
    [REQUEST_FIELDS.channelId]: {
      [INPUT_ACTION]: { type: 'conversations_select', selected_conversation: input.channelId ?? 'C0BOOST01' },
    },
  };
}

/** Presses "Post request" on a filled-in form; answers with the HTTP response (field errors, or an empty ack). */
export function submitForm(h: BoostHarness, person: Person, input: FormInput = {}): Promise<SlackResponse> {
  return h.sender.interact(
    viewSubmission({
      teamId: person.teamId,
      userId: person.userId,
      callbackId: VIEWS.newRequest,
      // Each opened form has its own view id; Boost tells a repeated delivery by it.
      viewId: nextViewId(),
      values: formValues(input, h.clock.now()),
      privateMetadata: '',
    }),
  );
}

/** The newest request of a person, straight from the database. */
export function newestRequestOf(
  h: BoostHarness,
  person: Person,
): { id: number; message_ts: string | null } | undefined {
  return h.boost.database.sqlite
    .prepare('select id, message_ts from requests where team_id = ? and requester_id = ? order by id desc limit 1')
    .get(person.teamId ?? DEFAULT_IDS.teamId, person.userId) as { id: number; message_ts: string | null } | undefined;
}

/** The chat.postMessage that put request `id` in a channel, once it happened. */
export const isPostOf =
  (id: number) =>
  (call: RecordedCall): boolean =>
    call.method === 'chat.postMessage' &&
    call.ok &&
    JSON.stringify(call.args.blocks ?? []).includes(`"block_id":"request_${id}"`);

/** Submits the form and waits until the request is in its channel. Throws when the submission was refused. */
export async function postRequest(h: BoostHarness, person: Person, input: FormInput = {}): Promise<PostedRequest> {
  const response = await submitForm(h, person, input);
  if (response.status !== 200 || response.text !== '') {
    throw new Error(`the form was refused: ${response.status} ${response.text}`);
  }
  const row = newestRequestOf(h, person);
  if (!row) throw new Error('no request was saved');
  const [post] = await h.slack.waitFor(isPostOf(row.id), 10_000);
  // Boost records where the message is once Slack's answer arrives, a moment after the fake recorded the call.
  await eventually(() => newestRequestOf(h, person)?.message_ts, 5000, 'the message ts to be saved');
  return {
    id: row.id,
    teamId: person.teamId ?? DEFAULT_IDS.teamId,
    requesterId: person.userId,
    channel: String(post?.args.channel),
    ts: String((post?.response as { ts?: string } | undefined)?.ts),
  };
}

/**
 * A click on one of the request's buttons: in the channel message (default), in a private reply, or in the person's
 * App Home as last published (the Home has no response_url; Boost answers by republishing it).
 */
export function press(
  h: BoostHarness,
  person: Person,
  actionId: string,
  request: PostedRequest,
  where: 'message' | 'ephemeral' | 'home' = 'message',
): Promise<SlackResponse> {
  const base = {
    teamId: person.teamId ?? request.teamId,
    userId: person.userId,
    actionId,
    value: String(request.id),
    channelId: request.channel,
    messageTs: request.ts,
  };
  if (where === 'home') {
    const view = h.slack.homeView(person.userId);
    return h.sender.interact(blockAction({ ...base, container: 'home', ...(view ? { view } : {}) }));
  }
  if (where === 'ephemeral') {
    return h.sender.interact(blockAction({ ...base, container: 'ephemeral', responseUrl: replyUrl(h, person.userId) }));
  }
  const message = h.slack.message(request.channel, request.ts) ?? {
    ts: request.ts,
    blocks: [
      { type: 'actions', block_id: `request_${request.id}`, elements: [{ type: 'button', action_id: actionId }] },
    ],
  };
  return h.sender.interact(
    blockAction({
      ...base,
      container: 'message',
      message,
      responseUrl: replyUrl(h, person.userId, { channel: request.channel, ts: request.ts }),
    }),
  );
}

export const optIn = (h: BoostHarness, person: Person, request: PostedRequest) =>
  press(h, person, ACTIONS.optIn, request);
export const markShared = (h: BoostHarness, person: Person, request: PostedRequest) =>
  press(h, person, ACTIONS.markShared, request);
export const withdraw = (h: BoostHarness, person: Person, request: PostedRequest) =>
  press(h, person, ACTIONS.withdraw, request, 'ephemeral');
export const closeRequest = (h: BoostHarness, person: Person, request: PostedRequest) =>
  press(h, person, ACTIONS.close, request);

/** Saves the "Thanks for sharing" form for a request (the link to one's post is optional). */
export function submitShared(
  h: BoostHarness,
  person: Person,
  requestId: number,
  shareUrl: string | null,
  network?: string,
): Promise<SlackResponse> {
  return h.sender.interact(
    viewSubmission({
      teamId: person.teamId,
      userId: person.userId,
      callbackId: VIEWS.shared,
      viewId: nextViewId(),
      privateMetadata: JSON.stringify({ requestId }),
      values: {
        [SHARED_FIELDS.shareUrl]: { [INPUT_ACTION]: { type: 'plain_text_input', value: shareUrl } },
        [SHARED_FIELDS.network]: {
          [INPUT_ACTION]: {
            type: 'static_select',
            selected_option: network ? { text: { type: 'plain_text', text: network }, value: network } : null,
          },
        },
      },
    }),
  );
}

/** `/boost <text>` typed by a person; answers with the HTTP response (the ack body is the private answer). */
export function runCommand(
  h: BoostHarness,
  person: Person,
  text = '',
  channelId = 'C0BOOST01',
): Promise<SlackResponse> {
  return h.sender.command(
    slashCommand({
      teamId: person.teamId,
      userId: person.userId,
      channelId,
      text,
      responseUrl: replyUrl(h, person.userId),
      triggerId: triggerId(),
    }),
  );
}

/** Participation rows of a request, as the database holds them. */
export function participationsOf(
  h: BoostHarness,
  requestId: number,
): Array<{
  user_id: string;
  shared_at: number | null;
  show_name: number;
  remind_me: number;
  reminded_at: number | null;
}> {
  return h.boost.database.sqlite
    .prepare('select * from participations where request_id = ? order by id')
    .all(requestId) as Array<{
    user_id: string;
    shared_at: number | null;
    show_name: number;
    remind_me: number;
    reminded_at: number | null;
  }>;
}

/** "N in, M shared" as the request message must show it, from the database. */
export function expectedCounts(h: BoostHarness, requestId: number): string {
  const rows = participationsOf(h, requestId);
  const shared = rows.filter((row) => row.shared_at !== null).length;
  return rows.length === 0 ? 'No one in yet' : `${rows.length} in, ${shared} shared`;
}

/** Polls until `check` holds, or fails after `timeoutMs` with what it last saw. */
export async function eventually<T>(
  check: () => T | undefined | null | false,
  timeoutMs = 10_000,
  what = 'the condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until no message update nor Home refresh is pending or in flight. */
export async function quiet(h: BoostHarness, timeoutMs = 15_000): Promise<void> {
  await eventually(
    () => h.boost.context.updater.pending === 0 && h.boost.context.homes.pending === 0,
    timeoutMs,
    'message updates and Home refreshes to finish',
  );
}

let servingChecks = 0;

/**
 * Proves the app still serves: a new request goes from form to channel, a click is counted and answered privately,
 * and the message shows the database's counts. Throws, saying which step failed, otherwise.
 */
export async function stillServes(h: BoostHarness, teamId?: string): Promise<void> {
  servingChecks += 1;
  const requester = { userId: `USERVE${servingChecks}A`, teamId };
  const helper = { userId: `USERVE${servingChecks}B`, teamId };
  const request = await postRequest(h, requester);
  const click = await optIn(h, helper, request);
  if (click.status !== 200) throw new Error(`a click was answered ${click.status}`);
  await eventually(() => repliesFor(h, helper.userId).some((call) => call.ok), 10_000, 'the private reply to a click');
  const counts = expectedCounts(h, request.id);
  await eventually(
    () => textOf(h.slack.message(request.channel, request.ts)).includes(counts),
    10_000,
    `the message to show "${counts}"`,
  );
}
