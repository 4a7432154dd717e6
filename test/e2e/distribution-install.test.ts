import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBoost } from '../../src/app.ts';
import { ConfigError } from '../../src/config.ts';
import { blockAction } from '../../src/playground/payloads.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { STATE_LIFETIME_MS } from '../../src/slack/oauth-states.ts';
import { captureLogger } from '../harness/boost.ts';
import { type AnyBoostHarness, forEachDatabase } from '../harness/databases.ts';
import { ackMessage, command, isReplyTo, responseUrlFor, visibleText } from '../harness/driver.ts';
import { FAKE_APP } from '../harness/fake-workspaces.ts';
import {
  decideInSlack,
  installedWorkspace,
  openInstallPage,
  rawInstallations,
  returnToBoost,
} from '../harness/install.ts';

// An admin installs Boost from its install page through Slack's authorize page and back; every way that can go wrong
// ends on a page that says what happened, with nothing stored.

const ALPHA = { teamId: 'TALPHA001', name: 'Alpha', installer: 'UALPHAADM', ids: ['CALPHA001'] };

/** Location with one query parameter replaced, as a tampered or stale link would arrive. */
function withParam(location: string, name: string, value: string): string {
  const url = new URL(location);
  url.searchParams.set(name, value);
  return url.href;
}

/** The install page opened, then Alpha's admin approving in Slack: where Slack sends the browser back. */
async function approvedByAlpha(h: AnyBoostHarness) {
  const page = await openInstallPage(h);
  const location = await decideInSlack(h, page.addToSlack, { teamId: ALPHA.teamId, installer: ALPHA.installer });
  return { page, location };
}

forEachDatabase((startBoost) => {
  describe('installing Boost with "Add to Slack"', () => {
    let h: AnyBoostHarness;

    beforeEach(async () => {
      h = await startBoost({}, undefined, { distribution: true });
      h.slack.workspaces.add(ALPHA);
    });

    afterEach(async () => {
      await h.stop();
    });

    it('shows what Boost is and the scopes it asks for and why, with a button to Slack', async () => {
      const page = await openInstallPage(h);
      expect(page.status).toBe(200);
      expect(page.html).toContain('Add Boost to Slack');
      for (const scope of ['commands', 'chat:write', 'users:read'])
        expect(page.html).toContain(`<code>${scope}</code>`);
      const authorize = new URL(page.addToSlack);
      expect(authorize.origin + authorize.pathname).toBe(h.slack.authorizeUrl);
      expect(authorize.searchParams.get('scope')).toBe('commands,chat:write,users:read');
      expect(authorize.searchParams.get('client_id')).toBe(FAKE_APP.clientId);
      expect(authorize.searchParams.get('redirect_uri')).toBe('https://boost.example.test/slack/oauth_redirect');
      expect(page.cookie).toMatch(/^slack-app-oauth-state=/);
    });

    it('lands the admin on a page saying Boost is installed and what to do next, and stores no token in clear', async () => {
      const done = await installedWorkspace(h, ALPHA);
      expect(done.status).toBe(200);
      expect(done.html).toContain('Boost is installed');
      expect(done.html).toContain('/invite @Boost');
      expect(done.html).toContain('<code>/boost</code>');
      const [issued] = h.slack.workspaces.tokensOf(ALPHA.teamId);
      const rows = await rawInstallations(h);
      expect(rows).toEqual([
        expect.objectContaining({
          team_id: ALPHA.teamId,
          enterprise_id: '',
          is_enterprise_install: 0,
          bot_id: issued?.botId,
          bot_user_id: issued?.botUserId,
          bot_scopes: 'commands,chat:write,users:read',
          installer_user_id: ALPHA.installer,
        }),
      ]);
      expect(String(rows[0]?.bot_token)).toMatch(/^v1\./);
      expect(JSON.stringify(rows)).not.toContain(String(issued?.token));
      expect(h.logs.join('\n')).not.toContain(String(issued?.token));
      expect(h.logs.join('\n')).not.toContain(FAKE_APP.clientSecret);
    });

    it("forgets the installer's id when they ask Boost to forget them, and keeps serving the workspace", async () => {
      await installedWorkspace(h, ALPHA);
      const admin = { userId: ALPHA.installer, teamId: ALPHA.teamId };
      const exported = visibleText(ackMessage(await command(h, admin, 'export')));
      expect(exported).toMatch(/"boostInstalledByYou": \[\s*\{\s*"workspace": "TALPHA001",\s*"installedAt": "20/);
      const question = visibleText(ackMessage(await command(h, admin, 'forget-me')));
      expect(question).toContain('Your name as the person who installed Boost here (Boost stays installed).');
      const confirm = blockAction({
        container: 'ephemeral',
        teamId: ALPHA.teamId,
        userId: ALPHA.installer,
        actionId: ACTIONS.forgetMe,
        value: 'forget-me',
        channelId: 'CALPHA001',
        responseUrl: responseUrlFor(h, ALPHA.installer),
      });
      expect((await h.sender.interact(confirm)).status).toBe(200);
      const [done] = await h.slack.waitFor(
        (call) => isReplyTo(ALPHA.installer)(call) && visibleText(call.args).includes('installed Boost'),
      );
      expect(visibleText(done?.args ?? {})).toContain('Boost stays installed');

      expect(await rawInstallations(h)).toEqual([
        expect.objectContaining({ team_id: ALPHA.teamId, installer_user_id: null }),
      ]);
      expect(JSON.stringify(await rawInstallations(h))).not.toContain(ALPHA.installer);
      const help = await command(h, { userId: 'UALPHA002', teamId: ALPHA.teamId }, 'help');
      expect(help.status).toBe(200);
    });

    it('says the install was cancelled when the admin cancels in Slack, and stores nothing', async () => {
      const page = await openInstallPage(h);
      const back = await returnToBoost(h, await decideInSlack(h, page.addToSlack, 'cancel'), page.cookie);
      expect(back.html).toContain('Boost was not installed');
      expect(back.html).toContain('You cancelled the install in Slack');
      expect(back.html).toContain('href="/slack/install"');
      expect(await rawInstallations(h)).toEqual([]);
      expect(h.slack.callsTo('oauth.v2.access')).toEqual([]);
    });

    it('refuses a forged state, and stores nothing', async () => {
      const { location } = await approvedByAlpha(h);
      const forged = 'bm90LWJvb3N0cw.bm90LXNpZ25lZC1ieS1ib29zdC1hdC1hbGwtc28tbm90LXZhbGlk';
      const back = await returnToBoost(h, withParam(location, 'state', forged), `slack-app-oauth-state=${forged}`);
      expect(back.status).toBe(400);
      expect(back.html).toContain('This install link has expired, was already used, or was started in another browser');
      expect(await rawInstallations(h)).toEqual([]);
      expect(h.slack.callsTo('oauth.v2.access')).toEqual([]);
    });

    it('refuses a state that comes back in another browser (without its cookie), and stores nothing', async () => {
      const { location } = await approvedByAlpha(h);
      const back = await returnToBoost(h, location);
      expect(back.html).toContain('This install link has expired');
      expect(await rawInstallations(h)).toEqual([]);
    });

    it('refuses an expired state, and stores nothing', async () => {
      const page = await openInstallPage(h);
      h.clock.advance(STATE_LIFETIME_MS + 1000);
      const location = await decideInSlack(h, page.addToSlack, { teamId: ALPHA.teamId, installer: ALPHA.installer });
      const back = await returnToBoost(h, location, page.cookie);
      expect(back.status).toBe(400);
      expect(back.html).toContain('This install link has expired');
      expect(await rawInstallations(h)).toEqual([]);
      expect(h.slack.callsTo('oauth.v2.access')).toEqual([]);
    });

    it('refuses a state used once already, and changes nothing', async () => {
      const { page, location } = await approvedByAlpha(h);
      expect((await returnToBoost(h, location, page.cookie)).html).toContain('Boost is installed');
      const stored = await rawInstallations(h);

      const replay = await returnToBoost(h, location, page.cookie);
      expect(replay.status).toBe(400);
      expect(replay.html).toContain('This install link has expired, was already used');
      expect(await rawInstallations(h)).toEqual(stored);
      expect(h.slack.callsTo('oauth.v2.access')).toHaveLength(1);
    });

    it('says Slack did not confirm the install when Slack refuses the code, and stores nothing', async () => {
      const { page, location } = await approvedByAlpha(h);
      const back = await returnToBoost(h, withParam(location, 'code', '1.2.not-a-code-slack-gave'), page.cookie);
      expect(back.status).toBe(400);
      expect(back.html).toContain('Slack did not confirm the install');
      expect(h.slack.callsTo('oauth.v2.access').map((call) => call.error)).toEqual(['invalid_code']);
      expect(await rawInstallations(h)).toEqual([]);
      expect(h.logs.join('\n')).not.toContain(FAKE_APP.clientSecret);
    });
  });

  describe('the key that encrypts the tokens', () => {
    it('stops Boost at start with a clear message when TOKEN_ENCRYPTION_KEY is not the key the tokens were stored with', async () => {
      const h = await startBoost({}, undefined, { distribution: true });
      h.slack.workspaces.add(ALPHA);
      await installedWorkspace(h, ALPHA);
      await h.boost.stop();
      const other = createBoost({
        config: { ...h.config, TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64') },
        logger: captureLogger([]),
      });
      const started = other.start();
      await expect(started).rejects.toBeInstanceOf(ConfigError);
      await expect(started).rejects.toThrow(
        /TOKEN_ENCRYPTION_KEY is not the key the stored tokens were encrypted with/,
      );
      await other.stop();
      await h.slack.close();
      rmSync(h.dir, { recursive: true, force: true });
    });
  });
});
