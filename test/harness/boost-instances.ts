import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { appHomeOpened, blockAction, viewSubmission } from '../../src/playground/payloads.ts';
import { VIEWS } from '../../src/slack/ids.ts';
import { TEAM, TEST_SECRET, TEST_TOKEN } from './boost.ts';
import { type BoostProcess, spawnBoost } from './boost-process.ts';
import { answerOf, eventually, REQUESTER, requestValues } from './driver.ts';
import { type FakeSlack, startFakeSlack } from './fake-slack.ts';
import { freshDatabase } from './postgres-server.ts';

// Several Boost instances as production runs them behind a load balancer: each its own process (the bundle `npm start`
// runs), all on one fresh database of the test PostgreSQL server and one fake Slack, which therefore records the calls
// of every instance. Tests spread signed requests over the instances and may kill one.

export interface BoostInstances {
  slack: FakeSlack;
  instances: BoostProcess[];
  /** Rows straight from the shared database (`$1` placeholders). */
  rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

/** Starts `count` instances on one new PostgreSQL database, at once, as a deploy does. */
export async function startInstances(count: number): Promise<BoostInstances> {
  const slack = await startFakeSlack({ botToken: TEST_TOKEN });
  const databaseUrl = await freshDatabase(inject('postgresUrl'));
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const dirs: string[] = [];
  const instances = await Promise.all(
    Array.from({ length: count }, () => {
      const dir = mkdtempSync(join(tmpdir(), 'boost-instance-'));
      dirs.push(dir);
      return spawnBoost(
        {
          SLACK_BOT_TOKEN: TEST_TOKEN,
          SLACK_SIGNING_SECRET: TEST_SECRET,
          SLACK_API_URL: slack.apiUrl,
          DATABASE_URL: databaseUrl,
          LOG_LEVEL: 'info',
        },
        { cwd: dir, signingSecret: TEST_SECRET, timeoutMs: 40_000 },
      );
    }),
  );
  return {
    slack,
    instances,
    rows: async <T>(sql: string, ...params: unknown[]) => (await pool.query(sql, params)).rows as T[],
    async stop() {
      await Promise.all(instances.map((instance) => instance.kill('SIGKILL')));
      await pool.end();
      await slack.close();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A request's message in its channel, as the tests press its buttons. */
export interface PostedMessage {
  id: number;
  channel: string;
  ts: string;
}

/** The requester fills in the form on `instance`; resolves once the message is posted and its place saved. */
export async function postRequest(
  cluster: BoostInstances,
  instance: BoostProcess,
  title: string,
  requesterId = REQUESTER,
): Promise<PostedMessage> {
  const { slack } = cluster;
  const posts = slack.callsTo('chat.postMessage').length;
  const submitted = await instance.sender.interact(
    viewSubmission({
      userId: requesterId,
      callbackId: VIEWS.newRequest,
      values: requestValues({ clock: { now: Date.now } }, { title }),
    }),
  );
  if (submitted.status !== 200) throw new Error(`the form was answered ${submitted.status}`);
  const calls = await slack.waitFor((call) => call.method === 'chat.postMessage' && call.ok, 10_000, posts + 1);
  const post = calls.at(-1);
  const id = Number(/"block_id":"request_(\d+)"/.exec(JSON.stringify(post?.args.blocks))?.[1]);
  const ts = answerOf<{ ts: string }>(post).ts;
  await eventually(
    async () => (await cluster.rows('select 1 from requests where id = $1 and message_ts = $2', id, ts)).length > 0,
    5000,
    'the message ts to be saved',
  );
  return { id, channel: String(post?.args.channel), ts };
}

/**
 * A person's button press on the request's message, sent to `instance`; resolves with the HTTP status Boost answered.
 * A delivery that found no answer at all (a connection reset on a busy machine) is sent again up to `retries` times, as
 * Slack does, marked as its retry.
 */
export async function press(
  cluster: BoostInstances,
  instance: BoostProcess,
  userId: string,
  actionId: string,
  posted: PostedMessage,
  retries = 0,
): Promise<number> {
  const { slack } = cluster;
  const payload = blockAction({
    container: 'message',
    userId,
    actionId,
    channelId: posted.channel,
    message: slack.message(posted.channel, posted.ts) ?? { ts: posted.ts },
    responseUrl: slack.responseUrl(userId, { channel: posted.channel, ts: posted.ts }),
  });
  for (let attempt = 0; ; attempt++) {
    try {
      const retry = attempt > 0 ? { retryNum: attempt, retryReason: 'http_error' } : undefined;
      return (await instance.sender.interact(payload, retry)).status;
    } catch (error) {
      if (attempt >= retries) throw error;
    }
  }
}

/** The person opens their App Home tab in Slack; the event reaches `instance`. */
export async function openHomeOn(cluster: BoostInstances, instance: BoostProcess, userId: string): Promise<void> {
  const response = await instance.sender.event(
    appHomeOpened(userId, TEAM, { view: cluster.slack.homeView(userId) as Record<string, unknown> | undefined }),
  );
  if (response.status !== 200) throw new Error(`app_home_opened was answered ${response.status}`);
}
