import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type BlockAction, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixture } from '../../src/playground/fixtures.ts';
import {
  appHomeOpened,
  appUninstalled,
  blockAction,
  eventCallback,
  globalShortcut,
  messageShortcut,
  slashCommand,
  tokensRevoked,
  userChange,
  viewClosed,
  viewSubmission,
} from '../../src/playground/payloads.ts';
import { SlackSender } from '../../src/playground/signed-client.ts';
import { type FakeSlack, startFakeSlack } from './fake-slack.ts';

// The builders are proven against a real Bolt app: if Bolt routes a payload to the right listener and respond() and
// the Web API reach the fake, the payload has the shape Bolt expects from Slack.

const SECRET = 'payloads-signing-secret';
let fake: FakeSlack;
let server: Server;
let sender: SlackSender;
const seen: { kind: string; body: Record<string, unknown> }[] = [];

beforeAll(async () => {
  fake = await startFakeSlack();
  const app = new App({
    token: 'xoxb-test-token',
    signingSecret: SECRET,
    botId: fake.botId,
    botUserId: fake.botUserId,
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    logLevel: LogLevel.ERROR,
  });
  const remember = (kind: string, body: unknown) => seen.push({ kind, body: body as Record<string, unknown> });
  app.command('/boost', async ({ ack, body, respond }) => {
    await ack();
    remember('command', body);
    await respond({ text: `You typed: ${body.text}` });
  });
  app.action<BlockAction>('opt_in', async ({ ack, body, respond }) => {
    await ack();
    remember('action', body);
    if (body.container.type !== 'view') await respond({ replace_original: true, text: 'You are in' });
  });
  app.view('new_request', async ({ ack, body }) => {
    remember('view_submission', body);
    await ack({ response_action: 'errors', errors: { link: 'Use an http(s) link' } });
  });
  app.view({ callback_id: 'new_request', type: 'view_closed' }, async ({ ack, body }) => {
    await ack();
    remember('view_closed', body);
  });
  app.shortcut('ask_boost', async ({ ack, body, client }) => {
    await ack();
    remember('message_shortcut', body);
    await client.views.open({
      trigger_id: body.trigger_id,
      view: { type: 'modal', title: { type: 'plain_text', text: 'Boost' }, blocks: [] },
    });
  });
  app.shortcut('new_boost', async ({ ack, body }) => {
    await ack();
    remember('global_shortcut', body);
  });
  for (const type of ['app_home_opened', 'user_change', 'app_uninstalled', 'tokens_revoked', 'reaction_added']) {
    app.event(type, async ({ body }) => {
      remember(type, body);
    });
  }
  server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  sender = new SlackSender({
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    signingSecret: SECRET,
  });
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await fake.close();
});
beforeEach(() => {
  seen.length = 0;
  fake.reset();
});

async function waitForSeen(kind: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i++) {
    const found = seen.find((entry) => entry.kind === kind);
    if (found) return found.body;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`Bolt never routed a ${kind}; saw ${seen.map((entry) => entry.kind).join(', ') || 'nothing'}`);
}

const keys = (value: object | undefined) => Object.keys(value ?? {}).sort();

describe('payload builders', () => {
  it('builds a slash command Bolt routes, whose respond() reaches the fake', async () => {
    const fields = slashCommand({
      userId: 'U0ASKER',
      channelId: 'C0TEAM',
      text: 'list',
      responseUrl: fake.responseUrl('cmd'),
    });
    const response = await sender.command(fields);

    expect(response.status).toBe(200);
    expect(await waitForSeen('command')).toMatchObject({ user_id: 'U0ASKER', channel_id: 'C0TEAM', text: 'list' });
    const [reply] = await fake.waitFor('response_url');
    expect(reply).toMatchObject({ responseUrlId: 'cmd', args: { text: 'You typed: list' } });
    expect(fields).not.toHaveProperty('enterprise_id');
    expect(keys(slashCommand({ responseUrl: 'x', enterprise: true }))).toEqual(
      keys(fixture('shapes/command.slash.json')),
    );
  });

  it('builds a click on a posted message, taking block_id and value from that message', async () => {
    const blocks = [
      {
        type: 'actions',
        block_id: 'request_r1',
        elements: [{ type: 'button', action_id: 'opt_in', text: { type: 'plain_text', text: "I'm in" }, value: 'r1' }],
      },
    ];
    const { ts } = (await (
      await fetch(`${fake.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: 'Bearer xoxb-test-token', 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'C0TEAM', text: 'Help wanted', blocks }),
      })
    ).json()) as { ts: string };
    const message = fake.message('C0TEAM', ts);
    const payload = blockAction({
      container: 'message',
      userId: 'U0HELPER',
      channelId: 'C0TEAM',
      actionId: 'opt_in',
      message,
      responseUrl: fake.responseUrl('click', { channel: 'C0TEAM', ts }),
    });
    await sender.interact(payload);

    const body = await waitForSeen('action');
    expect(body).toMatchObject({
      container: { type: 'message', message_ts: ts, channel_id: 'C0TEAM', is_ephemeral: false },
      actions: [{ action_id: 'opt_in', block_id: 'request_r1', value: 'r1', text: { text: "I'm in" } }],
      message: { ts, text: 'Help wanted' },
      user: { id: 'U0HELPER' },
    });
    await fake.waitFor('response_url');
    expect(fake.message('C0TEAM', ts)?.text).toBe('You are in');
    expect(keys(payload)).toEqual(keys(fixture('interactive.block_actions.json')));
  });

  it('builds clicks in an ephemeral message and in the Home tab', async () => {
    const ephemeral = blockAction({
      container: 'ephemeral',
      actionId: 'opt_in',
      value: 'r2',
      responseUrl: fake.responseUrl(),
    });
    expect(ephemeral).not.toHaveProperty('message');
    expect(ephemeral.container).toMatchObject({ is_ephemeral: true });
    await sender.interact(ephemeral);
    expect(await waitForSeen('action')).toMatchObject({ actions: [{ value: 'r2' }] });

    seen.length = 0;
    const home = blockAction({
      container: 'home',
      actionId: 'opt_in',
      userId: 'U0HOME',
      viewId: 'V0HOME',
      value: 'r3',
    });
    expect(home).not.toHaveProperty('response_url');
    await sender.interact(home);
    expect(await waitForSeen('action')).toMatchObject({
      container: { type: 'view', view_id: 'V0HOME' },
      view: { id: 'V0HOME', type: 'home' },
      user: { id: 'U0HOME' },
    });
    expect(() => blockAction({ container: 'message', actionId: 'opt_in' })).toThrow(/responseUrl/);
  });

  it('gives every click its own action_ts and trigger_id unless told which', () => {
    const click = (actionTs?: string) =>
      blockAction({ container: 'ephemeral', actionId: 'opt_in', responseUrl: 'http://127.0.0.1:1/r', actionTs });
    const clicks = Array.from({ length: 5 }, () => click());
    const stamps = clicks.map((c) => (c.actions as { action_ts: string }[])[0]?.action_ts);
    expect(new Set(stamps).size).toBe(5);
    expect(stamps.every((ts) => /^\d{10}\.\d{6}$/.test(String(ts)))).toBe(true);
    expect(new Set(clicks.map((c) => c.trigger_id)).size).toBe(5);
    expect(click('1700000000.000001').actions).toMatchObject([{ action_ts: '1700000000.000001' }]);
  });

  it('builds a view submission Bolt routes by callback_id, and answers field errors to', async () => {
    const payload = viewSubmission({
      userId: 'U0ASKER',
      callbackId: 'new_request',
      privateMetadata: '{"channel":"C0TEAM"}',
      values: { link: { value: { type: 'plain_text_input', value: 'ftp://nope' } } },
    });
    const response = await sender.interact(payload);

    expect(response.json()).toEqual({ response_action: 'errors', errors: { link: 'Use an http(s) link' } });
    expect(await waitForSeen('view_submission')).toMatchObject({
      view: { callback_id: 'new_request', private_metadata: '{"channel":"C0TEAM"}' },
    });
    expect(keys(payload)).toEqual(
      keys({ ...fixture('interactive.view_submission.json'), enterprise: 0, is_enterprise_install: 0 }),
    );
  });

  it('builds a view_closed payload', async () => {
    await sender.interact(viewClosed({ callbackId: 'new_request', userId: 'U0ASKER' }));
    expect(await waitForSeen('view_closed')).toMatchObject({ type: 'view_closed', is_cleared: false });
  });

  it('builds a message shortcut whose trigger opens a modal in the fake', async () => {
    const payload = messageShortcut({
      callbackId: 'ask_boost',
      messageText: 'Please read <https://example.com/post|my post> <@U0FRIEND>',
      responseUrl: fake.responseUrl(),
    });
    await sender.interact(payload);

    expect(await waitForSeen('message_shortcut')).toMatchObject({
      type: 'message_action',
      message: { text: 'Please read <https://example.com/post|my post> <@U0FRIEND>' },
    });
    const [opened] = await fake.waitFor('views.open');
    expect(opened).toMatchObject({ ok: true, args: { trigger_id: payload.trigger_id } });
    const [block] = (payload.message as { blocks: { elements: { elements: unknown[] }[] }[] }).blocks;
    expect(block?.elements[0]?.elements).toEqual([
      { type: 'text', text: 'Please read ' },
      { type: 'link', url: 'https://example.com/post', text: 'my post' },
      { type: 'text', text: ' ' },
      { type: 'user', user_id: 'U0FRIEND' },
    ]);
  });

  it('builds a global shortcut', async () => {
    await sender.interact(globalShortcut({ callbackId: 'new_boost', userId: 'U0ASKER' }));
    expect(await waitForSeen('global_shortcut')).toMatchObject({ type: 'shortcut', user: { id: 'U0ASKER' } });
  });

  it('builds events Bolt routes, each with a fresh event_id', async () => {
    const events = [
      appHomeOpened('U0HOME'),
      userChange({ id: 'U0LEAVER', deleted: true }),
      appUninstalled(),
      tokensRevoked(),
      eventCallback({ type: 'reaction_added', user: 'U1', reaction: 'tada', event_ts: '1.2' }),
    ];
    for (const event of events) expect((await sender.event(event)).status).toBe(200);

    expect(await waitForSeen('app_home_opened')).toMatchObject({ event: { user: 'U0HOME', tab: 'home' } });
    expect(await waitForSeen('user_change')).toMatchObject({ event: { user: { id: 'U0LEAVER', deleted: true } } });
    expect(await waitForSeen('tokens_revoked')).toMatchObject({ event: { tokens: { bot: [fake.botUserId] } } });
    await waitForSeen('app_uninstalled');
    await waitForSeen('reaction_added');
    expect(new Set(events.map((event) => event.event_id)).size).toBe(events.length);
    expect(keys(events[0])).toEqual(keys(fixture('event.app_home_opened.json')));
  });
});
