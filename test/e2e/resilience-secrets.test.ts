import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appHomeOpened, blockAction, slashCommand, viewSubmission } from '../../src/playground/payloads.ts';
import { ACTIONS, VIEWS } from '../../src/slack/ids.ts';
import { TEST_SECRET, TEST_TOKEN } from '../harness/boost.ts';
import { spawnBoost } from '../harness/boost-process.ts';
import { type AnyBoostHarness, forEachDatabase } from '../harness/databases.ts';
import {
  click,
  command,
  createRequest,
  eventually,
  requestValues,
  responseUrlFor,
  submitForm,
} from '../harness/driver.ts';
import { type FakeSlack, startFakeSlack } from '../harness/fake-slack.ts';

// Secrets never reach logs: a session full of errors (Slack refusing the token, 5xx, timeouts, forged and malformed
// requests) is run at LOG_LEVEL=debug, and everything Boost logged, or printed from its own process, is searched for
// the bot token, the signing secret and an app-level token.

const APP_TOKEN = 'xapp-1-A0SECRET-5550123-0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const BOT_TOKEN = 'xoxb-7777777777-8888888888-SpawnedProcessBotToken';

function leaks(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((secret) => text.includes(secret));
}

forEachDatabase((startBoost) => {
  describe('logs of a session with errors, in process', () => {
    let h: AnyBoostHarness;
    beforeAll(async () => {
      h = await startBoost({ SLACK_APP_TOKEN: APP_TOKEN, LOG_LEVEL: 'debug' }, undefined, {
        tuning: { webApiTimeoutMs: 2000 },
      });
    });
    afterAll(async () => {
      await h.stop();
    });

    it('hold neither the bot token, the signing secret nor the app token', async () => {
      const requester = { userId: 'USECRET01' };
      const request = await createRequest(h, {}, requester);

      h.slack.fail('views.open', 'invalid_auth', { times: 2 });
      h.slack.fail('chat.update', 'invalid_auth', { times: 1 });
      h.slack.fail('users.info', 'invalid_auth', { times: 2 });
      await command(h, { userId: 'USECRET02' }, 'https://example.com/x');
      await click(h, { userId: 'USECRET03' }, ACTIONS.optIn, request);
      await eventually(
        () => h.logs.some((line) => line.includes('check SLACK_BOT_TOKEN')),
        5000,
        'the invalid_auth log',
      );

      h.slack.httpError('chat.update', 500, 2);
      await click(h, { userId: 'USECRET04' }, ACTIONS.optIn, request);
      h.slack.delay('chat.postMessage', 5000);
      await submitForm(h, { userId: 'USECRET05' });
      await eventually(() => h.logs.some((line) => line.includes('timeout')), 10_000, 'the timeout log');
      h.slack.delay('chat.postMessage', 0);

      h.slack.fail('views.publish', 'invalid_auth', { times: 1 });
      await h.sender.event(appHomeOpened('USECRET06'));
      await click(h, { userId: 'USECRET03' }, ACTIONS.withdraw, request, { container: 'ephemeral' });
      await click(h, { userId: 'USECRET07' }, 'boost_retired_button', request);
      await h.sender.raw('payload=null', 'application/x-www-form-urlencoded');
      await h.sender.raw('payload=%7B', 'application/x-www-form-urlencoded');
      await h.sender.interact({ type: 'block_actions' }, { signature: `v0=${'0'.repeat(64)}` });
      await h.sender.interact({ type: 'block_actions', actions: 7, user: { id: 'U1' } });
      await eventually(() => h.logs.some((line) => line.includes('Could not publish the Home')), 5000, 'the Home log');
      await h.settle();

      const logs = h.logs.join('\n');
      // The session did go through the failures it is about, at debug level.
      for (const sign of ['invalid_auth', 'http_500', 'timeout', 'signature mismatch', 'debug http request']) {
        expect(logs).toContain(sign);
      }
      expect(leaks(logs, [TEST_TOKEN, TEST_SECRET, APP_TOKEN])).toEqual([]);
    });
  });
});

// Once, on SQLite: what Boost's own process prints does not depend on the database it stores in.
describe('output of Boost in its own process', () => {
  let slack: FakeSlack;
  let dir: string;
  beforeAll(async () => {
    slack = await startFakeSlack({ botToken: BOT_TOKEN });
    dir = mkdtempSync(join(tmpdir(), 'boost-secrets-'));
  });
  afterAll(async () => {
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds no secret when Slack refuses the bot token on every call', async () => {
    const signingSecret = '8f2b0c1d9e7a6b5c4d3e2f1a0b9c8d7e';
    // Accepted at start (auth.test), refused afterwards, as after a revocation.
    for (const method of ['chat.postMessage', 'chat.update', 'views.open', 'views.publish', 'users.info']) {
      slack.fail(method, 'invalid_auth', { times: 100 });
    }
    const running = await spawnBoost(
      {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_APP_TOKEN: APP_TOKEN,
        SLACK_API_URL: slack.apiUrl,
        DATABASE_PATH: join(dir, 'session.sqlite'),
        LOG_LEVEL: 'debug',
      },
      { cwd: dir, signingSecret, timeoutMs: 30_000 },
    );
    try {
      const respondTo = (userId: string) => responseUrlFor({ slack }, userId);
      await running.sender.command(slashCommand({ userId: 'UPROC01', text: '', responseUrl: respondTo('UPROC01') }));
      await running.sender.interact(
        viewSubmission({
          userId: 'UPROC01',
          callbackId: VIEWS.newRequest,
          viewId: 'VPROC1',
          values: requestValues({ clock: { now: Date.now } }),
        }),
      );
      await running.sender.interact(
        blockAction({
          container: 'message',
          userId: 'UPROC02',
          actionId: ACTIONS.optIn,
          value: '1',
          responseUrl: respondTo('UPROC02'),
        }),
      );
      await running.sender.event(appHomeOpened('UPROC03'));
      await running.sender.interact({ type: 'block_actions' }, { signature: 'v0=forged' });
      await running.sender.raw('payload=null', 'application/x-www-form-urlencoded');
      await eventually(
        () => running.output().includes('invalid_auth'),
        15_000,
        'Slack refusing the token in the output',
      );
    } finally {
      await running.kill('SIGTERM');
    }
    const output = running.output();
    expect(output).toContain('[DEBUG]');
    expect(leaks(output, [BOT_TOKEN, signingSecret, APP_TOKEN])).toEqual([]);
  }, 60_000);

  it('stops at start with a clear message, and no token, when Slack refuses the bot token', async () => {
    const refused = 'xoxb-1111111111-2222222222-RefusedBotTokenValue';
    const running = await spawnBoost(
      {
        SLACK_BOT_TOKEN: refused,
        SLACK_SIGNING_SECRET: 'another-signing-secret-0123456789',
        SLACK_API_URL: slack.apiUrl,
        DATABASE_PATH: join(dir, 'refused.sqlite'),
        LOG_LEVEL: 'debug',
      },
      { cwd: dir, signingSecret: 'unused', waitUntilHealthy: false },
    );
    expect(await running.exited).toBe(1);
    const output = running.output();
    expect(output).toContain('Boost cannot start: Slack refused SLACK_BOT_TOKEN (invalid_auth)');
    expect(leaks(output, [refused, 'another-signing-secret-0123456789'])).toEqual([]);
  }, 30_000);

  it('names bad settings at start without printing their values', async () => {
    const userToken = 'xoxp-3333333333-4444444444-UserTokenInTheWrongPlace';
    const misplaced = 'xoxb-5555555555-6666666666-BotTokenWhereAppTokenGoes';
    const running = await spawnBoost(
      {
        SLACK_BOT_TOKEN: userToken,
        SLACK_SIGNING_SECRET: 'a-signing-secret-that-must-stay-hidden',
        SOCKET_MODE: 'true',
        SLACK_APP_TOKEN: misplaced,
        DATABASE_PATH: join(dir, 'never.sqlite'),
      },
      { cwd: dir, signingSecret: 'unused', waitUntilHealthy: false },
    );
    expect(await running.exited).toBe(1);
    const output = running.output();
    expect(output).toContain('SLACK_BOT_TOKEN');
    expect(output).toContain('SLACK_APP_TOKEN');
    expect(leaks(output, [userToken, misplaced, 'a-signing-secret-that-must-stay-hidden'])).toEqual([]);
  }, 30_000);
});
