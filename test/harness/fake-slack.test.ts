import { ErrorCode, WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixture } from '../../src/playground/fixtures.ts';
import { manifestBotScopes } from '../../src/playground/slack-scopes.ts';
import { captureLogger } from './boost.ts';
import { type FakeSlack, startFakeSlack } from './fake-slack.ts';

// The fake is driven through the real @slack/web-api client, so what it parses is Slack's real wire format.

let fake: FakeSlack;
let client: WebClient;

// The client logs every platform error; these tests provoke them on purpose.
const silent = captureLogger([]);

beforeAll(async () => {
  fake = await startFakeSlack();
  client = new WebClient('xoxb-test-token', {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: silent,
  });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

/** The error a Web API call rejects with. */
async function failureOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

async function slackError(call: Promise<unknown>): Promise<{ error: string; messages?: string[] }> {
  const error = await failureOf(call);
  expect(error).toBeInstanceOf(WebAPIPlatformError);
  const data = (error as WebAPIPlatformError).data;
  return { error: data.error, messages: data.response_metadata?.messages };
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('fake Slack Web API', () => {
  it('stores a valid message and answers in chat.postMessage shape with increasing ts', async () => {
    const blocks = [section('*Help wanted*'), { type: 'divider' }];
    const first = await client.chat.postMessage({ channel: 'C0BOOST', text: 'Help wanted', blocks });
    const second = await client.chat.postMessage({ channel: 'C0BOOST', text: 'Second' });

    expect(first.ok).toBe(true);
    expect(first.channel).toBe('C0BOOST');
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(first.message).toMatchObject({ type: 'message', text: 'Help wanted', ts: first.ts, bot_id: fake.botId });
    expect(Object.keys(first).sort()).toEqual(
      Object.keys(fixture('api.chat.postMessage.json')).concat('response_metadata').sort(),
    );

    const [call] = fake.callsTo('chat.postMessage');
    expect(call).toMatchObject({ ok: true, args: { channel: 'C0BOOST', text: 'Help wanted', blocks } });
    expect(call?.args).not.toHaveProperty('token');
    expect(fake.messages('C0BOOST').map((m) => m.text)).toEqual(['Help wanted', 'Second']);
    expect(fake.message('C0BOOST', String(first.ts))?.blocks?.[0]).toMatchObject({ ...section('*Help wanted*') });
    expect(fake.message('C0BOOST', String(first.ts))?.blocks?.[0]?.block_id).toEqual(expect.any(String));
  });

  it('accepts JSON bodies as well as form-encoded ones', async () => {
    const response = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-test-token', 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: 'C1', blocks: [section('json')] }),
    });
    expect(await response.json()).toMatchObject({ ok: true, channel: 'C1' });
    expect(fake.messages('C1')[0]?.blocks?.[0]).toMatchObject(section('json'));
  });

  it('replaces a stored message on chat.update and rejects unknown ones', async () => {
    const { ts } = await client.chat.postMessage({ channel: 'C1', text: 'v1', blocks: [section('v1')] });
    const updated = await client.chat.update({ channel: 'C1', ts: String(ts), text: 'v2' });

    expect(updated).toMatchObject({ ok: true, channel: 'C1', ts, text: 'v2' });
    // chat.update keeps blocks the call leaves out.
    expect(fake.message('C1', String(ts))).toMatchObject({ text: 'v2', blocks: [section('v1')], edited: {} });
    expect(await slackError(client.chat.update({ channel: 'C1', ts: '1.000001', text: 'x' }))).toEqual({
      error: 'message_not_found',
      messages: undefined,
    });
  });

  it('deletes messages', async () => {
    const { ts } = await client.chat.postMessage({ channel: 'C1', text: 'bye' });
    await client.chat.delete({ channel: 'C1', ts: String(ts) });
    expect(fake.messages('C1')).toEqual([]);
    expect((await slackError(client.chat.delete({ channel: 'C1', ts: String(ts) }))).error).toBe('message_not_found');
  });

  it('answers ratelimited with HTTP 429 and Retry-After, once', async () => {
    fake.rateLimit('chat.postMessage', 7);

    const error = await failureOf(client.chat.postMessage({ channel: 'C1', text: 'hi' }));
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(7);
    expect(fake.calls[0]).toMatchObject({ method: 'chat.postMessage', ok: false, error: 'ratelimited', status: 429 });
    expect(fake.calls[0]?.response).toEqual(fixture<{ body: unknown }>('api.error.ratelimited.json').body);
    await expect(client.chat.postMessage({ channel: 'C1', text: 'hi' })).resolves.toMatchObject({ ok: true });
  });

  it('answers channel_not_found for a private channel the bot is not in', async () => {
    fake.setChannel('C0SECRET', { private: true, member: false });
    expect((await slackError(client.chat.postMessage({ channel: 'C0SECRET', text: 'hi' }))).error).toBe(
      'channel_not_found',
    );
  });

  it('answers not_in_channel for a public channel the bot is not in, and is_archived for an archived one', async () => {
    fake.setChannel('C0PUBLIC', { member: false });
    fake.setChannel('C0OLD', { archived: true });
    expect((await slackError(client.chat.postMessage({ channel: 'C0PUBLIC', text: 'hi' }))).error).toBe(
      'not_in_channel',
    );
    expect((await slackError(client.chat.postEphemeral({ channel: 'C0OLD', user: 'U1', text: 'hi' }))).error).toBe(
      'is_archived',
    );
    expect(fake.messages('C0PUBLIC')).toEqual([]);
  });

  it('answers invalid_blocks for a message of 51 blocks', async () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    expect(await slackError(client.chat.postMessage({ channel: 'C1', text: 'long', blocks }))).toEqual({
      error: 'invalid_blocks',
      messages: ['[ERROR] no more than 50 items allowed [json-pointer:/blocks]'],
    });
    expect(fake.messages('C1')).toEqual([]);
  });

  it('answers invalid_blocks for a section text of 3001 characters', async () => {
    const result = await slackError(
      client.chat.postMessage({ channel: 'C1', text: 'x', blocks: [section('a'.repeat(3001))] }),
    );
    expect(result).toEqual({
      error: 'invalid_blocks',
      messages: ['[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
    });
    await expect(
      client.chat.postMessage({ channel: 'C1', text: 'x', blocks: [section('a'.repeat(3000))] }),
    ).resolves.toMatchObject({ ok: true });
  });

  it('answers msg_blocks_too_long for 12,001 characters of block text in one message, as Slack does', async () => {
    const full = [
      section('a'.repeat(3000)),
      section('b'.repeat(3000)),
      section('c'.repeat(3000)),
      section('d'.repeat(3000)),
    ];
    const over = [...full, { type: 'context', elements: [{ type: 'mrkdwn', text: 'e' }] }];
    const { ts } = await client.chat.postMessage({ channel: 'C1', text: 'x', blocks: full });

    expect(await slackError(client.chat.postMessage({ channel: 'C1', text: 'x', blocks: over }))).toEqual({
      error: 'msg_blocks_too_long',
    });
    expect(await slackError(client.chat.update({ channel: 'C1', ts: String(ts), text: 'x', blocks: over }))).toEqual({
      error: 'msg_blocks_too_long',
    });
    expect(await slackError(client.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'x', blocks: over }))).toEqual(
      { error: 'msg_blocks_too_long' },
    );
    const reply = await fetch(fake.responseUrl('cmd-1'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x', blocks: over }),
    });
    expect(reply.status).toBe(400);
    expect(await reply.json()).toEqual({ ok: false, error: 'msg_blocks_too_long' });
    expect(fake.messages('C1').map((m) => m.blocks?.length)).toEqual([4]);
  });

  it('answers no_text when a message has neither text nor blocks', async () => {
    expect((await slackError(client.chat.postMessage({ channel: 'C1' } as never))).error).toBe('no_text');
  });

  it('answers invalid_arguments for a modal title of 25 characters', async () => {
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'x'.repeat(25) }, blocks: [] };
    expect(await slackError(client.views.open({ trigger_id: '1.2.abc', view }))).toEqual({
      error: 'invalid_arguments',
      messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'],
    });
  });

  it('opens a modal once per trigger, and refuses expired triggers', async () => {
    const view = {
      type: 'modal' as const,
      callback_id: 'new_request',
      title: { type: 'plain_text' as const, text: 'New boost request' },
      submit: { type: 'plain_text' as const, text: 'Post' },
      private_metadata: '{"channel":"C1"}',
      blocks: [
        {
          type: 'input',
          block_id: 'link',
          label: { type: 'plain_text' as const, text: 'Link' },
          element: { type: 'plain_text_input', action_id: 'value' },
        },
      ],
    };
    const opened = await client.views.open({ trigger_id: '1.2.abc', view });
    expect(opened.view).toMatchObject({
      type: 'modal',
      callback_id: 'new_request',
      private_metadata: '{"channel":"C1"}',
    });
    expect(opened.view?.id).toMatch(/^V[0-9A-Z]+$/);
    expect(Object.keys(opened.view ?? {}).sort()).toEqual(
      Object.keys(fixture<{ view: object }>('api.views.open.json').view).concat('close', 'previous_view_id').sort(),
    );
    expect(fake.view(String(opened.view?.id))?.blocks[0]).toMatchObject({ block_id: 'link' });

    expect((await slackError(client.views.open({ trigger_id: '1.2.abc', view }))).error).toBe('exchanged_trigger_id');
    fake.expireTrigger('3.4.def');
    expect((await slackError(client.views.open({ trigger_id: '3.4.def', view }))).error).toBe('expired_trigger_id');
  });

  it('publishes a Home tab per user and checks the view type', async () => {
    const home = { type: 'home' as const, blocks: [section('Open requests')] };
    const first = await client.views.publish({ user_id: 'U1', view: home });
    const again = await client.views.publish({ user_id: 'U1', view: home });
    expect(again.view?.id).toBe(first.view?.id);
    expect(fake.homeView('U1')?.blocks[0]).toMatchObject(section('Open requests'));

    const modal = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'x' }, blocks: [] };
    expect((await slackError(client.views.publish({ user_id: 'U1', view: modal as never }))).messages).toEqual([
      '[ERROR] must be a valid enum value [json-pointer:/view/type]',
    ]);
  });

  it('updates a view by id and detects hash conflicts', async () => {
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'One' }, blocks: [] };
    const { view: opened } = await client.views.open({ trigger_id: '9.9.a', view });
    const updated = await client.views.update({
      view_id: String(opened?.id),
      hash: String(opened?.hash),
      view: { ...view, title: { type: 'plain_text', text: 'Two' } },
    });
    expect(updated.view?.title?.text).toBe('Two');
    const stale = client.views.update({ view_id: String(opened?.id), hash: String(opened?.hash), view });
    expect((await slackError(stale)).error).toBe('hash_conflict');
    expect((await slackError(client.views.update({ view_id: 'VNOPE', view }))).error).toBe('not_found');
  });

  it('treats posting to a user id as a DM and records it for that user', async () => {
    fake.grantScopes('im:write'); // conversations.open needs it; Boost itself posts to the user id
    const open = await client.conversations.open({ users: 'U0HELPER' });
    expect(open.channel?.id).toBe('D0HELPER');
    const posted = await client.chat.postMessage({ channel: 'U0HELPER', text: 'Your digest' });
    await client.chat.postMessage({ channel: 'D0HELPER', text: 'Second' });
    await client.chat.postMessage({ channel: 'C1', text: 'Not a DM' });

    expect(posted.channel).toBe('D0HELPER');
    expect(fake.dmsTo('U0HELPER').map((call) => call.args.text)).toEqual(['Your digest', 'Second']);
    expect(fake.dmsTo('U0OTHER')).toEqual([]);
    expect(fake.messages('U0HELPER')).toHaveLength(2);
  });

  it('records ephemeral messages by the user who sees them', async () => {
    const result = await client.chat.postEphemeral({ channel: 'C1', user: 'U0HELPER', text: 'Only you' });
    expect(result.message_ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(fake.ephemeralsTo('U0HELPER').map((call) => call.args.text)).toEqual(['Only you']);
    expect(fake.messages('C1')).toEqual([]);
  });

  it('answers users.info in the fixture shape with per-user overrides', async () => {
    fake.setUser('U0ADMIN', { tz: 'Europe/Paris', tz_offset: 3600, is_admin: true });
    fake.removeUser('U0GONE');
    const admin = await client.users.info({ user: 'U0ADMIN' });
    const plain = await client.users.info({ user: 'U0PLAIN' });

    expect(admin.user).toMatchObject({ id: 'U0ADMIN', tz: 'Europe/Paris', tz_offset: 3600, is_admin: true });
    expect(plain.user).toMatchObject({ id: 'U0PLAIN', tz: 'Etc/UTC', tz_offset: 0, is_admin: false, deleted: false });
    expect(Object.keys(plain.user ?? {}).sort()).toEqual(
      Object.keys(fixture<{ user: object }>('api.users.info.json').user).sort(),
    );
    expect((await slackError(client.users.info({ user: 'U0GONE' }))).error).toBe('user_not_found');
  });

  it('checks the bot token', async () => {
    const stranger = new WebClient('xoxb-other', {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
      logger: silent,
    });
    expect((await slackError(stranger.auth.test())).error).toBe('invalid_auth');
    const anonymous = new WebClient(undefined, {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
      logger: silent,
    });
    expect((await slackError(anonymous.auth.test())).error).toBe('not_authed');
    await expect(client.auth.test()).resolves.toMatchObject({
      ok: true,
      user_id: fake.botUserId,
      team_id: fake.teamId,
    });
  });

  it('refuses a method whose scope manifest.yml does not grant, as Slack does, naming the scopes needed and held', async () => {
    const granted = manifestBotScopes();
    expect(granted).not.toContain('team:read');

    const refusal = await failureOf(client.team.info());
    expect(refusal).toBeInstanceOf(WebAPIPlatformError);
    expect((refusal as WebAPIPlatformError).data).toMatchObject({
      ok: false,
      error: 'missing_scope',
      needed: 'team:read',
      provided: granted.join(','),
    });
    // Any one of a method's scopes will do; the refusal lists them all.
    expect(await failureOf(client.conversations.open({ users: 'U0HELPER' }))).toMatchObject({
      data: { error: 'missing_scope', needed: 'channels:manage,groups:write,im:write,mpim:write' },
    });
    fake.grantScopes('im:write');
    await expect(client.conversations.open({ users: 'U0HELPER' })).resolves.toMatchObject({ ok: true });
    expect(fake.calls.map((call) => call.error ?? 'ok')).toEqual(['missing_scope', 'missing_scope', 'ok']);
  });

  it('lets through the methods Boost calls with the scopes manifest.yml grants', async () => {
    await client.chat.postMessage({ channel: 'C1', text: 'hi' });
    await client.users.info({ user: 'U0PLAIN' });
    await client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [] } });
    await client.auth.test();
    expect(fake.calls.map((call) => call.error ?? 'ok')).toEqual(['ok', 'ok', 'ok', 'ok']);
  });

  it('refuses connections while down, and answers on the same address once it comes back', async () => {
    await fake.goDown();
    const refused = await failureOf(client.auth.test());
    await fake.comeBack();

    // No answer at all (a refused connection, or a pooled one found closed), not an HTTP error.
    expect((refused as { code?: string }).code).toBe(ErrorCode.RequestError);
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true, user_id: fake.botUserId });
  });

  it('answers unknown_method for methods it does not implement', async () => {
    expect((await slackError(client.apiCall('reactions.add', { channel: 'C1' }))).error).toBe('unknown_method');
  });

  it('injects failures in order, only where `when` matches', async () => {
    fake.fail('chat.postMessage', 'is_archived', { when: (args) => args.channel === 'C0B' });
    fake.httpError('chat.postMessage', 503);

    const http = await failureOf(client.chat.postMessage({ channel: 'C0A', text: 'a' }));
    expect(http).toBeInstanceOf(WebAPIHTTPError);
    expect((http as WebAPIHTTPError).statusCode).toBe(503);
    expect((await slackError(client.chat.postMessage({ channel: 'C0B', text: 'b' }))).error).toBe('is_archived');
    await expect(client.chat.postMessage({ channel: 'C0B', text: 'b' })).resolves.toMatchObject({ ok: true });
    expect(fake.calls.map((call) => call.error ?? 'ok')).toEqual(['http_503', 'is_archived', 'ok']);
  });

  it('delays answers by the time asked', async () => {
    fake.delay('chat.postMessage', 150);
    const started = Date.now();
    await client.chat.postMessage({ channel: 'C1', text: 'slow' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('holds answers until released, having recorded and applied the call on arrival', async () => {
    fake.hold('chat.postMessage');
    let answered = false;
    const posting = client.chat.postMessage({ channel: 'C1', text: 'held' }).then((answer) => {
      answered = true;
      return answer;
    });
    const [call] = await fake.waitFor('chat.postMessage');
    expect(fake.messages('C1').map((message) => message.text)).toEqual(['held']);
    expect(answered).toBe(false);
    fake.release('chat.postMessage');
    expect((await posting).ts).toBe((call?.response as { ts?: string } | undefined)?.ts);
    expect((await client.chat.postMessage({ channel: 'C1', text: 'at once' })).ok).toBe(true);
  });

  it('serves response_urls, records what was sent, and rejects invalid blocks there too', async () => {
    const { ts } = await client.chat.postMessage({ channel: 'C1', text: 'original' });
    const url = fake.responseUrl('click-1', { channel: 'C1', ts: String(ts) });
    const post = (body: unknown) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    const ok = await post({ replace_original: true, text: 'replaced' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true });
    expect(fake.message('C1', String(ts))?.text).toBe('replaced');

    const bad = await post({ text: 'x', blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'Bold?' } }] });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      ok: false,
      error: 'invalid_blocks',
      response_metadata: { messages: ['[ERROR] must be a valid enum value [json-pointer:/blocks/0/text/type]'] },
    });
    expect(fake.callsTo('response_url').map((c) => [c.responseUrlId, c.ok])).toEqual([
      ['click-1', true],
      ['click-1', false],
    ]);
  });

  it('waits for calls and explains a timeout with the calls it saw', async () => {
    setTimeout(() => void client.chat.postMessage({ channel: 'C1', text: 'later' }), 30);
    const [call] = await fake.waitFor('chat.postMessage');
    expect(call?.args.text).toBe('later');

    await expect(fake.waitFor((c) => c.method === 'chat.update', 50)).rejects.toThrow(
      /waited 50 ms .*\n.*Calls received \(1\):\n {2}1\. chat\.postMessage ok C1 text="later"/,
    );
  });
});
