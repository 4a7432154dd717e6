import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/slack/ids.ts';
import { type BoostHarness, startBoost } from '../harness/boost.ts';
import type { RecordedCall } from '../harness/fake-slack.ts';
import {
  clickPayload,
  createRequest,
  isReplyTo,
  messageOf,
  type Posted,
  participationRows,
  rows,
  settled,
  updatesOf,
  visibleText,
} from './core-driver.ts';

/** About one update per second per message: the app paces sends, the fake records arrivals, so allow for transit. */
const MIN_UPDATE_GAP_MS = 900;

const helpers = (count: number, prefix = 'UCROWD') =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);

/**
 * Presses a button for each person at once, as a crowd does; every click must be acked. "Withdraw" is only in each
 * person's private reply, so it is clicked there.
 */
async function crowdClicks(h: BoostHarness, posted: Posted, clicks: Array<[string, string]>): Promise<void> {
  const payloads = clicks.map(([userId, actionId]) =>
    clickPayload(h, userId, actionId, posted, { container: actionId === ACTIONS.withdraw ? 'ephemeral' : 'message' }),
  );
  const answers = await Promise.all(payloads.map((payload) => h.sender.interact(payload)));
  expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
}

/** The counts line of a rendered request, as the channel reads it. */
const countsIn = (call: RecordedCall) => /(\d+) in, (\d+) shared/.exec(String(call.args.text))?.slice(1).map(Number);

describe('the request message as people click', () => {
  let h: BoostHarness;
  let posted: Posted;
  beforeEach(async () => {
    h = await startBoost();
    posted = await createRequest(h, { title: 'Launch day' });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('ends with the exact count after 200 people opt in at once, in a few updates never sent in parallel', async () => {
    // Each update takes a moment to answer, so overlapping updates would show as calls arriving before the last answered.
    const answerTimeMs = 100;
    h.slack.delay('chat.update', answerTimeMs);
    const crowd = helpers(200);

    await crowdClicks(
      h,
      posted,
      crowd.map((user) => [user, ACTIONS.optIn]),
    );
    await h.slack.waitFor('response_url', 10_000, 200);
    await settled(h);

    expect(rows(h, 'select count(*) as n from participations where request_id = ?', posted.id)).toEqual([{ n: 200 }]);
    expect(visibleText(messageOf(h, posted))).toContain('200 in, 0 shared');
    const updates = updatesOf(h, posted);
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.length).toBeLessThanOrEqual(10);
    for (let i = 1; i < updates.length; i++) {
      expect(updates[i]?.at).toBeGreaterThanOrEqual((updates[i - 1]?.at ?? 0) + answerTimeMs);
    }
    expect(countsIn(updates[updates.length - 1] as RecordedCall)).toEqual([200, 0]);
    // Every opt-in got its own private reply, and only one.
    expect(new Set(h.slack.callsTo('response_url').map((call) => call.responseUrlId)).size).toBe(200);
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
    await settled(h);

    const stored = participationRows(h, posted.id);
    expect(stored).toHaveLength(45);
    expect(stored.filter((row) => row.shared_at !== null)).toHaveLength(20);
    expect(visibleText(messageOf(h, posted))).toContain('45 in, 20 shared');
    expect(countsIn(updatesOf(h, posted).at(-1) as RecordedCall)).toEqual([45, 20]);
  });

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

  it('sends one more update when people click while an update is on its way, so the last one is exact', async () => {
    h.slack.delay('chat.update', 300);

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
    expect(visibleText(messageOf(h, posted))).toContain('4 in, 3 shared');
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
