import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_IDS } from '../../src/playground/fixtures.ts';
import { TestClock } from '../harness/boost.ts';
import { type AnyBoostHarness, forEachDatabase } from '../harness/databases.ts';
import {
  ackMessage,
  command,
  createRequest,
  dayFromNow,
  eventually,
  expectedCounts,
  optIn,
  visibleText,
} from '../harness/driver.ts';
import { installThroughSlack, rawInstallations } from '../harness/install.ts';
import { MONDAY_9_UTC, WEDNESDAY } from './digest-driver.ts';

// Enterprise Grid: an org admin installs Boost once for the whole organisation, and it serves each workspace of the
// org with the org's token, keeping each workspace's requests to itself.

const ORG = DEFAULT_IDS.enterpriseId;
const NORTH = { teamId: 'TNORTH001', channel: 'CNORTH001', requester: 'UNORTHREQ', helper: 'UNORTHHLP' };
const SOUTH = { teamId: 'TSOUTH001', channel: 'CSOUTH001', requester: 'USOUTHREQ', helper: 'USOUTHHLP' };
const person = (w: typeof NORTH, userId: string) => ({ userId, teamId: w.teamId, enterprise: true });

forEachDatabase((startBoost) => {
  describe('an org-wide install on Enterprise Grid', () => {
    let h: AnyBoostHarness;

    beforeEach(async () => {
      h = await startBoost({}, new TestClock(WEDNESDAY), { distribution: true, runJobs: false });
      for (const w of [NORTH, SOUTH]) {
        h.slack.workspaces.add({ teamId: w.teamId, enterpriseId: ORG, ids: [w.channel, w.requester, w.helper] });
      }
    });

    afterEach(async () => {
      await h.stop();
    });

    it('is installed once for the organisation and serves two of its workspaces, each seeing only its own requests', async () => {
      const done = await installThroughSlack(h, { enterpriseId: ORG, installer: 'WORGADMIN' });
      expect(done.html).toContain('It is installed for your whole organisation');
      expect(await rawInstallations(h)).toEqual([
        expect.objectContaining({
          enterprise_id: ORG,
          team_id: '',
          is_enterprise_install: 1,
          installer_user_id: 'WORGADMIN',
        }),
      ]);

      const north = await createRequest(
        h,
        { title: 'North launch', channelId: NORTH.channel, deadline: dayFromNow(h, 12) },
        person(NORTH, NORTH.requester),
      );
      const south = await createRequest(
        h,
        { title: 'South talk', channelId: SOUTH.channel, deadline: dayFromNow(h, 12) },
        person(SOUTH, SOUTH.requester),
      );
      await optIn(h, person(NORTH, NORTH.helper), north);
      await optIn(h, person(SOUTH, SOUTH.helper), south);
      for (const posted of [north, south]) {
        const counts = await expectedCounts(h, posted.id);
        await eventually(() => visibleText(h.slack.message(posted.channel, posted.ts)).includes(counts), 5000, counts);
      }

      const listed = visibleText(ackMessage(await command(h, person(NORTH, NORTH.helper), 'list')));
      expect(listed).toContain('North launch');
      expect(listed).not.toContain('South talk');

      await h.boost.jobs.digest.runOnce(MONDAY_9_UTC);
      expect(visibleText(h.slack.messages(SOUTH.requester)[0])).toContain('South talk');
      expect(visibleText(h.slack.messages(SOUTH.requester)[0])).not.toContain('North launch');

      // Every call with the org's token (but the install's own auth.test) names the workspace it is for.
      const withToken = h.slack.calls.filter((call) => call.tokenTeam !== undefined && call.method !== 'auth.test');
      expect(new Set(withToken.map((call) => call.tokenTeam))).toEqual(new Set(['']));
      expect(new Set(withToken.map((call) => call.concerns))).toEqual(new Set([NORTH.teamId, SOUTH.teamId]));
      expect(h.slack.workspaces.crossings).toEqual([]);
    });
  });
});
