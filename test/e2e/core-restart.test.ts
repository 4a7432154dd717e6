import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBoost } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { blockAction, viewSubmission } from '../../src/playground/payloads.ts';
import { ACTIONS, VIEWS } from '../../src/slack/ids.ts';
import { captureLogger, TEST_SECRET, TEST_TOKEN } from '../harness/boost.ts';
import { type BoostProcess, spawnBoost } from '../harness/boost-process.ts';
import { type AnyBoostHarness, forEachDatabase, startWithPacedRequest } from '../harness/databases.ts';
import {
  answerOf,
  click,
  createRequest,
  databaseOpen,
  isPostOf,
  messageOf,
  optIn,
  type Posted,
  participationRows,
  REQUESTER,
  requestRow,
  requestValues,
  rows,
  settled,
  updatesOf,
  visibleText,
} from '../harness/driver.ts';
import { type FakeSlack, type RecordedCall, startFakeSlack } from '../harness/fake-slack.ts';

forEachDatabase((startBoost) => {
  describe('a restart on the same database', () => {
    let h: AnyBoostHarness;
    let posted: Posted;
    beforeEach(async () => {
      h = await startBoost();
      posted = await createRequest(h, { title: 'Before the deploy' });
    });
    afterEach(async () => {
      await h.stop();
    });

    it('keeps every request and participation, and later clicks update the same message', async () => {
      await optIn(h, 'UHELPER01', posted);
      await optIn(h, 'UHELPER02', posted);
      await click(h, 'UHELPER03', ACTIONS.markShared, posted);
      h.slack.setChannel('CNOBOT001', { member: false });
      await createRequestThatFails(h);
      await settled(h);
      const requestsBefore = await rows(h, 'select * from requests order by id');
      const participationsBefore = await rows(h, 'select * from participations order by id');

      await h.restart();

      expect(await rows(h, 'select * from requests order by id')).toEqual(requestsBefore);
      expect(await rows(h, 'select * from participations order by id')).toEqual(participationsBefore);
      expect(await rows(h, 'select * from requests where channel_id = ?', 'CNOBOT001')).toMatchObject([
        { message_ts: null, status: 'open' },
      ]);

      await optIn(h, 'UHELPER04', posted);
      const reply = await optIn(h, 'UHELPER05', posted);
      await click(h, 'UHELPER01', ACTIONS.withdraw, posted, { container: 'ephemeral', blocks: reply.args.blocks });
      await settled(h);

      expect((await participationRows(h, posted.id)).map((row) => row.user_id)).toEqual([
        'UHELPER02',
        'UHELPER03',
        'UHELPER04',
        'UHELPER05',
      ]);
      expect(h.slack.calls.filter(isPostOf(posted.id))).toHaveLength(1);
      const last = updatesOf(h, posted).at(-1) as RecordedCall;
      expect(last.args).toMatchObject({ channel: posted.channel, ts: posted.ts });
      expect(visibleText(messageOf(h, posted))).toContain('4 in, 1 shared');
    });

    it('still counts a click once when Slack delivers it again after the restart', async () => {
      const first = await click(h, 'UHELPER01', ACTIONS.optIn, posted);
      await settled(h);

      await h.restart();
      await click(h, 'UHELPER01', ACTIONS.optIn, posted, { payload: first.payload, send: { retryNum: 1 } });
      await expect(h.slack.waitFor('response_url', 500, 2)).rejects.toThrow(/1 matched/);
      await settled(h);

      expect(await participationRows(h, posted.id)).toHaveLength(1);
      expect(h.slack.callsTo('response_url')).toHaveLength(1);
    });
  });

  describe('a restart while a message update waits for its pace', () => {
    let h: AnyBoostHarness;
    let posted: Posted;
    beforeEach(async () => {
      // Production's one update per second per message keeps the second update waiting when the restart comes.
      ({ h, posted } = await startWithPacedRequest(startBoost, 'Before the deploy'));
    });
    afterEach(async () => {
      await h.stop();
    });

    it('sends the update of a click made just before the restart', async () => {
      await optIn(h, 'UHELPER01', posted);
      await h.slack.waitFor('chat.update');
      // The next update waits for the one-per-second pace; the restart must not drop it.
      await optIn(h, 'UHELPER02', posted);

      await h.restart();

      expect(visibleText(messageOf(h, posted))).toContain('2 in, 0 shared');
      expect(await requestRow(h, posted.id)).toMatchObject({ message_ts: posted.ts });
    });
  });

  describe('stopping while a click is still being answered', () => {
    let h: AnyBoostHarness;
    afterEach(async () => {
      await h.stop();
    });

    it("waits for the click's private reply before closing the database", async () => {
      h = await startBoost();
      const posted = await createRequest(h, { title: 'Before the deploy' });
      h.slack.hold('response_url');
      await click(h, 'UHELPER01', ACTIONS.optIn, posted);
      await h.slack.waitFor('response_url');

      let stopped = false;
      const stopping = h.boost.stop().then(() => {
        stopped = true;
      });
      // The server stops taking requests at once; the database stays open while the reply is on its way.
      while (await serves(h)) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(stopped).toBe(false);
      expect(databaseOpen(h)).toBe(true);

      h.slack.release('response_url');
      await stopping;
      expect(databaseOpen(h)).toBe(false);
      expect(h.logs.filter((line) => line.startsWith('error'))).toEqual([]);
    });
  });
});

async function serves(h: AnyBoostHarness): Promise<boolean> {
  return fetch(`${h.sender.baseUrl}/healthz`).then(
    () => true,
    () => false,
  );
}

async function createRequestThatFails(h: AnyBoostHarness): Promise<void> {
  await h.sender.interact(
    viewSubmission({
      userId: REQUESTER,
      callbackId: VIEWS.newRequest,
      values: requestValues(h, { channelId: 'CNOBOT001' }),
    }),
  );
  await h.slack.waitFor((call) => call.method === 'chat.postMessage' && call.args.channel === REQUESTER);
}

// ---- the real process --------------------------------------------------------------------------------------------
// Once, on SQLite: these prove how the process starts and stops (Slack refusing the token, SIGTERM), not storage.

describe('the real process', () => {
  let slack: FakeSlack;
  let dir: string;
  let boost: BoostProcess | undefined;
  beforeEach(async () => {
    slack = await startFakeSlack({ botToken: TEST_TOKEN });
    dir = mkdtempSync(join(tmpdir(), 'boost-process-'));
  });
  afterEach(async () => {
    await boost?.kill('SIGKILL');
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("stops asking, and reports Slack's reason, when Slack rejects the bot token", async () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-revoked-token',
      SLACK_SIGNING_SECRET: TEST_SECRET,
      SLACK_API_URL: slack.apiUrl,
      DATABASE_PATH: join(dir, 'boost.sqlite'),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
    });
    const app = createBoost({ config, runJobs: false, logger: captureLogger([]) });

    await app.start();

    expect(await app.refused).toEqual({ setting: 'SLACK_BOT_TOKEN', code: 'invalid_auth' });
    await app.stop();
    expect(slack.callsTo('auth.test').map((call) => call.error)).toEqual(['invalid_auth']);
  });

  it('on SIGTERM sends the pending message update, then exits with code 0', async () => {
    // `tsx src/index.ts`, as `npm start` runs it, in its own process.
    boost = await spawnBoost(
      {
        SLACK_BOT_TOKEN: TEST_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SECRET,
        SLACK_API_URL: slack.apiUrl,
        DATABASE_PATH: join(dir, 'boost.sqlite'),
        LOG_LEVEL: 'info',
      },
      { cwd: dir, signingSecret: TEST_SECRET },
    );
    const { sender } = boost;

    const submitted = await sender.interact(
      viewSubmission({
        userId: REQUESTER,
        callbackId: VIEWS.newRequest,
        values: requestValues({ clock: { now: Date.now } }, { title: 'Shutting down' }),
      }),
    );
    expect(submitted.status).toBe(200);
    const [post] = await slack.waitFor((call) => call.method === 'chat.postMessage' && call.ok);
    const ts = answerOf<{ ts: string }>(post).ts;
    const channel = String(post?.args.channel);
    const pressOptIn = (userId: string) =>
      sender.interact(
        blockAction({
          container: 'message',
          userId,
          actionId: ACTIONS.optIn,
          channelId: channel,
          message: slack.message(channel, ts),
          responseUrl: slack.responseUrl(userId),
        }),
      );
    expect((await pressOptIn('UHELPER01')).status).toBe(200);
    await slack.waitFor('chat.update');
    // This click's update waits for the one-per-second pace when SIGTERM arrives.
    expect((await pressOptIn('UHELPER02')).status).toBe(200);

    const exit = await boost.kill('SIGTERM');

    expect(exit).toBe(0);
    const updates = slack.callsTo('chat.update');
    expect(updates).toHaveLength(2);
    expect(updates[1]?.ok).toBe(true);
    expect(visibleText(slack.message(channel, ts) ?? {})).toContain('2 in, 0 shared');
    expect(boost.output()).toContain('SIGTERM received');
    await expect(fetch(`${sender.baseUrl}/healthz`)).rejects.toThrow();
  }, 30_000); // Starting tsx takes a few seconds, more on a busy machine.
});
