import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/slack/ids.ts';
import { TEAM } from '../harness/boost.ts';
import { type AnyBoostHarness, forEachDatabase } from '../harness/databases.ts';
import {
  ackMessage,
  answerOf,
  buttonsIn,
  click,
  clickOnHome,
  command,
  eventually,
  isPostOf,
  openHome,
  type RequestRef,
  rows,
  submitForm,
  visibleText,
  waitForHome,
} from '../harness/driver.ts';
import type { RecordedCall } from '../harness/fake-slack.ts';

// A request whose channel post fails while Slack is having an outage: it stays out of everyone else's sight until it
// is in its channel, the minute tick posts it again with backoff kept in the database while Slack certainly did not
// post it, never posts it twice when Slack may have, and its requester can try again or cancel from their Home.
// The tick is run by hand (runOnce) at chosen times; the Web API client makes no quick retries of its own here.

const CHANNEL = 'C0OUTAGE1';
const REQUESTER = 'UASKER002';
const OTHER = 'UOTHER001';
const MINUTE = 60_000;
/** Long enough that a busy machine does not turn a 503 into a timeout, short enough for the timeout test. */
const TIMEOUT_MS = 1500;

let h: AnyBoostHarness;
afterEach(async () => {
  await h.stop();
});

interface PostingRow {
  id: number;
  status: string;
  message_ts: string | null;
  post_state: string | null;
  post_attempts: number;
  post_due_at: number | null;
  notice_due_at: number | null;
}

const requestNow = async () =>
  (
    await rows<PostingRow>(
      h,
      'select id, status, message_ts, post_state, post_attempts, post_due_at, notice_due_at from requests where requester_id = ? order by id desc limit 1',
      REQUESTER,
    )
  )[0] as PostingRow;

const channelPosts = () => h.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === CHANNEL);
const dmsToRequester = () => h.slack.dmsTo(REQUESTER);
/** The minute tick at `at`, with the clock there too. */
const tick = (at: number) => {
  h.clock.set(at);
  return h.boost.jobs.unposted.runOnce(at);
};

/** Submits the form while Slack fails; resolves once Boost has recorded the failed attempt. */
async function submitDuringOutage(): Promise<PostingRow> {
  const started = h.slack.calls.length;
  expect((await submitForm(h, REQUESTER, { title: 'Posted in an outage', channelId: CHANNEL })).status).toBe(200);
  await eventually(
    async () => {
      const now = await requestNow();
      return now?.post_state !== 'posting' && now;
    },
    10_000,
    'the failed post recorded',
  );
  // The requester's message about it has been tried too, and its outcome recorded.
  const [dm] = await h.slack.waitFor(
    (call) => dmsToRequester().includes(call) && h.slack.calls.indexOf(call) >= started,
    10_000,
  );
  if (!dm?.ok) await eventually(() => h.logs.some((line) => line.includes(`Could not tell ${REQUESTER}`)));
  return await requestNow();
}

async function listFor(userId: string): Promise<string> {
  return visibleText(ackMessage(await command(h, userId, 'list')));
}

async function mineOf(userId: string): Promise<{ text: string; blocks: unknown }> {
  const answer = ackMessage(await command(h, userId, 'mine'));
  return { text: visibleText(answer), blocks: answer.blocks };
}

forEachDatabase((startBoost) => {
  beforeEach(async () => {
    h = await startBoost({}, undefined, { runJobs: false, tuning: { webApiTimeoutMs: TIMEOUT_MS, webApiRetries: 0 } });
  });
  describe('a request whose post Slack certainly did not make (503s)', () => {
    it('is posted by the minute tick once Slack is back, with the backoff kept across a restart, and only then offered to others', async () => {
      h.slack.httpError('chat.postMessage', 503, 2);
      const start = h.clock.now();
      const failed = await submitDuringOutage();
      // Both the channel post and the message to the requester failed.
      expect(channelPosts().map((call) => call.status)).toEqual([503]);
      expect(dmsToRequester().map((call) => call.status)).toEqual([503]);
      expect(failed).toMatchObject({ status: 'open', message_ts: null, post_state: 'retry', post_attempts: 1 });
      expect(failed.post_due_at).toBe(start + MINUTE);
      expect(failed.notice_due_at).toBe(start + MINUTE);

      // Nobody else is offered it: not in /boost list, not on their Home.
      expect(await listFor(OTHER)).toContain('No open requests right now');
      const othersHome = await openHome(h, OTHER);
      expect(othersHome).not.toContain('Posted in an outage');
      expect(othersHome).not.toContain(ACTIONS.homeOptIn);

      await h.restart();
      await tick(start + MINUTE - 1);
      expect(channelPosts()).toHaveLength(1);

      const result = await tick(start + MINUTE);
      expect(result).toMatchObject({ retried: 1 });
      const posts = channelPosts().filter((call) => call.ok);
      expect(posts).toHaveLength(1);
      expect(await requestNow()).toMatchObject({
        message_ts: answerOf<{ ts: string }>(posts[0]).ts,
        post_state: null,
        notice_due_at: null,
      });
      // Told once it is in: no stale "could not post" afterwards.
      const told = dmsToRequester().filter((call) => call.ok);
      expect(told.map((call) => visibleText(call.args))).toEqual([expect.stringContaining('is now posted in')]);

      expect(await listFor(OTHER)).toContain('Posted in an outage');
      await tick(start + 2 * MINUTE);
      expect(channelPosts().filter((call) => call.ok)).toHaveLength(1);
    });

    it('waits twice as long after each failed retry, and the requester hears of it once', async () => {
      h.slack.httpError('chat.postMessage', 503, 1);
      const start = h.clock.now();
      await submitDuringOutage();
      expect(dmsToRequester().filter((call) => call.ok)).toHaveLength(1);

      h.slack.httpError('chat.postMessage', 503, 2);
      await tick(start + MINUTE);
      expect(await requestNow()).toMatchObject({
        post_state: 'retry',
        post_attempts: 2,
        post_due_at: start + 3 * MINUTE,
      });
      await tick(start + 3 * MINUTE);
      expect(await requestNow()).toMatchObject({
        post_state: 'retry',
        post_attempts: 3,
        post_due_at: start + 7 * MINUTE,
      });
      expect(channelPosts().map((call) => call.status)).toEqual([503, 503, 503]);
      expect(dmsToRequester()).toHaveLength(1);

      await tick(start + 7 * MINUTE);
      expect(channelPosts().filter((call) => call.ok)).toHaveLength(1);
    });

    it('is posted once when two ticks (two instances) find the same retry due', async () => {
      h.slack.httpError('chat.postMessage', 503, 1);
      const start = h.clock.now();
      await submitDuringOutage();
      await Promise.all([tick(start + MINUTE), tick(start + MINUTE)]);
      expect(channelPosts().filter((call) => call.ok)).toHaveLength(1);
    });
  });

  describe('a request Slack refuses to post for good', () => {
    it('stops retrying when a retry meets a channel Boost is not in, and tells the requester what to do', async () => {
      h.slack.httpError('chat.postMessage', 503, 1);
      const start = h.clock.now();
      await submitDuringOutage();
      h.slack.setChannel(CHANNEL, { member: false });

      await tick(start + MINUTE);
      expect(await requestNow()).toMatchObject({ post_state: 'refused', post_due_at: null, message_ts: null });
      const latest = dmsToRequester().at(-1) as RecordedCall;
      expect(visibleText(latest.args)).toContain('/invite @Boost');
      expect(buttonsIn(latest.args.blocks).map((b) => b.action_id)).toEqual([
        ACTIONS.retryPost,
        ACTIONS.cancelUnposted,
      ]);

      await tick(start + 24 * 60 * MINUTE);
      expect(channelPosts().map((call) => call.error ?? call.status)).toEqual(['http_503', 'not_in_channel']);
    });

    it.each([
      ['channel_not_found', { private: true, member: false }],
      ['is_archived', { archived: true }],
    ])('never retries by itself after %s', async (error, channel) => {
      h.slack.setChannel(CHANNEL, channel);
      const start = h.clock.now();
      expect(await submitDuringOutage()).toMatchObject({ post_state: 'refused', post_due_at: null });
      await tick(start + 24 * 60 * MINUTE);
      expect(channelPosts().map((call) => call.error)).toEqual([error]);
    });
  });

  describe('a request Slack may have posted (a timeout, a 500)', () => {
    it('is never posted again by the tick; the first click on the post that landed records it', async () => {
      h.slack.delay('chat.postMessage', 2 * TIMEOUT_MS);
      const start = h.clock.now();
      const failed = await submitDuringOutage();
      h.slack.delay('chat.postMessage', 0);
      expect(failed).toMatchObject({ post_state: 'unconfirmed', post_due_at: null });
      expect(visibleText(dmsToRequester()[0]?.args)).toContain('If you see it there, there is nothing to do');
      expect(await listFor(OTHER)).toContain('No open requests right now');

      await tick(start + 24 * 60 * MINUTE);
      expect(channelPosts()).toHaveLength(1);

      const landed: RequestRef = {
        id: failed.id,
        channel: CHANNEL,
        ts: answerOf<{ ts: string }>(channelPosts()[0]).ts,
      };
      await click(h, OTHER, ACTIONS.optIn, landed);
      await eventually(
        async () => (await requestNow()).message_ts === landed.ts,
        5000,
        'the landed message to be recorded',
      );
      expect((await requestNow()).post_state).toBeNull();
      expect(await listFor('UTHIRD001')).toContain('Posted in an outage');
    });

    it('becomes unconfirmed and its requester is told when an attempt never answered (the process stopped mid-post)', async () => {
      const start = h.clock.now();
      // Saved, with its first attempt claimed, and nothing after it: what a crash between the two leaves.
      const created = await h.boost.context.services.requests.create(
        {
          url: 'https://example.com/crash',
          title: 'Saved before a crash',
          ask: 'Have a look',
          suggestedText: null,
          networks: ['linkedin'],
          deadlineAt: start + 7 * 24 * 60 * MINUTE,
          channelId: CHANNEL,
        },
        { teamId: TEAM, userId: REQUESTER, now: start },
      );
      expect(created.ok).toBe(true);
      await tick(start + MINUTE);
      expect(await requestNow()).toMatchObject({ post_state: 'posting' });

      await tick(start + 5 * MINUTE);
      expect(await requestNow()).toMatchObject({ post_state: 'unconfirmed', notice_due_at: null });
      expect(channelPosts()).toEqual([]);
      const [told] = dmsToRequester();
      expect(visibleText(told?.args)).toContain('Slack never confirmed that it was posted');
      expect(buttonsIn(told?.args.blocks).map((b) => b.action_id)).toEqual([ACTIONS.retryPost, ACTIONS.cancelUnposted]);
    });

    it('tells the requester later, from the tick, when the message about it failed too', async () => {
      h.slack.httpError('chat.postMessage', 500, 1);
      h.slack.httpError('chat.postMessage', 503, 1);
      const start = h.clock.now();
      expect(await submitDuringOutage()).toMatchObject({ post_state: 'unconfirmed', notice_due_at: start + MINUTE });

      await tick(start + MINUTE);
      const told = dmsToRequester().filter((call) => call.ok);
      expect(told).toHaveLength(1);
      expect(visibleText(told[0]?.args)).toContain('Slack had a problem (`http_500`) and did not confirm');
      expect(await requestNow()).toMatchObject({ notice_due_at: null, message_ts: null });
      expect(channelPosts()).toHaveLength(1);
    });
  });

  describe("Try again and Cancel on the requester's own surfaces", () => {
    it('offers both on the Home and in /boost mine, and Try again on the Home posts it', async () => {
      h.slack.httpError('chat.postMessage', 500, 1);
      const failed = await submitDuringOutage();

      const mine = await mineOf(REQUESTER);
      expect(mine.text).toContain('nobody else sees it');
      expect(buttonsIn(mine.blocks).map((b) => b.action_id)).toEqual([ACTIONS.retryPost, ACTIONS.cancelUnposted]);

      const home = await openHome(h, REQUESTER);
      expect(home).toContain('nobody else sees it');
      expect(home).toContain(`"action_id":"${ACTIONS.retryPost}","value":"${failed.id}"`);
      expect(home).toContain(`"action_id":"${ACTIONS.cancelUnposted}","value":"${failed.id}"`);

      const publishes = h.slack.callsTo('views.publish').length;
      await clickOnHome(h, REQUESTER, ACTIONS.retryPost, String(failed.id));
      await h.slack.waitFor(isPostOf(failed.id));
      await eventually(async () => (await requestNow()).message_ts !== null, 5000, 'the message ts to be saved');
      await waitForHome(h, REQUESTER, publishes + 1);
      await eventually(
        () => JSON.stringify(h.slack.homeView(REQUESTER)?.blocks).includes(`Posted in <#${CHANNEL}>`),
        8000,
        'the Home to say it is posted',
      );
      expect(JSON.stringify(h.slack.homeView(REQUESTER)?.blocks)).not.toContain(ACTIONS.retryPost);
      expect(channelPosts().filter((call) => call.ok)).toHaveLength(1);
    });

    it('Cancel on the Home closes it, frees the open slot, and nothing is retried', async () => {
      h.slack.httpError('chat.postMessage', 503, 2);
      const start = h.clock.now();
      const failed = await submitDuringOutage();
      await openHome(h, REQUESTER);

      await clickOnHome(h, REQUESTER, ACTIONS.cancelUnposted, String(failed.id));
      expect(await requestNow()).toMatchObject({ status: 'closed', message_ts: null });
      await eventually(
        () => JSON.stringify(h.slack.homeView(REQUESTER)?.blocks).includes('Request cancelled'),
        8000,
        'the Home to say it is cancelled',
      );
      expect(await h.boost.context.repos.requests.countOpenBy(TEAM, REQUESTER)).toBe(0);
      await tick(start + 10 * MINUTE);
      expect(channelPosts()).toHaveLength(1);
    });
  });
});
