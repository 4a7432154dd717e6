import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockAction, viewSubmission } from '../../src/playground/payloads.ts';
import { ACTIONS, VIEWS } from '../../src/slack/ids.ts';
import { TEST_SECRET, TEST_TOKEN } from '../harness/boost.ts';
import { type BoostProcess, spawnBoost } from '../harness/boost-process.ts';
import { requestValues, sleep } from '../harness/driver.ts';
import { type FakeSlack, startFakeSlack } from '../harness/fake-slack.ts';
import { startUpload } from '../harness/raw-upload.ts';

// Strangers open many uploads to /slack/events, send almost 4 MB each, and go quiet. None of them can be from Slack,
// and Boost must not hold their bodies in memory while it waits for the rest: each is refused from its headers and
// its connection closed. Meanwhile people's clicks are still acknowledged. Boost runs in a process of its own, so
// that its memory (resident set size) can be read. Once, on SQLite: refusals from headers never reach the database.

const UPLOADS = 200;
const DECLARED_BYTES = 4 * 1024 * 1024;
const SENT_BYTES = 3.9 * 1024 * 1024;
const PIECE = Buffer.alloc(64 * 1024, 'x');
/** Between two pieces of a body: slow senders, and a test that does not flood the machine it shares. */
const PAUSE_MS = 20;
const CLICKS = 20;
const CHANNEL = 'C0UPLOADS';
const FORM = 'application/x-www-form-urlencoded';

let slack: FakeSlack;
let dir: string;
let boost: BoostProcess;

beforeAll(async () => {
  slack = await startFakeSlack({ botToken: TEST_TOKEN });
  dir = mkdtempSync(join(tmpdir(), 'boost-uploads-'));
  boost = await spawnBoost(
    {
      SLACK_BOT_TOKEN: TEST_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SECRET,
      SLACK_API_URL: slack.apiUrl,
      DATABASE_PATH: join(dir, 'boost.sqlite'),
      LOG_LEVEL: 'error',
    },
    { cwd: dir, signingSecret: TEST_SECRET, timeoutMs: 30_000 },
  );
});
afterAll(async () => {
  await boost?.kill('SIGKILL');
  await slack.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The resident set size of Boost's process, in MB. */
function boostMemoryMb(): number {
  const kb = execFileSync('ps', ['-o', 'rss=', '-p', String(boost.child.pid)], { encoding: 'utf8' });
  return Number(kb.trim()) / 1024;
}

/** Headers of the three kinds of stranger: no signature at all, dated an hour ahead, or a body declared too large. */
function strangerHeaders(i: number): Record<string, string | number> {
  const now = Math.floor(Date.now() / 1000);
  const forged = { 'x-slack-signature': `v0=${'0'.repeat(64)}` };
  const kinds = [
    {},
    { ...forged, 'x-slack-request-timestamp': now + 3600 },
    { ...forged, 'x-slack-request-timestamp': now },
  ];
  return { 'content-type': FORM, 'content-length': DECLARED_BYTES, ...kinds[i % kinds.length] };
}

/** Sends up to 3.9 MB of a 4 MB body, 64 KB at a time, then goes quiet; resolves with the answer's status. */
async function uploadAndGoQuiet(i: number): Promise<number | undefined> {
  const upload = startUpload(boost.port, { headers: strangerHeaders(i) });
  for (let sent = 0; sent < SENT_BYTES; sent += PIECE.length) {
    if (!(await upload.send(PIECE))) break;
    await sleep(PAUSE_MS);
  }
  // Boost must end the connection itself: a body left waiting for its last 100 KB is what held memory.
  await upload.ended;
  return (await upload.answer).status;
}

describe('many slow uploads without a valid signature', () => {
  it("are refused from their headers, keep Boost's memory flat, and clicks are acknowledged meanwhile", async () => {
    const submitted = await boost.sender.interact(
      viewSubmission({
        userId: 'UUPLOADS0',
        callbackId: VIEWS.newRequest,
        values: requestValues({ clock: { now: Date.now } }, { channelId: CHANNEL }),
      }),
    );
    expect(submitted.status).toBe(200);
    const [post] = await slack.waitFor((call) => call.method === 'chat.postMessage' && call.ok, 15_000);
    const ts = String((post?.response as { ts?: string } | undefined)?.ts);
    const requestId = /"block_id":"request_(\d+)"/.exec(JSON.stringify(post?.args.blocks))?.[1];
    const click = (userId: string) =>
      boost.sender.interact(
        blockAction({
          container: 'message',
          userId,
          actionId: ACTIONS.optIn,
          value: requestId,
          channelId: CHANNEL,
          messageTs: ts,
          message: slack.message(CHANNEL, ts),
          responseUrl: slack.responseUrl(userId),
        }),
      );
    expect((await click('UBEFORE01')).status).toBe(200);
    const before = boostMemoryMb();

    const uploads = Promise.all(Array.from({ length: UPLOADS }, (_, i) => uploadAndGoQuiet(i)));
    const acks: number[] = [];
    for (let i = 0; i < CLICKS; i++) acks.push((await click(`UMEANWHILE${String(i).padStart(2, '0')}`)).status);
    const statuses = await uploads;
    const grownMb = boostMemoryMb() - before;

    expect(acks).toEqual(Array(CLICKS).fill(200));
    // An answer may be lost when Boost closes the connection while bytes are still arriving; any that was read says no.
    const answered = statuses.filter((status) => status !== undefined);
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.filter((status) => status !== 401 && status !== 413)).toEqual([]);
    // The uploads pushed 780 MB at Boost, which used to keep nearly all of it (from 102 MB to 890 MB).
    expect(grownMb).toBeLessThan(80);
  }, 90_000);
});
