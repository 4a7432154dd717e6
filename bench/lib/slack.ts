import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blockAction, viewSubmission } from '../../src/playground/payloads.ts';
import { SlackSender, signSlackRequest } from '../../src/playground/signed-client.ts';
import { ACTIONS, INPUT_ACTION, REQUEST_FIELDS, VIEWS } from '../../src/slack/ids.ts';
import type { CallSummary } from '../servers/fake-slack.ts';
import type { PreparedRequest } from './http-client.ts';
import { type Child, profileFlags, startChild } from './processes.ts';

// Set-up shared by the benchmarks that drive Boost like Slack does: a fake Slack Web API and Boost in child processes,
// a request created through the real modal submission, and pre-signed clicks on its message.

export const BENCH_SECRET = 'bench-signing-secret-0123456789abcdef';
export const BENCH_TOKEN = 'xoxb-bench-token';

export type FakeSlackChild = Child<{ url: string; apiUrl: string }>;
export type AppChild = Child<{ port: number; url: string }>;

export function startFakeSlack(): Promise<FakeSlackChild> {
  return startChild('servers/fake-slack.ts', { env: { BENCH_BOT_TOKEN: BENCH_TOKEN } });
}

export interface BoostChild extends AppChild {
  /** The temp folder holding its database; removed by `stop()`. */
  dir: string;
}

/** Boost in its own process, against the fake Slack and a fresh temp database; settings as production defaults. */
export async function startBoostChild(apiUrl: string, extra: Record<string, string> = {}): Promise<BoostChild> {
  const dir = mkdtempSync(join(tmpdir(), 'boost-bench-'));
  const settings = {
    SLACK_BOT_TOKEN: BENCH_TOKEN,
    SLACK_SIGNING_SECRET: BENCH_SECRET,
    SLACK_API_URL: apiUrl,
    DATABASE_PATH: join(dir, 'boost.sqlite'),
    PORT: '0',
    HOST: '127.0.0.1',
    // Personal tracked links on: each opt-in then also creates the helper's link, the more demanding path.
    PUBLIC_BASE_URL: 'https://boost.example.com',
    ...extra,
  };
  const child = await startChild<{ port: number; url: string }>('servers/boost.ts', {
    env: { BENCH_SETTINGS: JSON.stringify(settings) },
    execArgv: profileFlags('boost'),
  });
  return {
    ...child,
    dir,
    async stop() {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The baseline Bolt app (same options as Boost's, one listener that only acks) in its own process. */
export function startBareBolt(apiUrl: string): Promise<AppChild> {
  return startChild('servers/bare-bolt.ts', {
    env: {
      BENCH_SETTINGS: JSON.stringify({
        SLACK_BOT_TOKEN: BENCH_TOKEN,
        SLACK_SIGNING_SECRET: BENCH_SECRET,
        SLACK_API_URL: apiUrl,
      }),
    },
    execArgv: profileFlags('bare-bolt'),
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns a value (not undefined), or throws after `timeoutMs`. */
export async function waitUntil<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

export interface PostedRequest {
  requestId: number;
  channel: string;
  ts: string;
  /** The message as the fake Slack stores it, which Slack sends back with every click on it. */
  message: Record<string, unknown>;
}

/** Creates a request the way a person does (the new-request modal submitted) and waits until it is in the channel. */
export async function createRequest(
  boost: AppChild,
  fake: FakeSlackChild,
  options: { requester: string; channel: string; url: string },
): Promise<PostedRequest> {
  const sender = new SlackSender({ baseUrl: boost.info.url, signingSecret: BENCH_SECRET });
  const from = await fake.call<number>('callCount');
  const field = (value: unknown) => ({ [INPUT_ACTION]: value });
  const deadline = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  const values = {
    [REQUEST_FIELDS.url]: field({ type: 'plain_text_input', value: options.url }),
    [REQUEST_FIELDS.title]: field({ type: 'plain_text_input', value: null }),
    [REQUEST_FIELDS.ask]: field({ type: 'plain_text_input', value: 'Please share our launch post' }),
    [REQUEST_FIELDS.suggestedText]: field({ type: 'plain_text_input', value: null }),
    [REQUEST_FIELDS.networks]: field({
      type: 'checkboxes',
      selected_options: [{ value: 'linkedin' }, { value: 'x' }, { value: 'bluesky' }],
    }),
    [REQUEST_FIELDS.deadline]: field({ type: 'datepicker', selected_date: deadline }),
    [REQUEST_FIELDS.channelId]: field({ type: 'conversations_select', selected_conversation: options.channel }),
  };
  const submitted = await sender.interact(
    viewSubmission({ userId: options.requester, callbackId: VIEWS.newRequest, values, privateMetadata: '' }),
  );
  if (submitted.status !== 200 || submitted.text !== '') {
    throw new Error(`the new-request modal was refused: ${submitted.status} ${submitted.text}`);
  }
  const post = await waitUntil('chat.postMessage', async () => {
    const [call] = await fake.call<CallSummary[]>('calls', from, 'chat.postMessage');
    return call;
  });
  if (!post.ok || !post.ts || !post.channel) throw new Error(`posting the request failed: ${post.error}`);
  const message = await fake.call<Record<string, unknown>>('message', post.channel, post.ts);
  const requestId = Number(findButtonValue(message, ACTIONS.optIn));
  return { requestId, channel: post.channel, ts: post.ts, message };
}

function findButtonValue(message: Record<string, unknown>, actionId: string): string {
  for (const block of (message.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[]) {
    const button = block.elements?.find((element) => element.action_id === actionId);
    if (button?.value) return button.value;
  }
  throw new Error(`no ${actionId} button in the request message`);
}

/** A distinct, valid Slack user id for each number. */
export const userId = (n: number) => `UB${n.toString(36).toUpperCase().padStart(8, '0')}`;

/**
 * "I'm in" clicks on a request message by the given users, signed like Slack signs them, ready to send to `baseUrl`.
 * Built and signed before timing starts, so the load generator does no crypto while it measures.
 */
export function optInClicks(baseUrl: string, fakeUrl: string, request: PostedRequest, users: readonly string[]) {
  const timestamp = Math.floor(Date.now() / 1000);
  return users.map((user, i): PreparedRequest => {
    const payload = blockAction({
      container: 'message',
      userId: user,
      actionId: ACTIONS.optIn,
      channelId: request.channel,
      messageTs: request.ts,
      message: request.message,
      responseUrl: `${fakeUrl}/response/bench-${user}-${i}`,
    });
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return {
      method: 'POST',
      url: `${baseUrl}/slack/events`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signSlackRequest(BENCH_SECRET, timestamp, body),
      },
      body,
    };
  });
}

/** The "N in, M shared" figures a request message shows, read from its fallback text (in English: "1,000 in"). */
export function countsShown(text: string | undefined): { optedIn: number; shared: number } | undefined {
  const match = /(\d[\d,]*) in, (\d[\d,]*) shared/.exec(text ?? '');
  const number = (digits: string | undefined) => Number(digits?.replaceAll(',', ''));
  return match ? { optedIn: number(match[1]), shared: number(match[2]) } : undefined;
}

/** Waits until Boost has no message update pending and the fake has seen `responses` response_url posts since `from`. */
export async function settle(boost: AppChild, fake: FakeSlackChild, from: number, responses: number): Promise<void> {
  await waitUntil(
    'Boost to finish its replies and updates',
    async () => {
      const replied = await fake.call<number>('countOf', 'response_url', from);
      const pending = await boost.call<number>('pendingUpdates');
      return replied >= responses && pending === 0 ? true : undefined;
    },
    30_000,
  );
}
