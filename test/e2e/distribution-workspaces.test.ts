import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appHomeOpened } from '../../src/playground/payloads.ts';
import { TestClock } from '../harness/boost.ts';
import { type AnyBoostHarness, forEachDatabase } from '../harness/databases.ts';
import {
  ackMessage,
  command,
  createRequest,
  dayFromNow,
  eventually,
  expectedCounts,
  homeText,
  optIn,
  type Posted,
  visibleText,
  waitForHome,
} from '../harness/driver.ts';
import type { RecordedCall } from '../harness/fake-slack.ts';
import { installedWorkspace } from '../harness/install.ts';
import { MONDAY_9_UTC, WEDNESDAY } from './digest-driver.ts';

// Two workspaces install Boost through "Add to Slack" on one deployment; each is served as a single workspace is,
// with its own token on every call, and neither ever sees the other's requests.

const ALPHA = {
  teamId: 'TALPHA001',
  name: 'Alpha',
  installer: 'UALPHAADM',
  channel: 'CALPHA001',
  requester: { userId: 'UALPHAREQ', teamId: 'TALPHA001' },
  helper: { userId: 'UALPHAHLP', teamId: 'TALPHA001' },
};
const BETA = {
  teamId: 'TBETA0001',
  name: 'Beta',
  installer: 'UBETAADM1',
  channel: 'CBETA0001',
  requester: { userId: 'UBETAREQ1', teamId: 'TBETA0001' },
  helper: { userId: 'UBETAHLP1', teamId: 'TBETA0001' },
};

/** More helpers in Alpha, so that its digests outnumber the messages the sender has in flight at once. */
const CROWD = Array.from({ length: 6 }, (_, i) => ({ userId: `UALPHAC0${i}`, teamId: ALPHA.teamId }));

async function install(h: AnyBoostHarness, w: typeof ALPHA): Promise<void> {
  const page = await installedWorkspace(h, {
    teamId: w.teamId,
    name: w.name,
    installer: w.installer,
    ids: [w.channel, w.requester.userId, w.helper.userId, ...(w === ALPHA ? CROWD.map((helper) => helper.userId) : [])],
  });
  expect(page.status).toBe(200);
}

/** The team every call made with a workspace token concerned, and the team of that token: they must be the same. */
function tokenMismatches(h: AnyBoostHarness): string[] {
  return h.slack.calls
    .filter((call) => call.tokenTeam !== undefined && call.tokenTeam !== call.concerns)
    .map((call) => `${call.method} for ${call.concerns} with a token of ${call.tokenTeam}`);
}

const callsFor = (h: AnyBoostHarness, teamId: string): RecordedCall[] =>
  h.slack.calls.filter((call) => call.concerns === teamId);

forEachDatabase((startBoost) => {
  describe('two workspaces installed through "Add to Slack"', () => {
    let h: AnyBoostHarness;
    let alpha: Posted;
    let beta: Posted;

    beforeEach(async () => {
      h = await startBoost({}, new TestClock(WEDNESDAY), { distribution: true, runJobs: false });
      await install(h, ALPHA);
      await install(h, BETA);
      alpha = await createRequest(
        h,
        { title: 'Alpha launch', channelId: ALPHA.channel, deadline: dayFromNow(h, 12) },
        ALPHA.requester,
      );
      beta = await createRequest(
        h,
        { title: 'Beta talk', channelId: BETA.channel, deadline: dayFromNow(h, 12) },
        BETA.requester,
      );
    });

    afterEach(async () => {
      await h.stop();
    });

    it('serves each with its own token: requests, opt-ins, counts and Homes never mix', async () => {
      await optIn(h, ALPHA.helper, alpha);
      await optIn(h, BETA.helper, beta);
      for (const posted of [alpha, beta]) {
        const counts = await expectedCounts(h, posted.id);
        await eventually(() => visibleText(h.slack.message(posted.channel, posted.ts)).includes(counts), 5000, counts);
      }
      expect(await expectedCounts(h, alpha.id)).toBe('1 in, 0 shared');
      expect(await expectedCounts(h, beta.id)).toBe('1 in, 0 shared');

      for (const w of [ALPHA, BETA]) {
        await h.sender.event(appHomeOpened(w.requester.userId, w.teamId));
        await waitForHome(h, w.requester.userId, 1);
      }
      expect(homeText(h, ALPHA.requester.userId)).toContain('Alpha launch');
      expect(homeText(h, ALPHA.requester.userId)).not.toContain('Beta talk');
      expect(homeText(h, BETA.requester.userId)).toContain('Beta talk');
      expect(homeText(h, BETA.requester.userId)).not.toContain('Alpha launch');

      const listed = visibleText(ackMessage(await command(h, BETA.helper, 'list')));
      expect(listed).toContain('Beta talk');
      expect(listed).not.toContain('Alpha launch');

      expect(callsFor(h, ALPHA.teamId).length).toBeGreaterThan(0);
      expect(callsFor(h, BETA.teamId).length).toBeGreaterThan(0);
      expect(tokenMismatches(h)).toEqual([]);
      expect(h.slack.workspaces.crossings).toEqual([]);
    });

    it("sends each workspace's digests with its own token, about its own requests only", async () => {
      await optIn(h, ALPHA.helper, alpha);
      await optIn(h, BETA.helper, beta);
      await h.boost.jobs.digest.runOnce(MONDAY_9_UTC);

      const digests = h.slack
        .callsTo('chat.postMessage')
        .filter((call) => call.ok && /^U/.test(String(call.args.channel)));
      expect(digests.map((call) => String(call.args.channel)).sort()).toEqual(
        [ALPHA.requester.userId, ALPHA.helper.userId, BETA.requester.userId, BETA.helper.userId].sort(),
      );
      for (const w of [ALPHA, BETA]) {
        const other = w === ALPHA ? 'Beta talk' : 'Alpha launch';
        const own = w === ALPHA ? 'Alpha launch' : 'Beta talk';
        const text = visibleText(h.slack.messages(w.requester.userId)[0]);
        expect(text).toContain(own);
        expect(text).not.toContain(other);
      }
      expect(tokenMismatches(h)).toEqual([]);
      expect(h.slack.workspaces.crossings).toEqual([]);
    });

    it("keeps updating one workspace's messages while Slack rate limits the other", async () => {
      const alphaBefore = visibleText(h.slack.message(alpha.channel, alpha.ts));
      // Slack asks Alpha's updates to wait 4 s; Beta's, a moment later, must not wait for that.
      h.slack.rateLimit('chat.update', 4, 1, (args) => args.team_id === ALPHA.teamId);
      await optIn(h, ALPHA.helper, alpha);
      await h.slack.waitFor((call) => call.method === 'chat.update' && call.status === 429);
      await optIn(h, BETA.helper, beta);
      const counts = await expectedCounts(h, beta.id);
      await eventually(() => visibleText(h.slack.message(beta.channel, beta.ts)).includes(counts), 5000, counts);
      expect(visibleText(h.slack.message(alpha.channel, alpha.ts))).toBe(alphaBefore);
    });

    it("sends one workspace's digests while Slack rate limits the other's", async () => {
      for (const helper of CROWD) await optIn(h, helper, alpha);
      await optIn(h, BETA.helper, beta);
      // Slack asks Alpha's direct messages to wait 4 s, once; Beta's must not wait for that.
      h.slack.rateLimit('chat.postMessage', 4, 1, (args) => args.team_id === ALPHA.teamId);
      const since = h.slack.calls.length;
      await h.boost.jobs.digest.runOnce(MONDAY_9_UTC);

      const dms = h.slack.calls.slice(since).filter((call) => call.method === 'chat.postMessage');
      const limited = dms.find((call) => call.status === 429);
      const betaSent = dms.filter((call) => call.concerns === BETA.teamId && call.ok);
      const alphaSent = dms.filter((call) => call.concerns === ALPHA.teamId && call.ok);
      expect(limited?.concerns).toBe(ALPHA.teamId);
      expect(betaSent.map((call) => call.args.channel).sort()).toEqual(
        [BETA.helper.userId, BETA.requester.userId].sort(),
      );
      expect(alphaSent).toHaveLength(CROWD.length + 1);
      // Every Beta digest went out before the Alpha digest Slack refused was sent again, after Alpha's pause.
      const retried = alphaSent.find(
        (call) => call.args.channel === limited?.args.channel && call.at > (limited?.at ?? 0),
      );
      expect(Math.max(...betaSent.map((call) => call.at))).toBeLessThan(Number(retried?.at));
    });
  });
});
