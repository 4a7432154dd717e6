import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/slack/ids.ts';
import { type AnyBoostHarness, forEachDatabase, startWithPacedRequest } from '../harness/databases.ts';
import {
  countsIn,
  crowdClicks,
  helpers,
  MIN_UPDATE_GAP_MS,
  messageOf,
  type Posted,
  rows,
  settled,
  updatesOf,
  visibleText,
} from '../harness/driver.ts';
import type { RecordedCall } from '../harness/fake-slack.ts';

forEachDatabase((start) => {
  describe('a burst of clicks on one request', () => {
    let h: AnyBoostHarness;
    let posted: Posted;
    beforeEach(async () => {
      ({ h, posted } = await startWithPacedRequest(start, 'Launch day'));
    });
    afterEach(async () => {
      await h.stop();
    });

    it('ends with the exact count after 200 people opt in at once, in a few paced updates', async () => {
      const crowd = helpers(200);

      const started = Date.now();
      await crowdClicks(
        h,
        posted,
        crowd.map((user) => [user, ACTIONS.optIn]),
      );
      const clickingMs = Date.now() - started;
      // Each private reply reads the person's settings and language after the ack: on a busy machine, on PostgreSQL, the
      // 200 of them take a while to go out.
      await h.slack.waitFor('response_url', 40_000, 200);
      await settled(h);

      expect(await rows(h, 'select count(*) as n from participations where request_id = ?', posted.id)).toEqual([
        { n: 200 },
      ]);
      expect(visibleText(messageOf(h, posted))).toContain('200 in, 0 shared');
      const updates = updatesOf(h, posted);
      // About one update per second of clicking, plus the last one: a handful, never one per click. (On a machine so
      // busy that the 200 clicks take more than 8 seconds to land, the bound grows with them.)
      expect(updates.length).toBeGreaterThanOrEqual(1);
      expect(updates.length).toBeLessThanOrEqual(Math.max(10, Math.ceil(clickingMs / 1000) + 2));
      for (let i = 1; i < updates.length; i++) {
        expect((updates[i]?.at ?? 0) - (updates[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(MIN_UPDATE_GAP_MS);
      }
      expect(countsIn(updates.at(-1) as RecordedCall)).toEqual([200, 0]);
      // Every opt-in got its own private reply, and only one.
      expect(new Set(h.slack.callsTo('response_url').map((call) => call.responseUrlId)).size).toBe(200);
    }, 90_000);
  });
});
