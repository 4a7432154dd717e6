import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/jobs/digest-cli.ts';
import { appUninstalled } from '../../src/playground/payloads.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { TEAM, TestClock } from '../harness/boost.ts';
import { type AnyBoostHarness, forEachDatabase } from '../harness/databases.ts';
import {
  buttonsIn,
  click,
  createRequest,
  DAY,
  dayFromNow,
  dmsTo,
  eventually,
  HOUR,
  isReplyTo,
  optIn,
  type Posted,
  REQUESTER,
  rows,
  visibleText,
} from '../harness/driver.ts';
import {
  captured,
  cliEnv,
  deliveries,
  digestIn,
  ELIGIBLE,
  JOINER,
  MONDAY_9_UTC,
  recipients,
  SHARER,
  STOPPED,
  SUBSCRIBER,
  scenario,
  WEDNESDAY,
} from './digest-driver.ts';

forEachDatabase((start) => {
  describe('the weekly digest', () => {
    let h: AnyBoostHarness;
    let posted: Posted;
    beforeEach(async () => {
      h = await start({}, new TestClock(WEDNESDAY), { runJobs: false });
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
      expect(await deliveries(h)).toEqual(
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
      await h.restart();
      await h.boost.jobs.digest.runOnce(MONDAY_9_UTC + 3 * DAY);
      expect(recipients(h).sort()).toEqual(ELIGIBLE);
    });

    it('catches up after downtime with the digests still due this week', async () => {
      await h.boost.jobs.digest.runOnce(MONDAY_9_UTC + 2 * DAY + 5 * HOUR);
      expect(recipients(h).sort()).toEqual(ELIGIBLE);
      expect(new Set((await deliveries(h)).map((row) => row.iso_week))).toEqual(new Set(['2026-W11']));
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
      expect(await rows(h, 'select digest from user_settings where user_id = ?', SHARER)).toEqual([{ digest: 0 }]);

      // The sharer keeps helping, yet gets no digest next week; the others do.
      h.clock.set(MONDAY_9_UTC + 2 * DAY);
      await optIn(h, SHARER, await createRequest(h, { title: 'Second one' }, 'UREQ0002'));
      await h.boost.jobs.digest.runOnce(MONDAY_9_UTC + 7 * DAY);
      expect(dmsTo(h, SHARER)).toHaveLength(1);
      expect(dmsTo(h, REQUESTER)).toHaveLength(2);
      expect(dmsTo(h, SUBSCRIBER)).toHaveLength(2);
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

    it('holds no claim on a digest while it waits out a rate limit, so an instance dying meanwhile leaves it due', async () => {
      // Three seconds of pause: time enough to look at the claims while it lasts, even on a busy machine.
      h.slack.rateLimit('chat.postMessage', 3, 1, (args) => args.channel === JOINER);
      const run = h.boost.jobs.digest.runOnce(MONDAY_9_UTC);
      await h.slack.waitFor((call) => call.args.channel === JOINER && call.status === 429);
      await eventually(async () => !(await deliveries(h)).some((row) => row.user_id === JOINER));
      await run;
      expect(recipients(h).sort()).toEqual(ELIGIBLE);
      expect((await deliveries(h)).find((row) => row.user_id === JOINER)?.sent_at).not.toBeNull();
    });

    it('is not sent in a workspace that uninstalled Boost', async () => {
      const uninstalled = await h.sender.event(appUninstalled());
      expect(uninstalled.status).toBe(200);
      const uninstalledWorkspaces = () =>
        rows(h, 'select count(*) as n from workspaces where uninstalled_at is not null');
      await eventually(async () => (await uninstalledWorkspaces())[0]?.n === 1);
      expect(await uninstalledWorkspaces()).toEqual([{ n: 1 }]);
      await h.boost.jobs.digest.runOnce(MONDAY_9_UTC);
      expect(recipients(h)).toEqual([]);
    });

    it('skips deciding in a minute when no slot came on any clock, and still serves a slot in its own minute', async () => {
      const jobs = h.boost.jobs;
      expect((await jobs.digest.runOnce(MONDAY_9_UTC - 2 * 60_000)).decided).toBe(true);
      const quiet = await jobs.digest.runOnce(MONDAY_9_UTC - 60_000);
      expect(quiet).toMatchObject({ decided: false, composed: 0 });
      expect(recipients(h)).toEqual([]);

      const atSlot = await jobs.digest.runOnce(MONDAY_9_UTC);
      expect(atSlot).toMatchObject({ decided: true, composed: ELIGIBLE.length });
      expect(recipients(h).sort()).toEqual(ELIGIBLE);
    });

    it('serves someone who turns digests back on after their slot at the next hourly decision', async () => {
      await h.boost.jobs.digest.runOnce(MONDAY_9_UTC);
      // Wednesday: no clock on Earth shows Monday 09:00, so only the hourly decision looks again.
      const wednesday = MONDAY_9_UTC + 2 * DAY + HOUR;
      expect((await h.boost.jobs.digest.runOnce(wednesday)).decided).toBe(true);
      await h.boost.context.repos.settings.update(TEAM, STOPPED, { digest: true }, wednesday + 60_000);

      expect((await h.boost.jobs.digest.runOnce(wednesday + 2 * 60_000)).decided).toBe(false);
      expect(dmsTo(h, STOPPED)).toHaveLength(0);
      await h.boost.jobs.digest.runOnce(wednesday + HOUR);
      expect(dmsTo(h, STOPPED)).toHaveLength(1);
      expect(recipients(h).sort()).toEqual([...ELIGIBLE, STOPPED].sort());
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
    let h: AnyBoostHarness;
    afterEach(async () => {
      await h.stop();
    });

    it('reaches each person at 09:00 on Monday on their own clock, asking Slack for their zone once', async () => {
      h = await start({}, new TestClock(WEDNESDAY), { runJobs: false });
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
      expect((await deliveries(h)).map((row) => row.iso_week)).toEqual(['2026-W11', '2026-W11', '2026-W11']);

      const lookups = h.slack.callsTo('users.info').map((call) => call.args.user);
      expect(lookups.filter((user) => user === 'UKIRITIMA')).toHaveLength(1);
      expect(lookups.filter((user) => user === 'UPAGOPAGO')).toHaveLength(1);
    });

    it('uses one zone for everyone when DIGEST_TIMEZONE names one, without asking Slack', async () => {
      h = await start({ DIGEST_TIMEZONE: 'Asia/Tokyo' }, new TestClock(WEDNESDAY), { runJobs: false });
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
});
