import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appHomeOpened } from '../../src/playground/payloads.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { QUICK_PACING, TEAM } from '../harness/boost.ts';
import { type AnyBoostHarness, forEachDatabase } from '../harness/databases.ts';
import {
  click,
  clickOnHome,
  createRequest,
  homePublishesTo,
  homeText,
  messagesToPeople,
  openHome,
  optInAndShare,
  settled,
  sleep,
  waitForHome,
} from '../harness/driver.ts';

forEachDatabase((start) => {
  describe('App Home', () => {
    let h: AnyBoostHarness;
    beforeEach(async () => {
      h = await start();
    });
    afterEach(async () => {
      await h.stop();
    });

    it('welcomes a newcomer with the open requests, naming nobody and counting only those who took part', async () => {
      const request = await createRequest(h, { title: 'Our launch' }, 'U1');
      await optInAndShare(h, 'U2', request);
      await click(h, 'U3', ACTIONS.optIn, request);
      await h.settle();

      const home = await openHome(h, 'U9');
      expect(home).toContain('Welcome to Boost');
      expect(home).toContain('Our launch');
      expect(home).toContain('2 in, 1 shared');
      expect(home).toContain(ACTIONS.homeOptIn);
      expect(home).not.toMatch(/<@U[0-9]/);
      expect(home).not.toMatch(/\d+ (?:people )?(?:haven't|have not|didn't|did not|not in|not shared)/i);
      expect(home).not.toContain('Your requests');
      expect(home).not.toContain('Your contributions');
    });

    it('shows a requester their request with live figures, the helpers by name and a Send thanks button', async () => {
      const request = await createRequest(h, { title: 'Our launch' }, 'U1');
      await click(h, 'U2', ACTIONS.optIn, request);
      await optInAndShare(h, 'U3', request);

      const home = await openHome(h, 'U1');
      expect(home).toContain('Your requests');
      expect(home).toContain('2 in, 1 shared');
      expect(home).toMatch(/Shared:\*.*<@U3>/);
      expect(home).toMatch(/In:\*.*<@U2>/);
      const view = h.slack.homeView('U1');
      const thanks = JSON.stringify(view).match(/"action_id":"boost_send_thanks","value":"(\d+)"/);
      expect(thanks?.[1]).toBe(String(request.id));
      expect(home).not.toContain('Welcome to Boost');
    });

    it("shows a helper their own contribution with share links, and nobody else's name", async () => {
      const request = await createRequest(h, { title: 'Our launch' }, 'U1');
      await click(h, 'U2', ACTIONS.optIn, request);
      await optInAndShare(h, 'U3', request);

      const home = await openHome(h, 'U2');
      expect(home).toContain('Your contributions');
      expect(home).toContain("You're in since");
      expect(home).toContain('https://www.linkedin.com/feed/?shareActive=true');
      expect(home).toContain(ACTIONS.homeMarkShared);
      expect(home).toContain(ACTIONS.homeWithdraw);
      expect(home).not.toContain('<@U3>');
      expect(home).not.toContain('<@U1>');
      expect(home).not.toContain(ACTIONS.sendThanks);
    });

    it("answers I'm in on the Home by refreshing it with the share links, and messages nobody", async () => {
      const request = await createRequest(h, { title: 'Our launch' }, 'U1');
      await openHome(h, 'U9');
      const before = messagesToPeople(h);

      await clickOnHome(h, 'U9', ACTIONS.homeOptIn, String(request.id));
      await waitForHome(h, 'U9', 2);
      expect(await h.boost.context.repos.participations.get(request.id, 'U9')).toBeDefined();
      const home = homeText(h, 'U9');
      expect(home).toContain("You're in for *Our launch*");
      expect(home).toContain('https://bsky.app/intent/compose');
      await h.slack.waitFor('chat.update');
      await h.settle();
      expect(JSON.stringify(h.slack.message(request.channel, request.ts))).toContain('1 in, 0 shared');

      const after = messagesToPeople(h);
      expect(after.dms.length).toBe(before.dms.length);
      expect(after.ephemerals).toEqual([]);
      expect(h.slack.callsTo('response_url')).toEqual([]);
    });

    it('withdraws from the Home in one click, telling nobody', async () => {
      const request = await createRequest(h, { title: 'Our launch' }, 'U1');
      await click(h, 'U2', ACTIONS.optIn, request);
      await h.settle();
      await openHome(h, 'U2');
      const dmsBefore = messagesToPeople(h).dms.length;

      await clickOnHome(h, 'U2', ACTIONS.homeWithdraw, String(request.id));
      await waitForHome(h, 'U2', 2);
      expect(await h.boost.context.repos.participations.get(request.id, 'U2')).toBeUndefined();
      expect(homeText(h, 'U2')).toContain("You're out of *Our launch*");
      expect(messagesToPeople(h).dms.length).toBe(dmsBefore);
      expect(homePublishesTo(h, 'U1')).toEqual([]);
    });

    it('does not publish again when the Home would look the same', async () => {
      await createRequest(h, { title: 'Our launch' }, 'U1');
      await openHome(h, 'U9');
      // Opened again once the pace between publishes has passed: only the look keeps it from being published.
      await sleep((QUICK_PACING.homeRefreshIntervalMs ?? 0) + 50);
      await h.sender.event(appHomeOpened('U9', TEAM, { view: h.slack.homeView('U9') }));
      await sleep(300);
      await settled(h);
      expect(homePublishesTo(h, 'U9')).toHaveLength(1);
    });

    it("caps long lists within Slack's limits and says how many more there are", async () => {
      const service = h.boost.context.services.requests;
      const now = h.clock.now();
      const ids: number[] = [];
      for (let i = 0; i < 14; i++) {
        const requesterId = i < 3 ? 'U1' : `U${200 + i}`;
        const created = await service.create(
          {
            url: `https://example.com/${i}`,
            title: `Request ${i}`,
            ask: 'Please have a look',
            suggestedText: null,
            networks: ['linkedin'],
            deadlineAt: now + (i + 1) * 3_600_000,
            channelId: 'C100',
          },
          { teamId: TEAM, userId: requesterId, now },
        );
        if (!created.ok) continue;
        // As if posted: only requests in their channel are offered to others.
        await h.boost.context.repos.requests.setMessageTs(created.value.id, 'C100', `${1_700_000_000 + i}.000100`);
        ids.push(created.value.id);
      }
      expect(ids).toHaveLength(14);
      const [first = 0] = ids;
      for (let i = 0; i < 400; i++) {
        const userId = `U${String(1000 + i)}`;
        await service.optIn(first, { teamId: TEAM, userId, now });
        if (i % 2 === 0) await service.markShared(first, { teamId: TEAM, userId, now });
      }
      for (const id of ids.slice(3)) await service.optIn(id, { teamId: TEAM, userId: 'U1', now });

      const home = await openHome(h, 'U1');
      const view = h.slack.homeView('U1');
      expect(view?.blocks.length).toBeLessThanOrEqual(100);
      expect(home).toContain('and 4 more.');
      expect(home).toContain('400 in, 200 shared');
      expect(home).toMatch(/and \d+ more/);
      const publish = homePublishesTo(h, 'U1')[0];
      expect(publish?.ok).toBe(true);
    });
  });

  describe('the pace of Home refreshes', () => {
    let h: AnyBoostHarness;
    beforeEach(async () => {
      h = await start({}, undefined, { productionPacing: true });
    });
    afterEach(async () => {
      await h.stop();
    });

    it("refreshes the requester's Home when people opt in, at most once per few seconds, and ends exact", async () => {
      const request = await createRequest(h, { title: 'Our launch' }, 'U1');
      await openHome(h, 'U1');

      for (const helper of ['U2', 'U3', 'U4']) await click(h, helper, ACTIONS.optIn, request);
      await waitForHome(h, 'U1', 2);
      await settled(h);
      await sleep(300);

      // The Home was published when opened; the three opt-ins that followed within seconds make one refresh, later.
      const publishes = homePublishesTo(h, 'U1');
      expect(publishes).toHaveLength(2);
      const [opened, refreshed] = publishes;
      expect((refreshed?.at ?? 0) - (opened?.at ?? 0)).toBeGreaterThanOrEqual(2900);
      const home = homeText(h, 'U1');
      expect(home).toContain('3 in, 0 shared');
      for (const helper of ['U2', 'U3', 'U4']) expect(home).toContain(`<@${helper}>`);
      // Helpers never opened their Home: nothing is published for them.
      for (const helper of ['U2', 'U3', 'U4']) expect(homePublishesTo(h, helper)).toEqual([]);
    });
  });
});
