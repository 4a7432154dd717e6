import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appHomeOpened } from '../../src/playground/payloads.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { TEST_TOKEN } from '../harness/boost.ts';
import { type AnyBoostHarness, forEachDatabase } from '../harness/databases.ts';
import {
  answerOf,
  click,
  command,
  createRequest,
  eventually,
  expectedCounts,
  isPostOf,
  latestRequestOf,
  type Posted,
  participationRows,
  type RequestRef,
  repliesTo,
  rows,
  stillServes,
  submitForm,
  visibleText,
} from '../harness/driver.ts';
import type { RecordedCall } from '../harness/fake-slack.ts';

// Slack's Web API failing in every way issue 4 lists, injected through the fake: each case ends in a clear message to
// the person who acted (or a log line for background work), with bounded retries, no lost or half-written state, and
// the app still serving. In the tests of timeouts the Web API timeout is shortened to two seconds, so that timeouts
// take no longer than that (and no less: on a busy machine an answer in time must not look like a timeout).

const CHANNEL = 'C0BOOST01';
const REQUESTER = { userId: 'UASKER001' };

let h: AnyBoostHarness;
/** Production's Web API timeout, unless a group of tests shortens it. */
let webApiTimeoutMs: number | undefined;
afterEach(async () => {
  await h.stop();
});

const logged = (level: string, pattern: RegExp) =>
  h.logs.filter((line) => line.startsWith(level) && pattern.test(line));
const channelPosts = () => h.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === CHANNEL);
const dmsTo = (userId: string) => h.slack.dmsTo(userId);
const updatesOf = (request: Posted) => h.slack.callsTo('chat.update').filter((call) => call.args.ts === request.ts);

async function unpostedRow() {
  const [row] = await rows<{ status: string; message_ts: string | null }>(
    h,
    'select status, message_ts from requests where requester_id = ? order by id desc limit 1',
    REQUESTER.userId,
  );
  return row;
}

/** Submits the form while the channel post fails; answers the DM the requester got about it. */
async function submitUnposted(): Promise<RecordedCall> {
  const response = await submitForm(h, REQUESTER, { channelId: CHANNEL });
  expect(response.status).toBe(200);
  const [dm] = await h.slack.waitFor((call) => dmsTo(REQUESTER.userId).includes(call), 10_000);
  return dm as RecordedCall;
}

/** The counts on the message end up equal to the database's. */
async function countsEndExact(request: RequestRef, timeoutMs = 15_000): Promise<void> {
  await eventually(
    async () => visibleText(h.slack.message(request.channel, request.ts)).includes(await expectedCounts(h, request.id)),
    timeoutMs,
    'the message to show the counts the database holds',
  );
}

async function clickMany(request: Posted, prefix: string, n: number): Promise<void> {
  const responses = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      click(h, { userId: `${prefix}${String(i).padStart(3, '0')}` }, ACTIONS.optIn, request),
    ),
  );
  expect(responses.map(({ response }) => response.status)).toEqual(Array(n).fill(200));
}

forEachDatabase((startBoost) => {
  beforeEach(async () => {
    h = await startBoost({}, undefined, { tuning: { webApiTimeoutMs } });
  });
  describe('rate limits (429 with Retry-After)', () => {
    it('posts a request once Slack lets it, after waiting as Retry-After says', async () => {
      h.slack.rateLimit('chat.postMessage', 1, 1);
      const request = await createRequest(h, { channelId: CHANNEL }, REQUESTER);
      expect(channelPosts().map((call) => call.status)).toEqual([429, 200]);
      expect(h.slack.messages(CHANNEL).filter((m) => m.ts === request.ts)).toHaveLength(1);
      await stillServes(h);
    });

    it('keeps the counts exact when message updates are rate limited during a burst of clicks', async () => {
      const request = await createRequest(h, { channelId: CHANNEL }, REQUESTER);
      h.slack.rateLimit('chat.update', 1, 2);
      await clickMany(request, 'URATE', 12);
      await countsEndExact(request);
      expect(await expectedCounts(h, request.id)).toBe('12 in, 0 shared');
      // Coalesced: far fewer updates than clicks, rate-limited ones included.
      expect(updatesOf(request).length).toBeLessThan(8);
      expect(logged('warn', /Could not update the message of request \d+ \(ratelimited\); trying again/)).not.toEqual(
        [],
      );
    });
    it('waits out rate limits on a message update however often they come, past the attempts other failures get', async () => {
      const request = await createRequest(h, { channelId: CHANNEL }, REQUESTER);
      h.slack.rateLimit('chat.update', 1, 8);
      await click(h, { userId: 'URATE1' }, ACTIONS.optIn, request);
      await eventually(() => updatesOf(request).some((call) => call.status === 200), 20_000, 'the update to go out');
      expect(updatesOf(request).map((call) => call.status)).toEqual([...Array(8).fill(429), 200]);
      expect(await expectedCounts(h, request.id)).toBe('1 in, 0 shared');
      expect(logged('error', /Gave up updating/)).toEqual([]);
    }, 30_000);
  });

  describe('HTTP 500 and 503', () => {
    it('posts a request after a 503, which promises nothing was done, by trying again', async () => {
      h.slack.httpError('chat.postMessage', 503, 1);
      const request = await createRequest(h, { channelId: CHANNEL }, REQUESTER);
      expect(channelPosts().map((call) => call.status)).toEqual([503, 200]);
      expect((await unpostedRow())?.message_ts).toBe(request.ts);
    });

    it('does not send a post again after a 500 (it may have gone through), and tells the requester, who can try again', async () => {
      h.slack.httpError('chat.postMessage', 500, 1);
      const dm = await submitUnposted();
      expect(channelPosts()).toHaveLength(1);
      expect(visibleText(dm.args)).toContain('Slack had a problem (`http_500`)');
      expect(await unpostedRow()).toEqual({ status: 'open', message_ts: null });
      // "Try again" in that DM posts it.
      const id = (await latestRequestOf(h, REQUESTER))?.id ?? 0;
      const retry = await click(
        h,
        REQUESTER,
        ACTIONS.retryPost,
        { id, teamId: 'T0G9PQBBK', channel: String(dm.args.channel), ts: '1.1' },
        { container: 'ephemeral' },
      );
      expect(retry.response.status).toBe(200);
      await h.slack.waitFor(isPostOf(id));
      await eventually(async () => (await unpostedRow())?.message_ts, 5000, 'the message ts to be saved');
      expect(channelPosts().filter((call) => call.ok)).toHaveLength(1);
    });

    it('brings the counts back after message updates fail with 503s, retrying with backoff', async () => {
      const request = await createRequest(h, { channelId: CHANNEL }, REQUESTER);
      h.slack.httpError('chat.update', 503, 6);
      await clickMany(request, 'U503X', 3);
      await countsEndExact(request);
      expect(logged('warn', /\(http_503\); trying again in \d+ ms/)).not.toEqual([]);
    });

    it('gives up after a bounded number of failed updates, logs it, and the next click brings the counts back', async () => {
      const request = await createRequest(h, { channelId: CHANNEL }, REQUESTER);
      h.slack.httpError('chat.update', 500, 6);
      await click(h, { userId: 'U500A' }, ACTIONS.optIn, request);
      await eventually(
        () => logged('error', /Gave up updating the message of request \d+ after 6 attempts: http_500/).length > 0,
        15_000,
        'the give-up log line',
      );
      // A 500 is not retried by the Web API client (the update may have been applied); the updater tries 6 times.
      expect(updatesOf(request)).toHaveLength(6);
      expect(await participationRows(h, request.id)).toHaveLength(1);
      // Slack recovers; nothing more is sent until something changes, and then the counts are exact again.
      await click(h, { userId: 'U500B' }, ACTIONS.optIn, request);
      await countsEndExact(request);
      expect(await expectedCounts(h, request.id)).toBe('2 in, 0 shared');
    });
  });

  describe('timeouts', () => {
    beforeAll(() => {
      webApiTimeoutMs = 2000;
    });
    afterAll(() => {
      webApiTimeoutMs = undefined;
    });

    it('never posts a request twice when Slack answers too late, and tells the requester what to check', async () => {
      h.slack.delay('chat.postMessage', 5000);
      const dm = await submitUnposted();
      // The fake applied the post when it arrived; the late answer was not taken for a failure worth repeating.
      expect(channelPosts()).toHaveLength(1);
      expect(visibleText(dm.args)).toContain('did not confirm in time');
      expect(logged('warn', /Could not post request \d+ in C0BOOST01: timeout/)).toHaveLength(1);
      h.slack.delay('chat.postMessage', 0);
      await stillServes(h);
    });

    it('finds a timed-out post that did land at its first click, keeps it current, and never posts it again', async () => {
      h.slack.delay('chat.postMessage', 5000);
      const dm = await submitUnposted();
      h.slack.delay('chat.postMessage', 0);
      const [landed] = channelPosts();
      const request: RequestRef = {
        id: Number((await latestRequestOf(h, REQUESTER))?.id),
        channel: CHANNEL,
        ts: answerOf<{ ts: string }>(landed).ts,
      };

      await click(h, { userId: 'ULANDED01' }, ACTIONS.optIn, request);
      await eventually(async () => (await unpostedRow())?.message_ts === request.ts, 5000, 'the message to be found');
      await countsEndExact(request);
      expect(logged('info', /found its message in C0BOOST01 through a click on it/)).toHaveLength(1);

      const dmRef = { id: request.id, teamId: 'T0G9PQBBK', channel: String(dm.args.channel), ts: '1.1' };
      await click(h, REQUESTER, ACTIONS.retryPost, dmRef, { container: 'ephemeral' });
      await eventually(
        () => repliesTo(h, REQUESTER.userId).some((call) => visibleText(call.args).includes('Already posted')),
        5000,
        'the answer to Try again',
      );
      expect(channelPosts()).toHaveLength(1);
    });

    it('tries a timed-out message update again, so the counts end exact', async () => {
      const request = await createRequest(h, { channelId: CHANNEL }, REQUESTER);
      h.slack.delay('chat.update', 5000);
      await click(h, { userId: 'USLOW001' }, ACTIONS.optIn, request);
      await eventually(() => logged('warn', /\(timeout\); trying again/).length > 0, 10_000, 'the retry log line');
      h.slack.delay('chat.update', 0);
      await eventually(
        () => updatesOf(request).length >= 2 && h.boost.context.updater.pending === 0,
        10_000,
        'the retry',
      );
      await countsEndExact(request);
    });

    it('tells the person to run the command again when the form times out opening', async () => {
      h.slack.delay('views.open', 5000);
      const response = await command(h, { userId: 'UFORM001' }, '');
      expect(response.status).toBe(200);
      const [reply] = await eventually(() => {
        const replies = repliesTo(h, 'UFORM001');
        return replies.length > 0 && replies;
      });
      expect(visibleText(reply?.args)).toContain('Please run the command again');
      h.slack.delay('views.open', 0);
      await stillServes(h);
    });
  });

  describe('channels Boost cannot post in', () => {
    it.each([
      ['not_in_channel', { member: false }, 'Type `/invite @Boost` in that channel'],
      ['channel_not_found', { private: true, member: false }, "I can't see"],
      ['is_archived', { archived: true }, 'is archived'],
    ])('keeps the request and tells the requester what to do on %s', async (error, channel, advice) => {
      h.slack.setChannel(CHANNEL, channel);
      const dm = await submitUnposted();
      expect(channelPosts().map((call) => call.error)).toEqual([error]);
      expect(visibleText(dm.args)).toContain(advice);
      expect(await unpostedRow()).toEqual({ status: 'open', message_ts: null });
      h.slack.setChannel(CHANNEL, { member: true, private: false, archived: false });
      await stillServes(h);
    });
  });

  describe('a request message that was deleted (message_not_found)', () => {
    it('keeps counting clicks and answering them privately, and stops updating the message quietly', async () => {
      const request = await createRequest(h, { channelId: CHANNEL }, REQUESTER);
      const deleted = await fetch(`${h.slack.apiUrl}chat.delete`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ channel: request.channel, ts: request.ts }),
      });
      expect(((await deleted.json()) as { ok: boolean }).ok).toBe(true);

      await click(h, { userId: 'UGONE001' }, ACTIONS.optIn, request);
      await eventually(() => logged('info', /message of request \d+ is gone \(message_not_found\)/).length > 0);
      await clickMany(request, 'UGONE1', 3);
      await click(h, { userId: 'UGONE001' }, ACTIONS.markShared, request);
      await h.settle();

      expect(await participationRows(h, request.id)).toHaveLength(4);
      for (const userId of ['UGONE001', 'UGONE1000', 'UGONE1001', 'UGONE1002']) {
        expect(repliesTo(h, userId).some((call) => call.ok)).toBe(true);
      }
      expect(updatesOf(request)).toHaveLength(1);
      expect(dmsTo(REQUESTER.userId)).toEqual([]);
      expect(logged('error', /request/)).toEqual([]);
      await stillServes(h);
    });
  });

  describe('a channel archived after its request was posted (is_archived on update)', () => {
    it('keeps counting clicks and answering them, and logs each update Slack refuses', async () => {
      const request = await createRequest(h, { channelId: CHANNEL }, REQUESTER);
      h.slack.setChannel(CHANNEL, { archived: true });
      await clickMany(request, 'UARCH', 3);
      await eventually(() => logged('error', /Could not update the message of request \d+: is_archived/).length > 0);
      await h.settle();
      expect(await participationRows(h, request.id)).toHaveLength(3);
      expect(['UARCH000', 'UARCH001', 'UARCH002'].every((userId) => repliesTo(h, userId).some((call) => call.ok))).toBe(
        true,
      );
      // Refusals are not retried: one update per change at most, coalesced.
      expect(updatesOf(request).length).toBeLessThanOrEqual(3);
      h.slack.setChannel(CHANNEL, { archived: false });
      await click(h, { userId: 'UARCH003' }, ACTIONS.optIn, request);
      await countsEndExact(request);
    });
  });

  describe('people Slack cannot reach (user_not_found, cannot_dm_bot)', () => {
    it('logs it when the requester of an unposted request cannot be told, and keeps the request', async () => {
      h.slack.setChannel(CHANNEL, { member: false });
      h.slack.fail('chat.postMessage', 'user_not_found', { when: (args) => args.channel === REQUESTER.userId });
      const response = await submitForm(h, REQUESTER, { channelId: CHANNEL });
      expect(response.status).toBe(200);
      await eventually(() => logged('error', /Could not tell UASKER001 about request \d+: user_not_found/).length > 0);
      expect(await unpostedRow()).toEqual({ status: 'open', message_ts: null });
      h.slack.setChannel(CHANNEL, { member: true });
      await stillServes(h);
    });

    it('thanks every helper it can reach and tells the requester how many it could not, without retrying them', async () => {
      const request = await createRequest(h, { channelId: CHANNEL }, REQUESTER);
      for (const userId of ['UTHANKS1', 'UBOTUSER', 'UREMOVED'])
        await click(h, { userId }, ACTIONS.markShared, request);
      h.slack.fail('chat.postMessage', 'cannot_dm_bot', { when: (args) => args.channel === 'UBOTUSER', times: 5 });
      h.slack.removeUser('UREMOVED');
      h.slack.fail('chat.postMessage', 'user_not_found', { when: (args) => args.channel === 'UREMOVED', times: 5 });

      await click(h, REQUESTER, ACTIONS.sendThanks, request, { container: 'ephemeral' });
      const [confirmation] = await eventually(() => {
        const replies = repliesTo(h, REQUESTER.userId).filter((call) => visibleText(call.args).includes('Thanked'));
        return replies.length > 0 && replies;
      });
      expect(visibleText(confirmation?.args)).toContain('Thanked 1 person');
      expect(visibleText(confirmation?.args)).toContain('2 messages could not be delivered');
      expect(dmsTo('UTHANKS1').filter((call) => call.ok)).toHaveLength(1);

      await click(h, REQUESTER, ACTIONS.sendThanks, request, { container: 'ephemeral' });
      await eventually(() =>
        repliesTo(h, REQUESTER.userId).some((call) => visibleText(call.args).includes('thanked already')),
      );
      expect(dmsTo('UBOTUSER')).toHaveLength(1);
      expect(dmsTo('UREMOVED')).toHaveLength(1);
    });

    it('still opens the form when Slack no longer knows the person (users.info: user_not_found)', async () => {
      h.slack.fail('users.info', 'user_not_found', { times: 3 });
      await command(h, { userId: 'UNOPROF1' }, 'https://example.com/x');
      await h.slack.waitFor('views.open');
      await eventually(() => logged('warn', /users.info failed for UNOPROF1: user_not_found/).length > 0);
      await stillServes(h);
    });

    it('logs a Home it cannot publish for a person Slack no longer knows, and goes on', async () => {
      h.slack.removeUser('UHOMELESS');
      expect((await h.sender.event(appHomeOpened('UHOMELESS'))).status).toBe(200);
      await eventually(() => logged('warn', /Could not publish the Home of UHOMELESS: user_not_found/).length > 0);
      await stillServes(h);
    });
  });

  describe("Slack refusing Boost's token (invalid_auth)", () => {
    it('tells a person running /boost that Slack refused Boost, through the command reply that needs no token', async () => {
      h.slack.fail('views.open', 'invalid_auth');
      await command(h, { userId: 'UAUTH001' }, '');
      const [reply] = await eventually(() => {
        const replies = repliesTo(h, 'UAUTH001');
        return replies.length > 0 && replies;
      });
      expect(visibleText(reply?.args)).toContain("Slack refused Boost's access (`invalid_auth`)");
      await stillServes(h);
    });

    it('counts and answers a click while the token is refused, and logs the failed update with a hint', async () => {
      const request = await createRequest(h, { channelId: CHANNEL }, REQUESTER);
      h.slack.fail('chat.update', 'invalid_auth', { times: 1 });
      await click(h, { userId: 'UAUTH002' }, ACTIONS.optIn, request);
      await eventually(() => logged('error', /refused Boost's token .*check SLACK_BOT_TOKEN/).length > 0);
      // The private reply and the update go their own ways: neither waits for the other.
      await eventually(() => repliesTo(h, 'UAUTH002').some((call) => call.ok), 5000, 'the private reply');
      expect(await participationRows(h, request.id)).toHaveLength(1);
      expect(updatesOf(request)).toHaveLength(1);
      await click(h, { userId: 'UAUTH003' }, ACTIONS.optIn, request);
      await countsEndExact(request);
    });

    it('keeps a submitted request saved when posting is refused, and logs why with a hint', async () => {
      h.slack.fail('chat.postMessage', 'invalid_auth', { times: 2 });
      expect((await submitForm(h, REQUESTER, { channelId: CHANNEL })).status).toBe(200);
      await eventually(
        () =>
          logged(
            'error',
            /Could not tell UASKER001 about request \d+: invalid_auth; Slack refused the token: check SLACK_BOT_TOKEN/,
          ).length > 0,
      );
      expect(await unpostedRow()).toEqual({ status: 'open', message_ts: null });
      await stillServes(h);
    });
  });
});
