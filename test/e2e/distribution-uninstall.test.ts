import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appUninstalled, tokensRevoked } from '../../src/playground/payloads.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { TestClock } from '../harness/boost.ts';
import { type AnyBoostHarness, forEachDatabase } from '../harness/databases.ts';
import { click, createRequest, DAY, dayFromNow, HOUR, isReplyTo, optIn, type Posted, rows } from '../harness/driver.ts';
import { installedWorkspace, installThroughSlack, rawInstallations } from '../harness/install.ts';
import { MONDAY_9_UTC, WEDNESDAY } from './digest-driver.ts';

// Uninstalling Boost from one workspace (or revoking its tokens) deletes that workspace's tokens at once and stops
// all its scheduled work; the other workspace is served as before, and a later reinstall picks up where it was.

const ALPHA = {
  teamId: 'TALPHA001',
  channel: 'CALPHA001',
  requester: 'UALPHAREQ',
  helper: 'UALPHAHLP',
  installer: 'UALPHAADM',
};
const BETA = {
  teamId: 'TBETA0001',
  channel: 'CBETA0001',
  requester: 'UBETAREQ1',
  helper: 'UBETAHLP1',
  installer: 'UBETAADM1',
};
type Workspace = typeof ALPHA;

const person = (w: Workspace, userId: string) => ({ userId, teamId: w.teamId });

/** A request with a helper who asked for a reminder: scheduled work (digest, reminder, expiry) for that workspace. */
async function busyWorkspace(h: AnyBoostHarness, w: Workspace): Promise<Posted> {
  await installedWorkspace(h, {
    teamId: w.teamId,
    installer: w.installer,
    ids: [w.channel, w.requester, w.helper, 'UALPHANEW'],
  });
  const posted = await createRequest(h, { channelId: w.channel, deadline: dayFromNow(h, 12) }, person(w, w.requester));
  const reply = await optIn(h, person(w, w.helper), posted);
  const before = h.slack.calls.filter(isReplyTo(w.helper)).length;
  await click(h, person(w, w.helper), ACTIONS.remindMe, posted, { container: 'ephemeral', blocks: reply.args.blocks });
  await h.slack.waitFor(isReplyTo(w.helper), 5000, before + 1);
  return posted;
}

async function runEveryJob(h: AnyBoostHarness, deadline: number): Promise<void> {
  await h.boost.jobs.digest.runOnce(MONDAY_9_UTC);
  await h.boost.jobs.reminders.runOnce(deadline - DAY + 60_000);
  await h.boost.jobs.expiry.runOnce(deadline + HOUR);
  await h.settle();
}

forEachDatabase((startBoost) => {
  describe('uninstalling Boost from one of two workspaces', () => {
    let h: AnyBoostHarness;
    let alpha: Posted;
    let beta: Posted;

    beforeEach(async () => {
      h = await startBoost({}, new TestClock(WEDNESDAY), { distribution: true, runJobs: false });
      alpha = await busyWorkspace(h, ALPHA);
      beta = await busyWorkspace(h, BETA);
    });

    afterEach(async () => {
      await h.stop();
    });

    it("deletes that workspace's tokens at once and none of its scheduled work calls Slack afterwards", async () => {
      h.slack.workspaces.revoke(ALPHA.teamId);
      expect((await h.sender.event(appUninstalled(ALPHA.teamId))).status).toBe(200);
      // Events are acknowledged before they are handled: the handling is over once Boost has settled.
      await h.settle();
      expect((await rawInstallations(h)).map((row) => row.team_id)).toEqual([BETA.teamId]);

      const since = h.slack.calls.length;
      // A click that was on its way is acknowledged, and nothing is sent to Slack for it.
      await click(h, person(ALPHA, 'UALPHANEW'), ACTIONS.optIn, alpha);
      const deadline = Number(
        (await rows<{ deadline_at: number }>(h, 'select deadline_at from requests where id = ?', beta.id))[0]
          ?.deadline_at,
      );
      await runEveryJob(h, deadline);
      const after = h.slack.calls.slice(since);
      expect(after.filter((call) => call.concerns === ALPHA.teamId).map((call) => call.method)).toEqual([]);

      // The other workspace got its digest, its reminder and its expired message, with its own token.
      const betaCalls = after.filter((call) => call.concerns === BETA.teamId && call.ok);
      expect(betaCalls.filter((call) => call.args.channel === BETA.helper).length).toBeGreaterThanOrEqual(2);
      expect(betaCalls.some((call) => call.method === 'chat.update' && call.args.ts === beta.ts)).toBe(true);
    });

    it('treats revoked tokens as an uninstall', async () => {
      h.slack.workspaces.revoke(ALPHA.teamId);
      const botUser = h.slack.workspaces.tokensOf(ALPHA.teamId)[0]?.botUserId;
      const revoked = tokensRevoked(ALPHA.teamId, { bot: [String(botUser)] });
      expect((await h.sender.event(revoked)).status).toBe(200);
      await h.settle();
      expect((await rawInstallations(h)).map((row) => row.team_id)).toEqual([BETA.teamId]);
      const since = h.slack.calls.length;
      await h.boost.jobs.digest.runOnce(MONDAY_9_UTC);
      expect(h.slack.calls.slice(since).filter((call) => call.concerns === ALPHA.teamId)).toEqual([]);
    });

    it('serves the workspace again when it reinstalls, with its new token and its requests where they were', async () => {
      h.slack.workspaces.revoke(ALPHA.teamId);
      await h.sender.event(appUninstalled(ALPHA.teamId));
      await h.settle();
      const back = await installThroughSlack(h, { teamId: ALPHA.teamId, installer: ALPHA.installer });
      expect(back.html).toContain('Boost is installed');
      expect((await rawInstallations(h)).map((row) => row.team_id).sort()).toEqual([ALPHA.teamId, BETA.teamId]);
      expect(await rows(h, 'select uninstalled_at from workspaces where team_id = ?', ALPHA.teamId)).toEqual([
        { uninstalled_at: null },
      ]);

      // The old token is revoked, so anything Slack accepts from here on came with the new one.
      const again = await createRequest(h, { channelId: ALPHA.channel }, person(ALPHA, 'UALPHANEW'));
      await optIn(h, person(ALPHA, ALPHA.helper), again);
      expect(await rows(h, 'select count(*) as n from requests where team_id = ?', ALPHA.teamId)).toEqual([{ n: 2 }]);
      expect(h.slack.workspaces.crossings).toEqual([]);
      expect(await rows(h, 'select status from requests where id = ?', alpha.id)).toEqual([{ status: 'open' }]);
    });
  });
});
