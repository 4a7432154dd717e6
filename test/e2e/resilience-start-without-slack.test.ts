import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoostTuning } from '../../src/app.ts';
import { blockAction, viewSubmission } from '../../src/playground/payloads.ts';
import { ACTIONS, VIEWS } from '../../src/slack/ids.ts';
import { type StartOptions, TEST_SECRET, TEST_TOKEN } from '../harness/boost.ts';
import { type BoostProcess, spawnBoost } from '../harness/boost-process.ts';
import { type AnyBoostHarness, forEachDatabase, type StartBoost } from '../harness/databases.ts';
import {
  ackMessage,
  answerOf,
  click,
  command,
  createRequest,
  eventually,
  participationRows,
  REQUESTER,
  requestValues,
  rows,
} from '../harness/driver.ts';
import { type FakeSlack, startFakeSlack } from '../harness/fake-slack.ts';

// Slack's Web API refusing connections, failing with 500 or not answering at all must not keep Boost from starting:
// it serves its health check at once, says through /readyz when it can serve Slack, asks auth.test again in the
// background, and serves Slack's deliveries once the bot's identity is known (or at once from the identity saved at an
// earlier start). Only Slack refusing the token stops it.

interface Probe {
  status: number;
  body: Record<string, unknown>;
}

async function probe(baseUrl: string, path: '/healthz' | '/readyz'): Promise<Probe> {
  const response = await fetch(`${baseUrl}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function eventuallyReady(baseUrl: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let last = await probe(baseUrl, '/readyz'); last.status !== 200; last = await probe(baseUrl, '/readyz')) {
    if (Date.now() > deadline) throw new Error(`/readyz still answers ${last.status}: ${JSON.stringify(last.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const NOT_REACHED = { status: 200, body: { ok: true, slack: 'not_reached_yet' } };
const NOT_READY = { status: 503, body: { ready: false, database: 'ok', slack: 'not_reached_yet' } };
const READY = { status: 200, body: { ready: true, database: 'ok', slack: 'reached' } };

/** Quick retries, so that the tests do not wait for production's pauses. */
const QUICK: BoostTuning = { slackCheck: { firstRetryMs: 20, maxRetryMs: 100, deliveryWaitMs: 100 } };

function startChecking(startBoost: StartBoost, options: StartOptions): Promise<AnyBoostHarness> {
  return startBoost({}, undefined, { checkToken: true, tuning: QUICK, ...options });
}

forEachDatabase((startBoost) => {
  describe('Boost started while Slack cannot be reached', () => {
    let h: AnyBoostHarness | undefined;
    afterEach(async () => {
      await h?.slack.comeBack().catch(() => undefined);
      await h?.stop();
      h = undefined;
    });

    it('serves its health check, is not ready, and serves clicks once Slack accepts connections again', async () => {
      h = await startChecking(startBoost, { beforeStart: (slack) => slack.goDown() });
      const base = h.sender.baseUrl;

      expect(await probe(base, '/healthz')).toEqual(NOT_REACHED);
      expect(await probe(base, '/readyz')).toEqual(NOT_READY);
      // A delivery Boost cannot serve yet is answered 503 (Slack tells the person, or retries an event), never acked.
      const early = await h.sender.interact(
        blockAction({
          container: 'message',
          userId: 'UHELPER01',
          actionId: ACTIONS.optIn,
          value: '1',
          responseUrl: h.slack.responseUrl('UHELPER01'),
        }),
      );
      expect(early.status).toBe(503);

      await h.slack.comeBack();
      await eventuallyReady(base);

      expect(await probe(base, '/readyz')).toEqual(READY);
      expect(await probe(base, '/healthz')).toEqual({ status: 200, body: { ok: true, slack: 'reached' } });
      const posted = await createRequest(h);
      await click(h, 'UHELPER01', ACTIONS.optIn, posted);
      expect((await participationRows(h, posted.id)).map((row) => row.user_id)).toEqual(['UHELPER01']);
    });

    it('asks auth.test again after each 500, and becomes ready once Slack answers', async () => {
      h = await startChecking(startBoost, { beforeStart: (slack) => slack.httpError('auth.test', 500, 1000) });
      await h.slack.waitFor('auth.test', 5000, 3);

      expect(await probe(h.sender.baseUrl, '/healthz')).toEqual(NOT_REACHED);
      expect(await probe(h.sender.baseUrl, '/readyz')).toEqual(NOT_READY);

      h.slack.reset();
      await eventuallyReady(h.sender.baseUrl);
      expect(h.slack.callsTo('auth.test').at(-1)).toMatchObject({ ok: true, status: 200 });
    });

    it('asks again after a call that hangs times out, and becomes ready once Slack answers', async () => {
      h = await startChecking(startBoost, {
        beforeStart: (slack) => slack.delay('auth.test', 60_000),
        tuning: { ...QUICK, webApiTimeoutMs: 200 },
      });
      await h.slack.waitFor('auth.test', 5000, 2);

      expect(await probe(h.sender.baseUrl, '/healthz')).toEqual(NOT_REACHED);
      expect(await probe(h.sender.baseUrl, '/readyz')).toEqual(NOT_READY);

      h.slack.delay('auth.test', 0);
      await eventuallyReady(h.sender.baseUrl);
    });

    it('asks Slack at once when a delivery arrives, instead of waiting out a long pause, and then serves it', async () => {
      h = await startChecking(startBoost, {
        beforeStart: (slack) => slack.httpError('auth.test', 500, 1),
        tuning: {
          slackCheck: { firstRetryMs: 600_000, maxRetryMs: 600_000, deliveryCheckSpacingMs: 0, deliveryWaitMs: 5000 },
        },
      });
      await h.slack.waitFor('auth.test');
      expect(await probe(h.sender.baseUrl, '/readyz')).toEqual(NOT_READY);

      const help = await command(h, REQUESTER, 'help');

      expect(ackMessage(help).text).toBe('How to use Boost');
      expect(h.slack.callsTo('auth.test').map((call) => call.status)).toEqual([500, 200]);
      expect(await probe(h.sender.baseUrl, '/readyz')).toEqual(READY);
    });

    it("saves the bot's identity, never the token, and a restart during an outage serves clicks at once", async () => {
      h = await startChecking(startBoost, {});
      await eventuallyReady(h.sender.baseUrl);
      const posted = await createRequest(h);
      const saved = await rows<Record<string, unknown>>(h, 'select * from bot_identities');
      expect(saved).toEqual([
        {
          token_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
          team_id: h.slack.teamId,
          bot_id: h.slack.botId,
          bot_user_id: h.slack.botUserId,
          checked_at: expect.any(Number),
        },
      ]);
      expect(JSON.stringify(saved)).not.toContain(TEST_TOKEN);

      await h.slack.goDown();
      await h.restart();

      // Ready from the saved identity alone, once it is read (on PostgreSQL, a moment after the start).
      await eventuallyReady(h.sender.baseUrl);
      expect(await probe(h.sender.baseUrl, '/readyz')).toEqual({
        status: 200,
        body: { ready: true, database: 'ok', slack: 'not_reached_yet' },
      });
      await click(h, 'UHELPER01', ACTIONS.optIn, posted);
      expect((await participationRows(h, posted.id)).map((row) => row.user_id)).toEqual(['UHELPER01']);
    });

    it("stops asking, forgets the saved identity and reports Slack's reason when Slack refuses the token", async () => {
      h = await startChecking(startBoost, {});
      await eventuallyReady(h.sender.baseUrl);
      h.slack.httpError('auth.test', 500, 1);
      h.slack.fail('auth.test', 'token_revoked');
      await h.restart();

      expect(await h.boost.refused).toEqual({ setting: 'SLACK_BOT_TOKEN', code: 'token_revoked' });
      expect(h.slack.callsTo('auth.test').map((call) => call.error ?? 'ok')).toEqual([
        'ok',
        'http_500',
        'token_revoked',
      ]);
      // The saved identity is deleted as the refusal is reported; on PostgreSQL the delete may land just after.
      const restarted = h;
      const forgotten = async () => (await rows(restarted, 'select * from bot_identities')).length === 0;
      await eventually(forgotten, 5000, 'the saved identity forgotten');
    });
  });
});

// ---- the real process --------------------------------------------------------------------------------------------
// Once, on SQLite: what these prove is how the process lives through Slack's outage, not storage.

describe('Boost in its own process while Slack is down', () => {
  let slack: FakeSlack;
  let dir: string;
  let boost: BoostProcess | undefined;
  beforeEach(async () => {
    slack = await startFakeSlack({ botToken: TEST_TOKEN });
    dir = mkdtempSync(join(tmpdir(), 'boost-without-slack-'));
  });
  afterEach(async () => {
    await boost?.kill('SIGKILL');
    boost = undefined;
    await slack.comeBack().catch(() => undefined);
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const environment = () => ({
    SLACK_BOT_TOKEN: TEST_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SECRET,
    SLACK_API_URL: slack.apiUrl,
    DATABASE_PATH: join(dir, 'boost.sqlite'),
    LOG_LEVEL: 'info',
  });

  it('keeps running while Slack refuses connections, and serves a signed click once Slack is back', async () => {
    await slack.goDown();
    boost = await spawnBoost(environment(), { cwd: dir, signingSecret: TEST_SECRET });
    const base = boost.sender.baseUrl;

    expect(await probe(base, '/healthz')).toEqual(NOT_REACHED);
    expect(await probe(base, '/readyz')).toEqual(NOT_READY);

    await slack.comeBack();
    await eventuallyReady(base, 20_000);
    const submitted = await boost.sender.interact(
      viewSubmission({
        userId: REQUESTER,
        callbackId: VIEWS.newRequest,
        values: requestValues({ clock: { now: Date.now } }, { title: 'After the outage' }),
      }),
    );
    expect(submitted.status).toBe(200);
    const [post] = await slack.waitFor((call) => call.method === 'chat.postMessage' && call.ok);
    const channel = String(post?.args.channel);
    const clicked = await boost.sender.interact(
      blockAction({
        container: 'message',
        userId: 'UHELPER01',
        actionId: ACTIONS.optIn,
        channelId: channel,
        message: slack.message(channel, answerOf<{ ts: string }>(post).ts),
        responseUrl: slack.responseUrl('UHELPER01'),
      }),
    );

    expect(clicked.status).toBe(200);
    await slack.waitFor((call) => call.method === 'chat.update' && call.ok);
    expect(await boost.kill('SIGTERM')).toBe(0);
    expect(boost.output()).toContain('Slack did not answer auth.test (ECONNREFUSED)');
    expect(boost.output()).not.toContain(TEST_TOKEN);
  }, 60_000);

  it('stops with the friendly message, and no error dump, when Slack answers 500 and then refuses the token', async () => {
    slack.httpError('auth.test', 500, 1);
    slack.fail('auth.test', 'invalid_auth');
    boost = await spawnBoost(environment(), { cwd: dir, signingSecret: TEST_SECRET, waitUntilHealthy: false });

    expect(await boost.exited).toBe(1);
    const output = boost.output();
    expect(output).toContain('Boost cannot start: Slack refused SLACK_BOT_TOKEN (invalid_auth).');
    expect(output).not.toMatch(/WebAPI|headers|at async/);
    expect(output).not.toContain(TEST_TOKEN);
    expect(slack.callsTo('auth.test').map((call) => call.error)).toEqual(['http_500', 'invalid_auth']);
  }, 60_000);
});

forEachDatabase((startBoost) => {
  describe('Socket Mode while Slack cannot be reached', () => {
    let h: AnyBoostHarness | undefined;
    afterEach(async () => {
      await h?.stop();
      h = undefined;
    });

    it('answers health checks at once and stays not ready until the socket to Slack is open', async () => {
      h = await startBoost({ SOCKET_MODE: 'true', SLACK_APP_TOKEN: 'xapp-1-A0TEST-1-socketmodetoken' }, undefined, {
        checkToken: true,
        tuning: QUICK,
        beforeStart: (slack) => slack.goDown(),
      });
      const base = h.sender.baseUrl;

      expect(await probe(base, '/healthz')).toEqual(NOT_REACHED);
      expect(await probe(base, '/readyz')).toEqual(NOT_READY);

      await h.slack.comeBack();
      await h.slack.waitFor('apps.connections.open');

      // Slack answered auth.test, but this fake offers no Socket Mode: nothing from Slack can arrive, so not ready.
      expect(await probe(base, '/healthz')).toEqual({ status: 200, body: { ok: true, slack: 'reached' } });
      expect(await probe(base, '/readyz')).toEqual({
        status: 503,
        body: { ready: false, database: 'ok', slack: 'reached' },
      });
    });
  });
});
