import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/slack/ids.ts';
import { TestClock } from '../harness/boost.ts';
import { type AnyBoostHarness, forEachDatabase } from '../harness/databases.ts';
import {
  allDms,
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
  participationRows,
  REQUESTER,
  rows,
  visibleText,
} from '../harness/driver.ts';
import type { RecordedCall } from '../harness/fake-slack.ts';

const ASKER = 'UREMIND01';
const OTHER = 'UOTHER001';

/** Opts in, then presses "Remind me before the deadline" in the private reply; returns the reply that replaced it. */
async function askForReminder(h: AnyBoostHarness, userId: string, posted: Posted): Promise<RecordedCall> {
  const reply = await optIn(h, userId, posted);
  const before = h.slack.calls.filter(isReplyTo(userId)).length;
  await click(h, userId, ACTIONS.remindMe, posted, { container: 'ephemeral', blocks: reply.args.blocks });
  const replies = await h.slack.waitFor(isReplyTo(userId), 5000, before + 1);
  return replies[replies.length - 1] as RecordedCall;
}

async function deadlineOf(h: AnyBoostHarness, posted: Posted): Promise<number> {
  return Number(
    (await rows<{ deadline_at: number }>(h, 'select deadline_at from requests where id = ?', posted.id))[0]
      ?.deadline_at,
  );
}

forEachDatabase((start) => {
  describe('reminders before the deadline', () => {
    let h: AnyBoostHarness;
    let posted: Posted;
    beforeEach(async () => {
      h = await start({}, new TestClock(), { runJobs: false });
      posted = await createRequest(h, { title: 'Launch post', deadline: dayFromNow(h, 3) });
    });
    afterEach(async () => {
      await h.stop();
    });

    it('replaces the private reply in place to show the reminder is set, without the button', async () => {
      const reply = await askForReminder(h, ASKER, posted);
      expect(reply.args.replace_original).toBe(true);
      expect(visibleText(reply.args)).toContain('one reminder a day before the deadline');
      expect(buttonsIn(reply.args.blocks).map((b) => b.action_id)).not.toContain(ACTIONS.remindMe);
      expect((await participationRows(h, posted.id))[0]).toMatchObject({
        user_id: ASKER,
        remind_me: 1,
        reminded_at: null,
      });
    });

    it('sends exactly one DM about a day before the deadline, even across repeated runs and a restart', async () => {
      await askForReminder(h, ASKER, posted);
      const deadline = await deadlineOf(h, posted);

      h.clock.set(deadline - DAY - HOUR);
      await h.boost.jobs.reminders.runOnce(h.clock.now());
      expect(dmsTo(h, ASKER)).toHaveLength(0);

      h.clock.set(deadline - DAY + 60_000);
      await h.boost.jobs.reminders.runOnce(h.clock.now());
      expect(dmsTo(h, ASKER)).toHaveLength(1);
      const [reminder] = dmsTo(h, ASKER);
      expect(reminder?.args.channel).toBe(ASKER);
      expect(visibleText(reminder?.args ?? {})).toContain('Launch post');
      expect(buttonsIn(reminder?.args.blocks).map((b) => b.action_id)).toContain(ACTIONS.markShared);

      await h.boost.jobs.reminders.runOnce(h.clock.now() + HOUR);
      await h.restart();
      await h.boost.jobs.reminders.runOnce(h.clock.now() + 2 * HOUR);
      expect(dmsTo(h, ASKER)).toHaveLength(1);
      expect((await participationRows(h, posted.id))[0]?.reminded_at).toBe(deadline - DAY + 60_000);
    });

    it('catches up after downtime while the deadline is still ahead, and not once it has passed', async () => {
      await askForReminder(h, ASKER, posted);
      const later = await createRequest(h, { title: 'Later', deadline: dayFromNow(h, 5) }, 'UREQ0002');
      await askForReminder(h, OTHER, later);

      // Boost was down from before the first reminder window until two hours before that deadline.
      await h.boost.jobs.reminders.runOnce((await deadlineOf(h, posted)) - 2 * HOUR);
      expect(dmsTo(h, ASKER)).toHaveLength(1);

      // Down again through the whole window of the later request: past its deadline, a reminder would only nag.
      const deadline = await deadlineOf(h, later);
      await h.boost.jobs.expiry.runOnce(deadline + 1);
      await h.boost.jobs.reminders.runOnce(deadline + 1);
      expect(dmsTo(h, OTHER)).toHaveLength(0);
    });

    it('sends nothing to someone who shared before the reminder was due', async () => {
      await askForReminder(h, ASKER, posted);
      await click(h, ASKER, ACTIONS.markShared, posted);
      await h.boost.jobs.reminders.runOnce((await deadlineOf(h, posted)) - 12 * HOUR);
      expect(dmsTo(h, ASKER)).toHaveLength(0);
    });

    it('sends nothing to someone who withdrew', async () => {
      const reply = await askForReminder(h, ASKER, posted);
      await click(h, ASKER, ACTIONS.withdraw, posted, { container: 'ephemeral', blocks: reply.args.blocks });
      expect(await participationRows(h, posted.id)).toHaveLength(0);
      await h.boost.jobs.reminders.runOnce((await deadlineOf(h, posted)) - 12 * HOUR);
      expect(dmsTo(h, ASKER)).toHaveLength(0);
    });

    it('sends nothing once the request was closed', async () => {
      await askForReminder(h, ASKER, posted);
      await click(h, REQUESTER, ACTIONS.close, posted);
      await h.boost.jobs.reminders.runOnce((await deadlineOf(h, posted)) - 12 * HOUR);
      expect(dmsTo(h, ASKER)).toHaveLength(0);
    });

    it('reminds nobody else: not other helpers, not the requester', async () => {
      await askForReminder(h, ASKER, posted);
      await optIn(h, OTHER, posted);
      await optIn(h, 'UOTHER002', posted);
      await h.boost.jobs.reminders.runOnce((await deadlineOf(h, posted)) - 12 * HOUR);
      expect(allDms(h).map((call) => call.args.channel)).toEqual([ASKER]);
    });

    it('never sends a reminder twice when two runs overlap', async () => {
      await askForReminder(h, ASKER, posted);
      await askForReminder(h, OTHER, posted);
      h.slack.delay('chat.postMessage', 300);
      const now = (await deadlineOf(h, posted)) - 12 * HOUR;
      await Promise.all([h.boost.jobs.reminders.runOnce(now), h.boost.jobs.reminders.runOnce(now)]);
      expect(dmsTo(h, ASKER)).toHaveLength(1);
      expect(dmsTo(h, OTHER)).toHaveLength(1);
    });

    it('gives a reminder back while it waits out a rate limit, so an instance dying meanwhile leaves it due', async () => {
      await askForReminder(h, ASKER, posted);
      // Three seconds of pause: time enough to look at the claim while it lasts, even on a busy machine.
      h.slack.rateLimit('chat.postMessage', 3);
      const run = h.boost.jobs.reminders.runOnce((await deadlineOf(h, posted)) - 12 * HOUR);
      await h.slack.waitFor((call) => call.method === 'chat.postMessage' && !call.ok);
      await eventually(async () => (await participationRows(h, posted.id))[0]?.reminded_at === null);
      expect((await run).sent).toBe(1);
      expect(dmsTo(h, ASKER)).toHaveLength(1);
      expect((await participationRows(h, posted.id))[0]?.reminded_at).not.toBeNull();
    });

    it('waits as long as Slack asks when rate limited, then sends the reminder once', async () => {
      await askForReminder(h, ASKER, posted);
      h.slack.rateLimit('chat.postMessage', 1);
      const started = Date.now();
      await h.boost.jobs.reminders.runOnce((await deadlineOf(h, posted)) - 12 * HOUR);
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(h.slack.dmsTo(ASKER).map((call) => call.status)).toEqual([429, 200]);
    });

    it('skips a helper Slack cannot reach and still reminds the others', async () => {
      await askForReminder(h, ASKER, posted);
      await askForReminder(h, OTHER, posted);
      h.slack.fail('chat.postMessage', 'account_inactive', { when: (args) => args.channel === ASKER });
      await h.boost.jobs.reminders.runOnce((await deadlineOf(h, posted)) - 12 * HOUR);
      expect(dmsTo(h, OTHER)).toHaveLength(1);
      expect(h.logs.some((line) => line.includes('account_inactive'))).toBe(true);
      await h.boost.jobs.reminders.runOnce((await deadlineOf(h, posted)) - 11 * HOUR);
      expect(h.slack.dmsTo(ASKER)).toHaveLength(1);
    });

    it('does not offer or set a reminder when less than a day is left', async () => {
      const soon = await createRequest(h, { title: 'Tonight', deadline: dayFromNow(h, 0) }, 'UREQ0003');
      const reply = await optIn(h, ASKER, soon);
      expect(buttonsIn(reply.args.blocks).map((b) => b.action_id)).not.toContain(ACTIONS.remindMe);
    });
  });
});
