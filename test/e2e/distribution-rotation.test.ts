import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AnyBoostHarness, forEachDatabase } from '../harness/databases.ts';
import { createRequest, eventually, expectedCounts, HOUR, optIn, type Posted, visibleText } from '../harness/driver.ts';
import { installedWorkspace, rawInstallations } from '../harness/install.ts';

// With token rotation on, Slack's bot tokens expire after 12 hours. Boost refreshes a token before it expires, once
// however many deliveries need it at that moment, stores the new pair, and goes on working with it.

const ALPHA = { teamId: 'TALPHA001', channel: 'CALPHA001', requester: 'UALPHAREQ', installer: 'UALPHAADM' };
const HELPERS = Array.from({ length: 12 }, (_, i) => `UROTATE${String(i).padStart(2, '0')}`);
const TWELVE_HOURS_S = 12 * 3600;

forEachDatabase((startBoost) => {
  describe('token rotation', () => {
    let h: AnyBoostHarness;
    let posted: Posted;

    beforeEach(async () => {
      h = await startBoost({}, undefined, { distribution: true, runJobs: false });
      h.slack.workspaces.rotateTokens(TWELVE_HOURS_S);
      await installedWorkspace(h, { ...ALPHA, ids: [ALPHA.channel, ALPHA.requester, ...HELPERS] });
      posted = await createRequest(h, { channelId: ALPHA.channel }, { userId: ALPHA.requester, teamId: ALPHA.teamId });
    });

    afterEach(async () => {
      await h.stop();
    });

    it('stores the refresh token and expiry of a rotating install, encrypted', async () => {
      const [issued] = h.slack.workspaces.tokensOf(ALPHA.teamId);
      const [row] = await rawInstallations(h);
      // @slack/oauth counts Slack's expires_in in whole seconds.
      expect(Math.abs(Number(row?.bot_token_expires_at) - Number(issued?.expiresAt))).toBeLessThan(2000);
      expect(String(row?.bot_refresh_token)).toMatch(/^v1\./);
      expect(JSON.stringify(row)).not.toContain(String(issued?.refreshToken));
    });

    it('refreshes a token about to expire once, even when many clicks arrive at that moment, and work goes on', async () => {
      const [first] = h.slack.workspaces.tokensOf(ALPHA.teamId);
      h.clock.advance(11 * HOUR);
      await Promise.all(HELPERS.map((userId) => optIn(h, { userId, teamId: ALPHA.teamId }, posted)));

      expect(h.slack.workspaces.refreshes).toEqual([ALPHA.teamId]);
      const tokens = h.slack.workspaces.tokensOf(ALPHA.teamId);
      expect(tokens).toHaveLength(2);
      const [row] = await rawInstallations(h);
      expect(row?.bot_token_expires_at).toBe(tokens[1]?.expiresAt);
      expect(JSON.stringify(row)).not.toContain(String(tokens[1]?.token));

      // Past the first token's expiry: everything Slack accepts now came with the refreshed one.
      h.clock.set(Number(first?.expiresAt) + HOUR);
      await optIn(h, { userId: ALPHA.requester, teamId: ALPHA.teamId }, posted);
      const counts = await expectedCounts(h, posted.id);
      expect(counts).toBe(`${HELPERS.length + 1} in, 0 shared`);
      await eventually(() => visibleText(h.slack.message(posted.channel, posted.ts)).includes(counts), 5000, counts);
      expect(h.slack.calls.filter((call) => call.error === 'token_expired')).toEqual([]);
      expect(h.slack.workspaces.refreshes).toEqual([ALPHA.teamId]);
      expect(h.logs.join('\n')).not.toContain(String(tokens[1]?.refreshToken));
    });
  });
});
