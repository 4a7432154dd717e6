import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/slack/ids.ts';
import { TestClock } from '../harness/boost.ts';
import { type AnyBoostHarness, forEachDatabase } from '../harness/databases.ts';
import {
  buttonsIn,
  click,
  createRequest,
  dayFromNow,
  isReplyTo,
  messageOf,
  optIn,
  type Posted,
  REQUESTER,
  requestRow,
  settled,
  updatesOf,
  visibleText,
} from '../harness/driver.ts';

forEachDatabase((start) => {
  describe('requests past their deadline', () => {
    let h: AnyBoostHarness;
    let posted: Posted;
    let deadline: number;
    beforeEach(async () => {
      h = await start({}, new TestClock(), { runJobs: false });
      posted = await createRequest(h, { title: 'Conference talk', deadline: dayFromNow(h, 2) });
      await optIn(h, 'UHELPER01', posted);
      await optIn(h, 'UHELPER02', posted);
      await click(h, 'UHELPER02', ACTIONS.markShared, posted);
      await settled(h);
      deadline = Number((await requestRow(h, posted.id))?.deadline_at);
    });
    afterEach(async () => {
      await h.stop();
    });

    it('stay open up to their deadline', async () => {
      expect(await h.boost.jobs.expiry.runOnce(deadline)).toEqual([]);
      expect((await requestRow(h, posted.id))?.status).toBe('open');
    });

    it('close by themselves once it has passed, and the message shows the final figures with no buttons', async () => {
      const updatesBefore = updatesOf(h, posted).length;
      expect(await h.boost.jobs.expiry.runOnce(deadline + 60_000)).toEqual([posted.id]);
      expect(await requestRow(h, posted.id)).toMatchObject({
        status: 'expired',
        closed_at: deadline + 60_000,
        closed_by: null,
      });

      await settled(h);
      expect(updatesOf(h, posted).length).toBe(updatesBefore + 1);
      const message = messageOf(h, posted);
      expect(buttonsIn(message.blocks)).toEqual([]);
      expect(visibleText(message)).toContain('2 in, 1 shared');
      expect(visibleText(message)).toContain('Ended at its deadline');
    });

    it('are expired once, even when runs repeat or Boost restarts', async () => {
      await h.boost.jobs.expiry.runOnce(deadline + 1);
      await settled(h);
      const updates = updatesOf(h, posted).length;
      await h.restart();
      expect(await h.boost.jobs.expiry.runOnce(deadline + 2)).toEqual([]);
      await settled(h);
      expect(updatesOf(h, posted).length).toBe(updates);
    });

    it('take no more help: a click on the old message is politely refused', async () => {
      const oldMessage = messageOf(h, posted);
      await h.boost.jobs.expiry.runOnce(deadline + 1);
      h.clock.set(deadline + 2);
      await click(h, 'UHELPER03', ACTIONS.optIn, posted, { message: oldMessage });
      const [reply] = await h.slack.waitFor(isReplyTo('UHELPER03'));
      expect(visibleText(reply?.args ?? {})).toContain('closed');
      expect((await requestRow(h, posted.id))?.status).toBe('expired');
    });

    it('are also closed by the minute tick, which reads the injected clock', async () => {
      h.clock.set(deadline + 60_000);
      await h.boost.jobs.scheduler.tick();
      expect((await requestRow(h, posted.id))?.status).toBe('expired');
    });

    it('leave a request its requester closed as closed', async () => {
      await click(h, REQUESTER, ACTIONS.close, posted);
      await h.boost.jobs.expiry.runOnce(deadline + 1);
      expect((await requestRow(h, posted.id))?.status).toBe('closed');
    });
  });
});
