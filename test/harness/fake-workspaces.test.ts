import { WebAPIPlatformError, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureLogger } from './boost.ts';
import { type FakeSlack, startFakeSlack } from './fake-slack.ts';
import { FAKE_APP } from './fake-workspaces.ts';

// The fake's workspaces: installs through its authorize page and oauth.v2.access, tokens that belong to one workspace
// (or one organisation), rotation, and the refusal of calls that reach into another workspace.

const silent = captureLogger([]);
const REDIRECT = 'https://boost.example.test/slack/oauth_redirect';

let fake: FakeSlack;
let now: number;

beforeEach(async () => {
  now = Date.now();
  fake = await startFakeSlack({ clock: () => now });
  fake.workspaces.add({ teamId: 'TONE', ids: ['CONE', 'UONE'] });
  fake.workspaces.add({ teamId: 'TTWO', ids: ['CTWO', 'UTWO'] });
});
afterEach(() => fake.close());

const client = (token?: string) =>
  new WebClient(token, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: silent });

/** The code Slack puts on the redirect once `approval` approved on the authorize page. */
async function codeFor(teamId: string): Promise<string> {
  fake.workspaces.approveNext({ teamId, installer: 'UADMIN' });
  const url = `${fake.authorizeUrl}?client_id=${FAKE_APP.clientId}&scope=commands&redirect_uri=${encodeURIComponent(REDIRECT)}&state=s1`;
  const response = await fetch(url, { redirect: 'manual' });
  const back = new URL(response.headers.get('location') ?? '');
  expect(back.searchParams.get('state')).toBe('s1');
  return back.searchParams.get('code') ?? '';
}

const exchange = (args: Record<string, string>) =>
  client().oauth.v2.access({ client_id: FAKE_APP.clientId, client_secret: FAKE_APP.clientSecret, ...args });

async function errorOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    if (error instanceof WebAPIPlatformError) return error.data.error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('the fake Slack with several workspaces', () => {
  it('exchanges a code once, for a token that works in its workspace and nowhere else', async () => {
    const code = await codeFor('TONE');
    const answer = await exchange({ code, redirect_uri: REDIRECT });
    expect(answer).toMatchObject({ ok: true, token_type: 'bot', team: { id: 'TONE' }, is_enterprise_install: false });
    expect(await errorOf(exchange({ code, redirect_uri: REDIRECT }))).toBe('invalid_code');

    const one = client(answer.access_token);
    expect((await one.auth.test()).team_id).toBe('TONE');
    expect((await one.chat.postMessage({ channel: 'CONE', text: 'hi' })).ok).toBe(true);
    expect(await errorOf(one.chat.postMessage({ channel: 'CTWO', text: 'hi' }))).toBe('channel_not_found');
    expect(await errorOf(one.users.info({ user: 'UTWO' }))).toBe('user_not_found');
    expect(fake.workspaces.crossings).toHaveLength(2);
    expect(fake.calls.at(-1)).toMatchObject({ tokenTeam: 'TONE', concerns: 'TTWO' });
  });

  it('refuses a code sent with another redirect_uri, or by another app', async () => {
    expect(await errorOf(exchange({ code: await codeFor('TONE'), redirect_uri: 'https://elsewhere.test/' }))).toBe(
      'bad_redirect_uri',
    );
    const code = await codeFor('TONE');
    expect(
      await errorOf(client().oauth.v2.access({ client_id: FAKE_APP.clientId, client_secret: 'wrong', code })),
    ).toBe('bad_client_secret');
  });

  it('rotates tokens: each refresh token is used once, and a token stops working when it expires', async () => {
    fake.workspaces.rotateTokens(3600);
    const first = await exchange({ code: await codeFor('TTWO'), redirect_uri: REDIRECT });
    expect(first).toMatchObject({ expires_in: 3600, refresh_token: expect.stringMatching(/^xoxe-1-/) });
    const refreshed = await exchange({ grant_type: 'refresh_token', refresh_token: String(first.refresh_token) });
    expect(refreshed.access_token).not.toBe(first.access_token);
    expect(await errorOf(exchange({ grant_type: 'refresh_token', refresh_token: String(first.refresh_token) }))).toBe(
      'invalid_refresh_token',
    );
    now += 3600 * 1000;
    expect(await errorOf(client(first.access_token).auth.test())).toBe('token_expired');
  });

  it('refuses every token of a workspace once it is revoked', async () => {
    const answer = await exchange({ code: await codeFor('TONE'), redirect_uri: REDIRECT });
    fake.workspaces.revoke('TONE');
    expect(await errorOf(client(answer.access_token).auth.test())).toBe('token_revoked');
  });

  it('sends a cancelled approval back with access_denied and no code', async () => {
    fake.workspaces.approveNext('cancel');
    const url = `${fake.authorizeUrl}?client_id=${FAKE_APP.clientId}&redirect_uri=${encodeURIComponent(REDIRECT)}&state=s2`;
    const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '');
    expect(Object.fromEntries(back.searchParams)).toEqual({ state: 's2', error: 'access_denied' });
  });
});
