import type { BoostRequest } from '../../src/domain/types.ts';
import { REQUEST_FIELDS, VIEWS } from '../../src/slack/ids.ts';
import { type BoostHarness, TEAM } from '../harness/boost.ts';
import type { RecordedCall } from '../harness/fake-slack.ts';
import { appHomeOpened, blockAction, viewSubmission } from '../harness/payloads.ts';

// Steps shared by the App Home, settings, shortcut and thanks tests: each goes through the real app over signed HTTP.

const DAY = 86_400_000;

export interface NewRequest {
  userId: string;
  title: string;
  url?: string;
  channelId?: string;
  ask?: string;
}

/** Submits the new-request form as Slack would, waits for the channel message, and returns the stored request. */
export async function createRequest(h: BoostHarness, input: NewRequest): Promise<BoostRequest> {
  const channelId = input.channelId ?? 'C100';
  const posts = h.slack.callsTo('chat.postMessage').length;
  const values = {
    [REQUEST_FIELDS.url]: { value: { type: 'plain_text_input', value: input.url ?? 'https://example.com/launch' } },
    [REQUEST_FIELDS.title]: { value: { type: 'plain_text_input', value: input.title } },
    [REQUEST_FIELDS.ask]: { value: { type: 'plain_text_input', value: input.ask ?? 'Share it if you like it.' } },
    [REQUEST_FIELDS.suggestedText]: { value: { type: 'plain_text_input', value: 'We shipped it!' } },
    [REQUEST_FIELDS.networks]: {
      value: { type: 'checkboxes', selected_options: [{ value: 'linkedin' }, { value: 'bluesky' }] },
    },
    [REQUEST_FIELDS.deadline]: {
      value: { type: 'datepicker', selected_date: new Date(h.clock.now() + 3 * DAY).toISOString().slice(0, 10) },
    },
    [REQUEST_FIELDS.channelId]: { value: { type: 'conversations_select', selected_conversation: channelId } },
  };
  const res = await h.sender.interact(viewSubmission({ userId: input.userId, callbackId: VIEWS.newRequest, values }));
  if (res.status !== 200) throw new Error(`new request answered ${res.status}: ${res.text}`);
  await h.slack.waitFor('chat.postMessage', 5000, posts + 1);
  // The fake records the call when it arrives; the app stores the message ts once the answer is back.
  for (let i = 0; i < 200; i++) {
    const [request] = h.boost.context.repos.overview.requestsBy(TEAM, input.userId, 1).items;
    if (request?.messageTs) return request;
    await sleep(10);
  }
  throw new Error('the request was not posted');
}

/** A click on a button of the request's message in its channel. */
export async function clickOnMessage(h: BoostHarness, userId: string, actionId: string, request: BoostRequest) {
  const channelId = request.channelId;
  const message = h.slack.message(channelId, request.messageTs ?? '');
  const res = await h.sender.interact(
    blockAction({
      container: 'message',
      userId,
      actionId,
      channelId,
      messageTs: request.messageTs ?? undefined,
      message,
      value: String(request.id),
      responseUrl: h.slack.responseUrl(),
    }),
  );
  if (res.status !== 200) throw new Error(`click answered ${res.status}: ${res.text}`);
  return res;
}

/** Opts in and marks shared from the channel message. */
export async function shareFromMessage(h: BoostHarness, userId: string, request: BoostRequest, actions: string[]) {
  for (const actionId of actions) await clickOnMessage(h, userId, actionId, request);
}

export const homePublishesTo = (h: BoostHarness, userId: string): RecordedCall[] =>
  h.slack.callsTo('views.publish').filter((call) => call.args.user_id === userId);

/** Opens the Home tab and waits for the publish it causes; returns the published view as JSON text. */
export async function openHome(h: BoostHarness, userId: string): Promise<string> {
  const before = homePublishesTo(h, userId).length;
  await h.sender.event(appHomeOpened(userId, TEAM, { view: h.slack.homeView(userId) }));
  await waitForHome(h, userId, before + 1);
  return homeText(h, userId);
}

/** Waits until `count` Home publishes reached this person. */
export async function waitForHome(h: BoostHarness, userId: string, count: number, timeoutMs = 8000): Promise<void> {
  await h.slack.waitFor((call) => call.method === 'views.publish' && call.args.user_id === userId, timeoutMs, count);
}

/** Waits until no Home refresh is waiting or in flight. */
export async function homesSettled(h: BoostHarness): Promise<void> {
  for (let i = 0; i < 400 && h.boost.context.homes.pending > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The Home tab last published for this person, as JSON text (what they would see, mentions included). */
export function homeText(h: BoostHarness, userId: string): string {
  const view = h.slack.homeView(userId);
  if (!view) throw new Error(`no Home published for ${userId}`);
  return JSON.stringify(view.blocks);
}

/** A click on a button of the person's Home tab, found by action id and value. */
export async function clickOnHome(h: BoostHarness, userId: string, actionId: string, value?: string) {
  const view = h.slack.homeView(userId);
  const res = await h.sender.interact(
    blockAction({ container: 'home', userId, actionId, value, view: view as Record<string, unknown> | undefined }),
  );
  if (res.status !== 200) throw new Error(`Home click answered ${res.status}: ${res.text}`);
  return res;
}

/** Every DM and ephemeral message the app sent, by recipient. */
export function messagesToPeople(h: BoostHarness): { dms: RecordedCall[]; ephemerals: RecordedCall[] } {
  return {
    dms: h.slack.callsTo('chat.postMessage').filter((call) => /^[UWD]/.test(String(call.args.channel))),
    ephemerals: h.slack.callsTo('chat.postEphemeral'),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
