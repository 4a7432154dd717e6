import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockAction, viewSubmission } from '../../src/playground/payloads.ts';
import { ACTIONS, VIEWS } from '../../src/slack/ids.ts';
import { TEST_SECRET, TEST_TOKEN } from '../harness/boost.ts';
import { type BoostProcess, freePort, spawnBoost } from '../harness/boost-process.ts';
import { eventually, requestValues, visibleText } from '../harness/driver.ts';
import { type FakeSlack, startFakeSlack } from '../harness/fake-slack.ts';

// Boost in its own process, killed with SIGKILL in the middle of a 500-click burst and restarted on the same database:
// every click that was acknowledged (HTTP 200) is in the participations table, and the message counts are exact after
// the next update. Acknowledging only after the click is committed (better-sqlite3 writes synchronously, in WAL mode)
// is what makes this hold.
// SQLite only: what it proves is the SQLite file itself (synchronous commits in WAL mode, read back after a SIGKILL).

const CLICKS = 500;
const IN_FLIGHT = 40;
const KILL_AFTER_ACKS = 200;
const CHANNEL = 'C0DURABLE';

let slack: FakeSlack;
let dir: string;
let port: number;
const processes: BoostProcess[] = [];

beforeAll(async () => {
  slack = await startFakeSlack({ botToken: TEST_TOKEN });
  dir = mkdtempSync(join(tmpdir(), 'boost-durability-'));
  port = await freePort();
});
afterAll(async () => {
  for (const running of processes) await running.kill('SIGKILL');
  await slack.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<BoostProcess> {
  const running = await spawnBoost(
    {
      SLACK_BOT_TOKEN: TEST_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SECRET,
      SLACK_API_URL: slack.apiUrl,
      DATABASE_PATH: join(dir, 'boost.sqlite'),
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    { cwd: dir, signingSecret: TEST_SECRET, timeoutMs: 30_000 },
  );
  processes.push(running);
  return running;
}

function participants(requestId: number): Set<string> {
  const db = new Database(join(dir, 'boost.sqlite'), { readonly: true });
  try {
    const rows = db.prepare('select user_id from participations where request_id = ?').all(requestId) as Array<{
      user_id: string;
    }>;
    return new Set(rows.map((row) => row.user_id));
  } finally {
    db.close();
  }
}

function clickBy(running: BoostProcess, userId: string, request: { id: number; ts: string }) {
  return running.sender.interact(
    blockAction({
      container: 'message',
      userId,
      actionId: ACTIONS.optIn,
      value: String(request.id),
      channelId: CHANNEL,
      messageTs: request.ts,
      message: slack.message(CHANNEL, request.ts),
      responseUrl: slack.responseUrl(userId),
    }),
  );
}

describe('a crash in the middle of a burst of clicks', () => {
  it('keeps every acknowledged click, and the counts are exact after the next update', async () => {
    let running = await start();

    // A request, posted through the form as a person would.
    const submitted = await running.sender.interact(
      viewSubmission({
        userId: 'UDURABLE0',
        callbackId: VIEWS.newRequest,
        viewId: 'VDURABLE1',
        values: requestValues({ clock: { now: Date.now } }, { channelId: CHANNEL }),
      }),
    );
    expect(submitted.status).toBe(200);
    const [post] = await slack.waitFor((call) => call.method === 'chat.postMessage' && call.ok, 15_000);
    const request = {
      id: Number(/"block_id":"request_(\d+)"/.exec(JSON.stringify(post?.args.blocks))?.[1]),
      ts: String((post?.response as { ts?: string } | undefined)?.ts),
    };
    expect(request.id).toBeGreaterThan(0);

    // 500 people press "I'm in", 40 at a time; the process is killed once 200 of them have been answered.
    const acknowledged: string[] = [];
    const unanswered: string[] = [];
    const queue = Array.from({ length: CLICKS }, (_, i) => `UBURST${String(i).padStart(4, '0')}`);
    let killed: Promise<unknown> | undefined;
    const worker = async () => {
      for (let userId = queue.shift(); userId !== undefined; userId = queue.shift()) {
        try {
          const response = await clickBy(running, userId, request);
          (response.status === 200 ? acknowledged : unanswered).push(userId);
        } catch {
          unanswered.push(userId);
        }
        if (!killed && acknowledged.length >= KILL_AFTER_ACKS) killed = running.kill('SIGKILL');
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    expect(await killed).toBe('SIGKILL');
    // The kill landed mid-burst: some clicks never got an answer.
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(unanswered.length).toBeGreaterThan(0);

    running = await start();
    const recorded = participants(request.id);
    expect(acknowledged.filter((userId) => !recorded.has(userId))).toEqual([]);
    expect(recorded.size).toBeLessThanOrEqual(CLICKS);

    // One more click after the restart; once the update is out, the message shows exactly what the database holds.
    expect((await clickBy(running, 'UAFTERCRASH', request)).status).toBe(200);
    const expected = `${participants(request.id).size} in, 0 shared`;
    expect(expected).toBe(`${recorded.size + 1} in, 0 shared`);
    await eventually(() => visibleText(slack.message(CHANNEL, request.ts)).includes(expected), 15_000, `"${expected}"`);
    await running.kill('SIGTERM');
  }, 90_000);
});
