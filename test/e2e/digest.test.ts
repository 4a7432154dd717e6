import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliOutput, main } from '../../src/jobs/digest-cli.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { type BoostHarness, startBoost, TEAM, TEST_SECRET, TEST_TOKEN, TestClock } from '../harness/boost.ts';
import type { StoredMessage } from '../harness/fake-slack.ts';
import { appHomeOpened } from '../harness/payloads.ts';
import {
  buttonsIn,
  click,
  createRequest,
  dayFromNow,
  isReplyTo,
  optIn,
  type Posted,
  REQUESTER,
  rows,
  visibleText,
} from './core-driver.ts';
import { allDms, DAY, dmsTo, HOUR, restart } from './jobs-driver.ts';

// Wednesday of ISO week 2026-W10: the activity the digests of Monday 2026-03-09 (week W11) report on.
const WEDNESDAY = Date.parse('2026-03-04T10:00:00Z');
const MONDAY_9_UTC = Date.parse('2026-03-09T09:00:00Z');

const SHARER = 'UHELPSHR1';
const JOINER = 'UHELPJOIN';
const SUBSCRIBER = 'USUBSCRIB';
const STOPPED = 'USTOPPED1';
const NEWCOMER = 'UNEWCOMER';
const OLD_HELPER = 'UOLDHELP1';
const OLD_REQUESTER = 'UOLDREQ01';
const ELIGIBLE = [JOINER, SHARER, SUBSCRIBER, REQUESTER].sort();

/** The people Slack accepted a digest DM for (digests are the only DMs these scenarios send). */
const recipients = (h: BoostHarness) => allDms(h).map((call) => String(call.args.channel));

const deliveries = (h: BoostHarness) =>
  rows<{ user_id: string; iso_week: string; claimed_at: number; sent_at: number | null }>(
    h,
    'select user_id, iso_week, claimed_at, sent_at from digest_deliveries order by user_id',
  );

/** The digest as it is now in the person's DM with Boost. */
function digestIn(h: BoostHarness, userId: string): StoredMessage {
  const [message] = h.slack.messages(userId);
  if (!message) throw new Error(`no DM for ${userId}`);
  return message;
}

function cliEnv(h: BoostHarness): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: TEST_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SECRET,
    SLACK_API_URL: h.slack.apiUrl,
    DATABASE_PATH: h.config.DATABASE_PATH,
    LOG_LEVEL: 'warn',
  };
}

function captured(): CliOutput & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
}

/**
 * A workspace with a history: a request from six weeks ago (its helper is no longer "recent"), and this week's request
 * with a helper who shared, one who only joined, one who then stopped digests, a subscriber who never helped, and a
 * newcomer who only opened App Home.
 */
async function scenario(h: BoostHarness): Promise<Posted> {
  h.clock.set(Date.parse('2026-01-20T10:00:00Z'));
  const old = await createRequest(h, { title: 'Old news', deadline: dayFromNow(h, 3) }, OLD_REQUESTER);
  await optIn(h, OLD_HELPER, old);
  await h.boost.jobs.expiry.runOnce(h.clock.now() + 5 * DAY);

  h.clock.set(WEDNESDAY);
  const posted = await createRequest(h, { title: 'Spring launch', deadline: dayFromNow(h, 12) });
  await optIn(h, SHARER, posted);
  await click(h, SHARER, ACTIONS.markShared, posted);
  await optIn(h, JOINER, posted);
  await optIn(h, STOPPED, posted);
  h.boost.context.repos.settings.update(TEAM, STOPPED, { digest: false }, WEDNESDAY);
  h.boost.context.repos.settings.update(TEAM, SUBSCRIBER, { digest: true }, WEDNESDAY);
  const opened = await h.sender.event(appHomeOpened(NEWCOMER));
  expect(opened.status).toBe(200);
  return posted;
}

describe('the weekly digest', () => {
  let h: BoostHarness;
  let posted: Posted;
  beforeEach(async () => {
    h = await startBoost({}, new TestClock(WEDNESDAY), { runJobs: false });
    posted = await scenario(h);
  });
  afterEach(async () => {
    await h.stop();
  });

  it('goes out at 09:00 on Monday to exactly the people who asked, helped lately or subscribed', async () => {
    await h.boost.jobs.digest.runOnce(MONDAY_9_UTC - 60_000);
    expect(recipients(h)).toEqual([]);

    await h.boost.jobs.digest.runOnce(MONDAY_9_UTC);
    expect(recipients(h).sort()).toEqual(ELIGIBLE);
    expect(deliveries(h)).toEqual(
      ELIGIBLE.map((user) => ({
        user_id: user,
        iso_week: '2026-W11',
        claimed_at: MONDAY_9_UTC,
        sent_at: MONDAY_9_UTC,
      })),
    );
  });

  it('tells the requester who helped, by name, with a "Send thanks" button, and ends every digest with "Stop"', async () => {
    await h.boost.jobs.digest.runOnce(MONDAY_9_UTC);
    const digest = digestIn(h, REQUESTER);
    const text = visibleText(digest);
    expect(text).toContain('Spring launch');
    expect(text).toContain(`<@${SHARER}> (shared)`);
    expect(text).toContain(`<@${JOINER}>`);
    expect(text).toContain('3 in, 1 shared');
    expect(buttonsIn(digest.blocks)).toContainEqual(
      expect.objectContaining({ action_id: ACTIONS.sendThanks, value: String(posted.id) }),
    );
    for (const user of ELIGIBLE) {
      expect(buttonsIn(digestIn(h, user).blocks).at(-1)?.action_id).toBe(ACTIONS.stopDigests);
    }
  });

  it('tells a helper what they helped with, and a subscriber about open requests, never naming anyone else', async () => {
    await h.boost.jobs.digest.runOnce(MONDAY_9_UTC);
    const helper = visibleText(digestIn(h, SHARER));
    expect(helper).toContain('You helped with');
    expect(helper).toContain('Spring launch');
    expect(helper).not.toMatch(/<@U/);
    const subscriber = digestIn(h, SUBSCRIBER);
    expect(visibleText(subscriber)).toContain('Open requests you might like');
    expect(buttonsIn(subscriber.blocks)).toContainEqual(
      expect.objectContaining({ action_id: ACTIONS.optIn, value: String(posted.id) }),
    );
    expect(visibleText(subscriber)).not.toMatch(/<@U(?!REQ0001)/);
  });

  it('is sent once a week: more runs and a restart in the same week send nothing more', async () => {
    await h.boost.jobs.digest.runOnce(MONDAY_9_UTC);
    await h.boost.jobs.digest.runOnce(MONDAY_9_UTC + HOUR);
    await restart(h);
    await h.boost.jobs.digest.runOnce(MONDAY_9_UTC + 3 * DAY);
    expect(recipients(h).sort()).toEqual(ELIGIBLE);
  });

  it('catches up after downtime with the digests still due this week', async () => {
    await h.boost.jobs.digest.runOnce(MONDAY_9_UTC + 2 * DAY + 5 * HOUR);
    expect(recipients(h).sort()).toEqual(ELIGIBLE);
    expect(new Set(deliveries(h).map((row) => row.iso_week))).toEqual(new Set(['2026-W11']));
  });

  it('never sends a second digest when runs overlap, in one process or from npm run digest', async () => {
    h.slack.delay('chat.postMessage', 200);
    const output = captured();
    await Promise.all([
      h.boost.jobs.digest.runOnce(MONDAY_9_UTC),
      h.boost.jobs.digest.runOnce(MONDAY_9_UTC),
      main([], cliEnv(h), output, () => MONDAY_9_UTC),
    ]);
    expect(recipients(h).sort()).toEqual(ELIGIBLE);
  });

  it('"Stop these digests" replaces the digest with how to turn it back on, and next week there is none', async () => {
    await h.boost.jobs.digest.runOnce(MONDAY_9_UTC);
    const repliesBefore = h.slack.calls.filter(isReplyTo(SHARER)).length;
    await click(h, SHARER, ACTIONS.stopDigests, posted, { dm: digestIn(h, SHARER) });
    await h.slack.waitFor(isReplyTo(SHARER), 5000, repliesBefore + 1);
    const [stopped] = h.slack.messages(SHARER);
    expect(visibleText(stopped ?? {})).toContain('/boost settings');
    expect(buttonsIn(stopped?.blocks)).toEqual([]);
    expect(rows(h, 'select digest from user_settings where user_id = ?', SHARER)).toEqual([{ digest: 0 }]);

    // The sharer keeps helping, yet gets no digest next week; the others do.
    h.clock.set(MONDAY_9_UTC + 2 * DAY);
    await optIn(h, SHARER, await createRequest(h, { title: 'Second one' }, 'UREQ0002'));
    await h.boost.jobs.digest.runOnce(MONDAY_9_UTC + 7 * DAY);
    expect(dmsTo(h, SHARER)).toHaveLength(1);
    expect(dmsTo(h, JOINER)).toHaveLength(2);
  });

  it('skips someone Slack will not deliver to, and still sends the others, honouring Retry-After', async () => {
    h.slack.fail('chat.postMessage', 'account_inactive', { when: (args) => args.channel === JOINER });
    h.slack.rateLimit('chat.postMessage', 1);
    await h.boost.jobs.digest.runOnce(MONDAY_9_UTC);
    expect(recipients(h).sort()).toEqual(ELIGIBLE.filter((user) => user !== JOINER));
    expect(h.logs.some((line) => line.includes('account_inactive'))).toBe(true);
    // Refused for good this week: a later run does not try again.
    await h.boost.jobs.digest.runOnce(MONDAY_9_UTC + HOUR);
    expect(h.slack.dmsTo(JOINER)).toHaveLength(1);
  });

  it('gives the claim back when Slack certainly did not deliver, so the next run sends it', async () => {
    h.slack.fail('chat.postMessage', 'service_unavailable', { times: 3, when: (args) => args.channel === JOINER });
    await h.boost.jobs.digest.runOnce(MONDAY_9_UTC);
    expect(dmsTo(h, JOINER)).toHaveLength(0);
    await h.boost.jobs.digest.runOnce(MONDAY_9_UTC + 60_000);
    expect(dmsTo(h, JOINER)).toHaveLength(1);
  });
});

describe('the digest in far time zones', () => {
  let h: BoostHarness;
  afterEach(async () => {
    await h.stop();
  });

  it('reaches each person at 09:00 on Monday on their own clock, asking Slack for their zone once', async () => {
    h = await startBoost({}, new TestClock(WEDNESDAY), { runJobs: false });
    h.slack.setUser('UKIRITIMA', { tz: 'Pacific/Kiritimati', tz_offset: 14 * 3600 });
    h.slack.setUser('UPAGOPAGO', { tz: 'Pacific/Pago_Pago', tz_offset: -11 * 3600 });
    const posted = await createRequest(h, { title: 'Around the world', deadline: dayFromNow(h, 12) });
    await optIn(h, 'UKIRITIMA', posted);
    await optIn(h, 'UPAGOPAGO', posted);

    const kiritimati9 = Date.parse('2026-03-08T19:00:00Z');
    await h.boost.jobs.digest.runOnce(kiritimati9 - 60_000);
    expect(recipients(h)).toEqual([]);
    await h.boost.jobs.digest.runOnce(kiritimati9);
    expect(recipients(h)).toEqual(['UKIRITIMA']);

    await h.boost.jobs.digest.runOnce(MONDAY_9_UTC);
    expect(recipients(h)).toEqual(['UKIRITIMA', REQUESTER]);

    const pagoPago9 = Date.parse('2026-03-09T20:00:00Z');
    await h.boost.jobs.digest.runOnce(pagoPago9 - 60_000);
    expect(recipients(h)).toHaveLength(2);
    await h.boost.jobs.digest.runOnce(pagoPago9);
    expect(recipients(h)).toEqual(['UKIRITIMA', REQUESTER, 'UPAGOPAGO']);
    expect(deliveries(h).map((row) => row.iso_week)).toEqual(['2026-W11', '2026-W11', '2026-W11']);

    const lookups = h.slack.callsTo('users.info').map((call) => call.args.user);
    expect(lookups.filter((user) => user === 'UKIRITIMA')).toHaveLength(1);
    expect(lookups.filter((user) => user === 'UPAGOPAGO')).toHaveLength(1);
  });

  it('uses one zone for everyone when DIGEST_TIMEZONE names one, without asking Slack', async () => {
    h = await startBoost({ DIGEST_TIMEZONE: 'Asia/Tokyo' }, new TestClock(WEDNESDAY), { runJobs: false });
    h.slack.setUser('UPAGOPAGO', { tz: 'Pacific/Pago_Pago', tz_offset: -11 * 3600 });
    const posted = await createRequest(h, { title: 'Tokyo time', deadline: dayFromNow(h, 12) });
    await optIn(h, 'UPAGOPAGO', posted);
    const lookupsBefore = h.slack.callsTo('users.info').length;
    // Monday 09:00 in Tokyo (UTC+9) is Monday 00:00 UTC.
    await h.boost.jobs.digest.runOnce(Date.parse('2026-03-08T23:59:00Z'));
    expect(recipients(h)).toEqual([]);
    await h.boost.jobs.digest.runOnce(Date.parse('2026-03-09T00:00:00Z'));
    expect(recipients(h).sort()).toEqual([REQUESTER, 'UPAGOPAGO'].sort());
    expect(h.slack.callsTo('users.info')).toHaveLength(lookupsBefore);
  });
});

describe('npm run digest', () => {
  let h: BoostHarness;
  beforeEach(async () => {
    h = await startBoost({}, new TestClock(WEDNESDAY), { runJobs: false });
    await scenario(h);
  });
  afterEach(async () => {
    await h.stop();
  });

  it('--dry-run prints who would get what and sends nothing', async () => {
    const friday = WEDNESDAY + 2 * DAY;
    const output = captured();
    expect(await main(['--dry-run'], cliEnv(h), output, () => friday)).toBe(0);
    expect(output.stdout[0]).toBe('Dry run: 4 digests would be sent now. Nothing was sent.');
    const listed = output.stdout.slice(1).map((line) => line.trim().split(' ')[0]);
    expect(listed.sort()).toEqual(ELIGIBLE.map((user) => `${TEAM}/${user}`));
    expect(output.stdout.join('\n')).toContain(`${TEAM}/${REQUESTER} 2026-W10 (UTC): 1 request`);
    expect(recipients(h)).toEqual([]);
    expect(deliveries(h)).toEqual([]);
  });

  it('sends this week’s digests now to everyone eligible, and the scheduled run then sends none again', async () => {
    const friday = WEDNESDAY + 2 * DAY;
    const output = captured();
    expect(await main([], cliEnv(h), output, () => friday)).toBe(0);
    expect(output.stdout).toEqual(['Sent 4 digests.']);
    expect(recipients(h).sort()).toEqual(ELIGIBLE);

    await h.boost.jobs.digest.runOnce(friday + HOUR);
    const again = captured();
    await main([], cliEnv(h), again, () => friday + 2 * HOUR);
    expect(again.stdout).toEqual(['Sent 0 digests.']);
    expect(recipients(h).sort()).toEqual(ELIGIBLE);
  });

  it('names a bad setting and sends nothing', async () => {
    const output = captured();
    expect(await main([], { ...cliEnv(h), DIGEST_TIMEZONE: 'Mars/Olympus' }, output)).toBe(1);
    expect(output.stderr.join('\n')).toContain('DIGEST_TIMEZONE');
    expect(recipients(h)).toEqual([]);
  });
});

describe('a crash in the middle of npm run digest', () => {
  let h: BoostHarness;
  afterEach(async () => {
    await h.stop();
  });

  it('never leads to a second digest: the rest are sent later, those in flight are not sent again', async () => {
    // A child process runs on the real clock, so this workspace's history is recent in real time.
    h = await startBoost({}, new TestClock(Date.now()), { runJobs: false });
    const posted = await createRequest(h, { title: 'Right now', deadline: dayFromNow(h, 5) });
    await optIn(h, SHARER, posted);
    await optIn(h, JOINER, posted);
    // More people than DMs in flight at once, so the kill leaves some unclaimed.
    const subscribers = ['USUB00001', 'USUB00002', 'USUB00003', 'USUB00004', 'USUB00005', 'USUB00006'];
    for (const user of subscribers) {
      h.boost.context.repos.settings.update(TEAM, user, { digest: true }, Date.now() - HOUR);
    }
    const everyone = [REQUESTER, SHARER, JOINER, ...subscribers].sort();

    h.slack.delay('chat.postMessage', 1500);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/jobs/digest-cli.ts'], {
      env: { ...process.env, ...cliEnv(h) },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await h.slack.waitFor('chat.postMessage', 15_000, 4);
    child.kill('SIGKILL');
    await exited;
    h.slack.delay('chat.postMessage', 0);

    const leftInFlight = deliveries(h);
    expect(leftInFlight.length).toBeGreaterThanOrEqual(4);
    expect(leftInFlight.length).toBeLessThan(everyone.length);
    expect(leftInFlight.every((row) => row.sent_at === null)).toBe(true);

    const output = captured();
    expect(await main([], cliEnv(h), output)).toBe(0);
    const sent = recipients(h);
    expect(new Set(sent).size).toBe(sent.length);
    expect([...sent].sort()).toEqual(everyone);
    expect(output.stdout).toEqual([`Sent ${everyone.length - leftInFlight.length} digests.`]);
  });
});
