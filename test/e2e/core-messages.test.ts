import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/slack/ids.ts';
import { type AnyBoostHarness, forEachDatabase, startWithPacedRequest } from '../harness/databases.ts';
import {
  countsIn,
  createRequest,
  crowdClicks,
  eventually,
  helpers,
  isReplyTo,
  MIN_UPDATE_GAP_MS,
  messageOf,
  type Posted,
  participationRows,
  settled,
  updatesOf,
  visibleText,
} from '../harness/driver.ts';
import type { RecordedCall } from '../harness/fake-slack.ts';

forEachDatabase((start) => {
  describe('the request message as people click', () => {
    let h: AnyBoostHarness;
    let posted: Posted;
    beforeEach(async () => {
      h = await start();
      posted = await createRequest(h, { title: 'Launch day' });
    });
    afterEach(async () => {
      await h.stop();
    });

    it('shows the exact final figures after a mixed burst of opt-ins, shares and withdrawals', async () => {
      const crowd = helpers(60);
      await crowdClicks(
        h,
        posted,
        crowd.map((user) => [user, ACTIONS.optIn]),
      );
      await crowdClicks(h, posted, [
        ...crowd.slice(0, 20).map((user): [string, string] => [user, ACTIONS.markShared]),
        ...crowd.slice(40).map((user): [string, string] => [user, ACTIONS.withdraw]),
        ...helpers(5, 'ULATE').map((user): [string, string] => [user, ACTIONS.optIn]),
      ]);
      const stored = await participationRows(h, posted.id);
      expect(stored).toHaveLength(45);
      expect(stored.filter((row) => row.shared_at !== null)).toHaveLength(20);
      // The last update may wait for its pace, or for the sweep of due work, before it goes out.
      await eventually(
        () => visibleText(messageOf(h, posted)).includes('45 in, 20 shared'),
        15_000,
        'the final figures',
      );
      await settled(h);
      expect(countsIn(updatesOf(h, posted).at(-1) as RecordedCall)).toEqual([45, 20]);
    }, 60_000);

    it('waits as long as Slack asks after a rate limit, then shows the exact final state', async () => {
      h.slack.rateLimit('chat.update', 2);

      await crowdClicks(h, posted, [['UFIRST001', ACTIONS.optIn]]);
      const [limited] = await h.slack.waitFor('chat.update');
      expect(limited?.status).toBe(429);
      await crowdClicks(
        h,
        posted,
        helpers(4, 'UNEXT').map((user) => [user, ACTIONS.optIn]),
      );
      await settled(h);

      const updates = updatesOf(h, posted);
      expect(updates.map((call) => call.status)).toEqual([429, 200]);
      // Retry-After: 2 seconds, counted from the refusal; a little slack for the clock's granularity only.
      expect(updates[1]?.at).toBeGreaterThanOrEqual((limited?.at ?? 0) + 2000 - 5);
      expect(countsIn(updates[1] as RecordedCall)).toEqual([5, 0]);
      expect(visibleText(messageOf(h, posted))).toContain('5 in, 0 shared');
    });

    it("holds back every message's update in the workspace while Slack's Retry-After for chat.update runs", async () => {
      const other = await createRequest(h, { title: 'Other launch' });
      h.slack.rateLimit('chat.update', 2);

      await crowdClicks(h, posted, [['UFIRST001', ACTIONS.optIn]]);
      const [limited] = await h.slack.waitFor('chat.update');
      expect(limited?.status).toBe(429);
      await crowdClicks(h, other, [['USECOND01', ACTIONS.optIn]]);
      await settled(h);

      // Slack limits chat.update per workspace: the other message waits out the same pause, then both end exact.
      const otherUpdates = updatesOf(h, other);
      expect(otherUpdates.map((call) => call.status)).toEqual([200]);
      expect(otherUpdates[0]?.at).toBeGreaterThanOrEqual((limited?.at ?? 0) + 2000 - 5);
      expect(countsIn(otherUpdates[0] as RecordedCall)).toEqual([1, 0]);
      expect(countsIn(updatesOf(h, posted).at(-1) as RecordedCall)).toEqual([1, 0]);
    });

    it('never sends an update while the last one is on its way, and then sends one more with the exact state', async () => {
      // Slack takes longer to answer than the pace between updates: only waiting for the answer keeps them apart.
      const answerMs = 1500;
      h.slack.delay('chat.update', answerMs);

      await crowdClicks(h, posted, [['UFIRST001', ACTIONS.optIn]]);
      await h.slack.waitFor('chat.update');
      await crowdClicks(
        h,
        posted,
        helpers(3, 'UNEXT').map((user) => [user, ACTIONS.markShared]),
      );
      await settled(h);

      const updates = updatesOf(h, posted);
      expect(updates.map(countsIn)).toEqual([
        [1, 0],
        [4, 3],
      ]);
      expect((updates[1]?.at ?? 0) - (updates[0]?.at ?? 0)).toBeGreaterThanOrEqual(answerMs);
      expect(visibleText(messageOf(h, posted))).toContain('4 in, 3 shared');
    });

    it('keeps every request message up to date on its own', async () => {
      const other = await createRequest(h, { title: 'Hiring post', url: 'https://example.com/jobs/1' }, 'UREQ0002');

      await Promise.all([
        crowdClicks(
          h,
          posted,
          helpers(10, 'UA').map((user) => [user, ACTIONS.optIn]),
        ),
        crowdClicks(
          h,
          other,
          helpers(7, 'UB').map((user) => [user, ACTIONS.markShared]),
        ),
      ]);
      await settled(h);

      expect(visibleText(messageOf(h, posted))).toContain('10 in, 0 shared');
      expect(visibleText(messageOf(h, other))).toContain('7 in, 7 shared');
    });
  });

  describe('the pace of a request message', () => {
    let h: AnyBoostHarness;
    let posted: Posted;
    beforeEach(async () => {
      ({ h, posted } = await startWithPacedRequest(start, 'Launch day'));
    });
    afterEach(async () => {
      await h.stop();
    });

    it('keeps to about one update per second when clicks trickle in one after another', async () => {
      for (const user of helpers(5, 'UTRICKLE')) {
        await crowdClicks(h, posted, [[user, ACTIONS.optIn]]);
        await h.slack.waitFor(isReplyTo(user));
      }
      await settled(h);

      const updates = updatesOf(h, posted);
      for (let i = 1; i < updates.length; i++) {
        expect((updates[i]?.at ?? 0) - (updates[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(MIN_UPDATE_GAP_MS);
      }
      expect(countsIn(updates.at(-1) as RecordedCall)).toEqual([5, 0]);
    });
  });
});
