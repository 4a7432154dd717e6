import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { Boost } from '../../src/app.ts';
import { DIGEST_RUN_LEASE_MS } from '../../src/jobs/digest.ts';
import { RETENTION_RUN_LEASE_MS } from '../../src/jobs/retention.ts';
import { blockAction } from '../../src/playground/payloads.ts';
import { THANKS_LEASE_MS } from '../../src/services/thanks.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { type BoostHarness, startBoostOnPostgres, TEAM, TEST_SECRET, TEST_TOKEN, TestClock } from '../harness/boost.ts';
import { type BoostProcess, spawnBoost } from '../harness/boost-process.ts';
import {
  click,
  createRequest,
  DAY,
  dayFromNow,
  eventually,
  HOUR,
  helpers,
  isReplyTo,
  optIn,
  optInAndShare,
  type Posted,
  REQUESTER,
  rows,
} from '../harness/driver.ts';
import type { RecordedCall } from '../harness/fake-slack.ts';
import { captured, cliEnv } from './digest-driver.ts';

// Several Boost instances on one PostgreSQL, each its own process running its jobs every second: expiry, reminders,
// digests, thanks and retention happen once per due item across them, and an instance killed mid-run leaves nothing
// undone that another instance (or the next run) cannot finish. The scenarios are set up through an in-process Boost on
// the same database and fake Slack, whose clock is set days back so that what it creates is due in real time.

/** Monday 00:00 UTC: this week's digest slot has always come by the time a test runs. */
const DIGEST_ENV = { DIGEST_CRON: '0 0 * * 1', DIGEST_TIMEZONE: 'UTC' };
/** Sunday 23:59 UTC, the end of the ISO week: for tests about other messages, no digest is due yet. */
const NO_DIGEST_YET = { DIGEST_CRON: '59 23 * * 0', DIGEST_TIMEZONE: 'UTC' };
const FIVE_DAYS_AGO = () => Date.now() - 5 * DAY;

let h: BoostHarness<Boost> | undefined;
const processes: BoostProcess[] = [];

afterEach(async () => {
  for (const running of processes.splice(0)) await running.kill('SIGKILL');
  await h?.stop();
  h = undefined;
});

async function seedingBoost(): Promise<BoostHarness<Boost>> {
  h = await startBoostOnPostgres(DIGEST_ENV, new TestClock(FIVE_DAYS_AGO()), { runJobs: false });
  return h;
}

/** Boost in its own process on the harness's database and fake Slack, its jobs ticking every second. */
async function instance(on: BoostHarness<Boost>, digest = DIGEST_ENV): Promise<BoostProcess> {
  const running = await spawnBoost(
    {
      SLACK_BOT_TOKEN: TEST_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SECRET,
      SLACK_API_URL: on.slack.apiUrl,
      DATABASE_URL: String(on.config.DATABASE_URL),
      JOB_INTERVAL_SECONDS: '1',
      LOG_LEVEL: 'info',
      ...digest,
    },
    { cwd: on.dir, signingSecret: TEST_SECRET, timeoutMs: 30_000 },
  );
  processes.push(running);
  return running;
}

async function stopGracefully(running: BoostProcess): Promise<void> {
  expect(await running.kill('SIGTERM')).toBe(0);
}

/** Sums a figure logged by the instances, e.g. "Expired 3 request(s)". */
function loggedTotal(instances: readonly BoostProcess[], pattern: RegExp): number {
  const text = instances.map((running) => running.output()).join('\n');
  return [...text.matchAll(new RegExp(pattern, 'g'))].reduce((sum, match) => sum + Number(match[1]), 0);
}

const toPerson = (call: RecordedCall) => call.method === 'chat.postMessage' && /^U/.test(String(call.args.channel));
const isDigest = (call: RecordedCall) =>
  toPerson(call) && JSON.stringify(call.args.blocks).includes(ACTIONS.stopDigests);
const isReminder = (call: RecordedCall) => toPerson(call) && String(call.args.text).startsWith('Reminder:');

/** How many messages matching `kind` each person got. */
function perPerson(on: BoostHarness<Boost>, kind: (call: RecordedCall) => boolean): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of on.slack.calls.filter(kind)) {
    const userId = String(call.args.channel);
    counts.set(userId, (counts.get(userId) ?? 0) + 1);
  }
  return counts;
}

/** Opts in and presses "Remind me before the deadline" in the private reply. */
async function askForReminder(on: BoostHarness<Boost>, userId: string, posted: Posted): Promise<void> {
  const reply = await optIn(on, userId, posted);
  const before = on.slack.calls.filter(isReplyTo(userId)).length;
  await click(on, userId, ACTIONS.remindMe, posted, { container: 'ephemeral', blocks: reply.args.blocks });
  await on.slack.waitFor(isReplyTo(userId), 5000, before + 1);
}

/** A request whose deadline is twelve hours away in real time, with `people` who asked for a reminder. */
async function remindersDue(on: BoostHarness<Boost>, people: readonly string[]): Promise<Posted> {
  const posted = await createRequest(on, { title: 'Launch post', deadline: dayFromNow(on, 9) }, REQUESTER);
  for (const userId of people) await askForReminder(on, userId, posted);
  await rows(on, 'update requests set deadline_at = ? where id = ?', Date.now() + 12 * HOUR, posted.id);
  return posted;
}

/** People who subscribed to the digest long before this week's slot. */
async function subscribers(on: BoostHarness<Boost>, people: readonly string[]): Promise<void> {
  for (const userId of people) {
    await on.boost.context.repos.settings.update(TEAM, userId, { digest: true }, Date.now() - 8 * DAY);
  }
}

const remindedCount = async (on: BoostHarness<Boost>, requestId: number) =>
  (
    await rows<{ user_id: string }>(
      on,
      'select user_id from participations where request_id = ? and reminded_at is not null',
      requestId,
    )
  ).length;

describe('two instances on one PostgreSQL, both running their jobs', () => {
  it('send every reminder and digest once and close every expired request once', async () => {
    const on = await seedingBoost();
    const expiring: Posted[] = [];
    for (const requester of ['UEXPIRE01', 'UEXPIRE02', 'UEXPIRE03']) {
      expiring.push(await createRequest(on, { title: 'Last week', deadline: dayFromNow(on, 1) }, requester));
    }
    const reminded = helpers(10, 'UREMIND');
    const posted = await remindersDue(on, reminded);
    const subscribed = helpers(6, 'USUBSCR');
    await subscribers(on, subscribed);

    const instances = [await instance(on), await instance(on)];
    await eventually(
      async () =>
        (await remindedCount(on, posted.id)) === reminded.length &&
        subscribed.every((userId) => perPerson(on, isDigest).has(userId)) &&
        (await rows(on, "select id from requests where status = 'expired'")).length === expiring.length,
      90_000,
      'every reminder and digest to be sent and every expired request closed',
    );
    for (const running of instances) await stopGracefully(running);

    const reminders = perPerson(on, isReminder);
    expect(reminded.map((userId) => reminders.get(userId))).toEqual(reminded.map(() => 1));
    expect(loggedTotal(instances, /Reminders: (\d+) sent/)).toBe(reminded.length);
    const digests = perPerson(on, isDigest);
    expect([...digests.values()].every((count) => count === 1)).toBe(true);
    const delivered = await rows<{ user_id: string }>(
      on,
      'select user_id from digest_deliveries where sent_at is not null order by user_id',
    );
    expect(delivered.map((row) => row.user_id)).toEqual([...digests.keys()].sort());
    expect(loggedTotal(instances, /Expired (\d+) request/)).toBe(expiring.length);
  }, 180_000);
});

describe('npm run digest on two machines at once (PostgreSQL)', () => {
  it('sends each digest once', async () => {
    h = await startBoostOnPostgres({}, new TestClock(Date.now()), { runJobs: false });
    const posted = await createRequest(h, { title: 'Right now', deadline: dayFromNow(h, 5) });
    await optInAndShare(h, 'UHELPER01', posted);
    const subscribed = helpers(6, 'USUBSCR');
    for (const userId of subscribed) {
      await h.boost.context.repos.settings.update(TEAM, userId, { digest: true }, Date.now() - HOUR);
    }
    const runs = [0, 1].map(() => {
      const output = captured();
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/jobs/digest-cli.ts'], {
        env: { ...process.env, ...cliEnv(h as BoostHarness<Boost>) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (chunk: Buffer) => output.out(chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => output.err(chunk.toString('utf8')));
      const code = new Promise<number | null>((resolve) => child.once('exit', resolve));
      return { output, code };
    });
    expect(await Promise.all(runs.map((run) => run.code))).toEqual([0, 0]);

    const digests = perPerson(h, isDigest);
    expect([...digests.values()].every((count) => count === 1)).toBe(true);
    expect(subscribed.every((userId) => digests.has(userId))).toBe(true);
    const sentBy = runs.map(({ output }) => Number(/Sent (\d+) digest/.exec(output.stdout.join(''))?.[1]));
    expect(sentBy.reduce((sum, sent) => sum + sent, 0)).toBe(digests.size);
  }, 90_000); // Starting tsx takes seconds, more on a busy machine.
});

describe('an instance killed in the middle of sending', () => {
  it('leaves the reminders it had not claimed to the other instance, and nobody gets two', async () => {
    const on = await seedingBoost();
    const reminded = helpers(12, 'UREMIND');
    const posted = await remindersDue(on, reminded);
    // Slack answers nothing for now, so each instance has its first reminders in flight when one of them dies.
    on.slack.hold('chat.postMessage');
    const [doomed, survivor] = [await instance(on, NO_DIGEST_YET), await instance(on, NO_DIGEST_YET)];
    await on.slack.waitFor(isReminder, 30_000, 8);
    await doomed.kill('SIGKILL');
    on.slack.release('chat.postMessage');

    await eventually(async () => (await remindedCount(on, posted.id)) === reminded.length, 30_000);
    await stopGracefully(survivor as BoostProcess);
    const reminders = perPerson(on, isReminder);
    expect(reminded.map((userId) => reminders.get(userId))).toEqual(reminded.map(() => 1));
  }, 120_000);

  it('leaves the digests it had not claimed to the next run, and nobody gets two', async () => {
    const on = await seedingBoost();
    const subscribed = helpers(9, 'USUBSCR');
    await subscribers(on, subscribed);
    await createRequest(on, { title: 'Still open', deadline: dayFromNow(on, 9) });
    const everyone = [REQUESTER, ...subscribed];
    on.slack.hold('chat.postMessage');
    const doomed = await instance(on);
    const inFlight = (await on.slack.waitFor(isDigest, 30_000, 4)).length;
    await doomed.kill('SIGKILL');
    on.slack.release('chat.postMessage');
    const claimedAtKill = await rows(on, 'select user_id from digest_deliveries where sent_at is null');
    expect(claimedAtKill).toHaveLength(inFlight);

    // The next run comes once the dead run's lease has run out: it sends the rest, and none of those in flight again.
    const report = await on.boost.jobs.digest.runOnce(Date.now() + DIGEST_RUN_LEASE_MS + 1000);
    expect(report.tally.sent).toBe(everyone.length - inFlight);
    const digests = perPerson(on, isDigest);
    expect(everyone.map((userId) => digests.get(userId))).toEqual(everyone.map(() => 1));
  }, 120_000);

  it('leaves the thanks it had not claimed to the thanks job, and nobody is thanked twice', async () => {
    const on = await seedingBoost();
    on.clock.set(Date.now());
    const posted = await createRequest(on, { title: 'Big launch' }, 'UASKER001');
    const sharers = helpers(9, 'USHARER');
    for (const userId of sharers) await optInAndShare(on, userId, posted);
    const thanks = (call: RecordedCall) => toPerson(call) && sharers.includes(String(call.args.channel));
    on.slack.hold('chat.postMessage');
    const doomed = await instance(on, NO_DIGEST_YET);
    const pressed = await doomed.sender.interact(
      blockAction({
        container: 'ephemeral',
        userId: 'UASKER001',
        actionId: ACTIONS.sendThanks,
        value: String(posted.id),
        responseUrl: on.slack.responseUrl('press'),
      }),
    );
    expect(pressed.status).toBe(200);
    const inFlight = (await on.slack.waitFor(thanks, 30_000, 4)).length;
    await doomed.kill('SIGKILL');
    on.slack.release('chat.postMessage');

    const finished = await on.boost.jobs.thanks.runOnce(Date.now() + THANKS_LEASE_MS + 1000);
    expect(finished).toEqual({ batches: 1, thanked: sharers.length - inFlight });
    const thanked = perPerson(on, thanks);
    expect(sharers.map((userId) => thanked.get(userId))).toEqual(sharers.map(() => 1));
  }, 120_000);
});

describe('retention with two instances on one PostgreSQL', () => {
  let second: BoostHarness<Boost> | undefined;
  afterEach(async () => {
    await second?.stop();
    second = undefined;
  });

  it('runs once a day across both, and is taken over once the lease of an instance that died runs out', async () => {
    const clock = new TestClock();
    const first = await startBoostOnPostgres({ DATA_RETENTION_DAYS: '30' }, clock, { runJobs: false });
    h = first;
    second = await startBoostOnPostgres(
      { DATABASE_URL: String(first.config.DATABASE_URL), DATA_RETENTION_DAYS: '30' },
      clock,
      { runJobs: false },
    );
    const old = await createRequest(first, { title: 'Old' }, REQUESTER);
    await click(first, REQUESTER, ACTIONS.close, old);
    clock.advance(31 * DAY);

    const now = clock.now();
    const runs = await Promise.all([first.boost.jobs.retention.runOnce(now), second.boost.jobs.retention.runOnce(now)]);
    expect(runs.filter((run) => run !== undefined).map((run) => run?.closedRequests)).toEqual([1]);
    expect(await second.boost.jobs.retention.runOnce(now + 23 * HOUR)).toBeUndefined();
    expect(await first.boost.jobs.retention.runOnce(now + 23 * HOUR)).toBeUndefined();

    // The next day an instance takes the lease and dies mid-run (the purge is one transaction: nothing is half done).
    const nextDay = now + DAY;
    expect(
      await first.boost.context.repos.leases.claim(
        'retention',
        'an instance that died',
        nextDay,
        nextDay + RETENTION_RUN_LEASE_MS,
      ),
    ).toBe(true);
    expect(await second.boost.jobs.retention.runOnce(nextDay + 60_000)).toBeUndefined();
    expect(await second.boost.jobs.retention.runOnce(nextDay + RETENTION_RUN_LEASE_MS)).toBeDefined();
  });
});
