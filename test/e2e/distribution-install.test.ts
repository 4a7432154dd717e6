import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BoostHarness, startBoost, TEST_TOKEN_KEY } from '../harness/boost.ts';
import { decideInSlack, installedWorkspace, openInstallPage, rawInstallations, returnToBoost } from '../harness/install.ts';

const ALPHA = { teamId: 'TALPHA001', name: 'Alpha', installer: 'UALPHAADMIN', ids: ['CALPHA001'] };

describe('installing Boost with "Add to Slack"', () => {
  let h: BoostHarness;

  beforeEach(async () => {
    h = await startBoost({}, undefined, { distribution: true });
  });

  afterEach(async () => {
    await h.stop();
  });

  it('shows what Boost is and the scopes it asks for, with a button to Slack', async () => {
    const page = await openInstallPage(h);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Add Boost to Slack');
    for (const scope of ['commands', 'chat:write', 'users:read']) expect(page.html).toContain(`<code>${scope}</code>`);
    const authorize = new URL(page.addToSlack);
    expect(authorize.origin + authorize.pathname).toBe(h.slack.authorizeUrl);
    expect(authorize.searchParams.get('scope')).toBe('commands,chat:write,users:read');
    expect(authorize.searchParams.get('redirect_uri')).toBe('https://boost.example.test/slack/oauth_redirect');
    expect(page.cookie).toMatch(/^slack-app-oauth-state=/);
  });

  it('lands the admin on a page saying Boost is installed and what to do next, and stores no token in clear', async () => {
    const done = await installedWorkspace(h, ALPHA);
    expect(done.status).toBe(200);
    expect(done.html).toContain('Boost is installed');
    expect(done.html).toContain('/invite @Boost');
    expect(done.html).toContain('/boost');
    const [row] = rawInstallations(h);
    const [issued] = h.slack.workspaces.tokensOf(ALPHA.teamId);
    expect(row).toMatchObject({ team_id: ALPHA.teamId, bot_user_id: issued?.botUserId, installer_user_id: ALPHA.installer });
    expect(JSON.stringify(rawInstallations(h))).not.toContain(issued?.token);
    expect(String(row?.bot_token)).toMatch(/^v1\./);
    void TEST_TOKEN_KEY;
    void decideInSlack;
    void returnToBoost;
  });
});
