import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockAction, globalShortcut, messageShortcut } from '../../src/playground/payloads.ts';
import { THANKS_LEASE_MS } from '../../src/services/thanks.ts';
import { ACTIONS, REQUEST_FIELDS, SHORTCUTS, VIEWS } from '../../src/slack/ids.ts';
import { TEAM } from '../harness/boost.ts';
import { type AnyBoostHarness, forEachDatabase } from '../harness/databases.ts';
import {
  click,
  clickOnHome,
  createRequest,
  eventually,
  helpers,
  homeText,
  messagesToPeople,
  openHome,
  optInAndShare,
  participationRows,
  waitForHome,
} from '../harness/driver.ts';
import type { Args, RecordedCall } from '../harness/fake-slack.ts';

type View = Args & { callback_id: string; blocks: (Args & { block_id: string; element: Args })[] };

const fieldOf = (view: View, blockId: string) => view.blocks.find((block) => block.block_id === blockId)?.element;

forEachDatabase((start) => {
  describe('shortcuts', () => {
    let h: AnyBoostHarness;
    beforeEach(async () => {
      h = await start();
    });
    afterEach(async () => {
      await h.stop();
    });

    const openedView = async () => (await h.slack.waitFor('views.open'))[0]?.args.view as View;

    it("Ask for a boost opens the form with the message's first link and its channel", async () => {
      const res = await h.sender.interact(
        messageShortcut({
          userId: 'U1',
          channelId: 'C777',
          callbackId: SHORTCUTS.fromMessage,
          messageText: 'We launched! <https://example.com/launch?a=1&amp;b=2|the post> and <https://example.org/other>',
          responseUrl: h.slack.responseUrl(),
        }),
      );
      expect(res.status).toBe(200);
      const view = await openedView();
      expect(view.callback_id).toBe(VIEWS.newRequest);
      expect(fieldOf(view, REQUEST_FIELDS.url)?.initial_value).toBe('https://example.com/launch?a=1&b=2');
      expect(fieldOf(view, REQUEST_FIELDS.channelId)?.initial_conversation).toBe('C777');
      expect(fieldOf(view, REQUEST_FIELDS.ask)?.initial_value).toBeUndefined();
    });

    it('New boost request opens an empty form from anywhere', async () => {
      const res = await h.sender.interact(globalShortcut({ userId: 'U1', callbackId: SHORTCUTS.newRequest }));
      expect(res.status).toBe(200);
      const view = await openedView();
      expect(view.callback_id).toBe(VIEWS.newRequest);
      expect(fieldOf(view, REQUEST_FIELDS.url)?.initial_value).toBeUndefined();
      expect(fieldOf(view, REQUEST_FIELDS.channelId)?.initial_conversation).toBeUndefined();
    });

    it('explains the open-request limit instead of opening a form that could not be sent', async () => {
      for (const title of ['One', 'Two', 'Three']) await createRequest(h, { title }, 'U1');
      await h.sender.interact(globalShortcut({ userId: 'U1', callbackId: SHORTCUTS.newRequest }));
      const view = await openedView();
      expect(view.callback_id).not.toBe(VIEWS.newRequest);
      expect(JSON.stringify(view.blocks)).toContain('You already have 3 open requests');
    });

    it('New request on the Home opens the form', async () => {
      await openHome(h, 'U1');
      await clickOnHome(h, 'U1', ACTIONS.newRequest);
      expect((await openedView()).callback_id).toBe(VIEWS.newRequest);
    });
  });

  describe('Send thanks', () => {
    let h: AnyBoostHarness;
    beforeEach(async () => {
      h = await start();
    });
    afterEach(async () => {
      await h.stop();
    });

    /** U1 asks; U2 and U3 share, U4 is only in. */
    const requestWithHelpers = async () => {
      const request = await createRequest(h, { title: 'Our <!channel> launch' }, 'U1');
      await optInAndShare(h, 'U2', request);
      await optInAndShare(h, 'U3', request);
      await click(h, 'U4', ACTIONS.optIn, request);
      return request;
    };

    /** Presses "Send thanks" in a private message; its answer comes to the response_url labelled `label`. */
    const pressSendThanks = (userId: string, requestId: number, label: string) =>
      h.sender.interact(
        blockAction({
          container: 'ephemeral',
          userId,
          actionId: ACTIONS.sendThanks,
          value: String(requestId),
          responseUrl: h.slack.responseUrl(label),
        }),
      );

    const thankedAt = async (requestId: number, userId: string) =>
      (await h.boost.context.repos.participations.get(requestId, userId))?.thankedAt ?? null;

    it('sends one short DM to each helper who shared, once, and confirms on the Home', async () => {
      const request = await requestWithHelpers();
      await openHome(h, 'U1');
      const before = messagesToPeople(h);

      await clickOnHome(h, 'U1', ACTIONS.sendThanks, String(request.id));
      await waitForHome(h, 'U1', 2);
      expect(homeText(h, 'U1')).toContain('Thanked 2 people');
      for (const helper of ['U2', 'U3']) {
        const [dm, ...more] = h.slack.dmsTo(helper);
        expect(more).toEqual([]);
        expect(dm?.args.text).toContain('<@U1> says thank you for sharing');
        expect(dm?.args.text).toContain('&lt;!channel&gt;');
        expect(await thankedAt(request.id, helper)).not.toBeNull();
      }
      expect(h.slack.dmsTo('U4')).toEqual([]);
      expect(await thankedAt(request.id, 'U4')).toBeNull();
      const after = messagesToPeople(h);
      expect(after.dms.length - before.dms.length).toBe(2);
      expect(after.ephemerals).toEqual(before.ephemerals);

      // Pressing again sends nothing new, and says so.
      await clickOnHome(h, 'U1', ACTIONS.sendThanks, String(request.id));
      await waitForHome(h, 'U1', 3);
      expect(homeText(h, 'U1')).toContain('has been thanked already');
      expect(messagesToPeople(h).dms.length).toBe(after.dms.length);
    });

    it('keeps thanking the others when Slack refuses one DM, and does not retry a refusal that will not pass', async () => {
      const request = await requestWithHelpers();
      const later = await createRequest(h, { title: 'Second', channelId: 'C200' }, 'U1');
      await optInAndShare(h, 'U5', later);
      h.slack.fail('chat.postMessage', 'cannot_dm_bot', { when: (args) => args.channel === 'U2' });

      const res = await pressSendThanks('U1', request.id, 'mine');
      expect(res.status).toBe(200);
      const [confirmation] = await h.slack.waitFor((call) => call.responseUrlId === 'mine');
      expect(String(confirmation?.args.text)).toContain('Thanked 1 person');
      expect(String(confirmation?.args.text)).toContain('could not be delivered');
      expect(h.slack.dmsTo('U3').filter((call) => call.ok)).toHaveLength(1);
      expect(h.logs.some((line) => line.includes('cannot_dm_bot'))).toBe(true);
      // The other request's helper is not thanked for this one.
      expect(h.slack.dmsTo('U5')).toEqual([]);

      await pressSendThanks('U1', request.id, 'again');
      await h.slack.waitFor((call) => call.responseUrlId === 'again');
      expect(h.slack.dmsTo('U2')).toHaveLength(1);
    });

    it('retries later a helper whose DM failed for a passing reason', async () => {
      const request = await requestWithHelpers();
      // service_unavailable: Slack did nothing; the sender tries three times, then gives the helper back for later.
      h.slack.fail('chat.postMessage', 'service_unavailable', { times: 3, when: (args) => args.channel === 'U3' });
      const press = async (label: string) => {
        await pressSendThanks('U1', request.id, label);
        const [reply] = await h.slack.waitFor((call) => call.responseUrlId === label);
        return String(reply?.args.text);
      };
      expect(await press('first')).toContain('press *Send thanks* again');
      expect(await thankedAt(request.id, 'U3')).toBeNull();
      expect(await press('second')).toContain('Thanked 1 person');
      expect(h.slack.dmsTo('U3').filter((call) => call.ok)).toHaveLength(1);
      expect(h.slack.dmsTo('U2')).toHaveLength(1);
    });

    it('lets only the requester send thanks, and messages no helper when someone else tries', async () => {
      const request = await requestWithHelpers();
      await pressSendThanks('U9', request.id, 'stranger');
      const [reply] = await h.slack.waitFor((call) => call.responseUrlId === 'stranger');
      expect(String(reply?.args.text)).toContain('Only the person who asked');
      for (const helper of ['U2', 'U3', 'U4']) expect(h.slack.dmsTo(helper)).toEqual([]);
      expect(await thankedAt(request.id, 'U2')).toBeNull();
    });

    it('works from a digest message in the Messages tab, answering there privately', async () => {
      const request = await requestWithHelpers();
      await h.sender.interact(
        blockAction({
          container: 'message',
          userId: 'U1',
          channelId: 'D1',
          actionId: ACTIONS.sendThanks,
          value: String(request.id),
          responseUrl: h.slack.responseUrl('digest'),
        }),
      );
      const [reply] = await h.slack.waitFor((call) => call.responseUrlId === 'digest');
      expect(reply?.args.response_type).toBe('ephemeral');
      expect(String(reply?.args.text)).toContain('Thanked 2 people');
      expect(h.slack.dmsTo('U1')).toEqual([]);
    });

    it('lets the thanks job finish a press whose thanks did not all go out in time, thanking nobody twice', async () => {
      const request = await createRequest(h, { title: 'Big launch' }, 'U1');
      const sharers = helpers(7, 'USHARE');
      for (const helper of sharers) await optInAndShare(h, helper, request);
      // Slack answers nothing for now: the press's first messages stay in flight, the others wait their turn.
      h.slack.hold('chat.postMessage');
      await pressSendThanks('U1', request.id, 'press');
      const thanksDm = (call: RecordedCall) =>
        call.method === 'chat.postMessage' && sharers.includes(String(call.args.channel));
      const inFlight = (await h.slack.waitFor(thanksDm, 5000, 4)).length;

      const finishing = h.boost.jobs.thanks.runOnce(h.clock.now() + THANKS_LEASE_MS);
      // The job claims the helpers the press had not reached (their messages wait for a free slot), then Slack answers.
      await eventually(async () => (await participationRows(h, request.id)).every((row) => row.thanked_at !== null));
      h.slack.release('chat.postMessage');
      expect(await finishing).toEqual({ batches: 1, thanked: sharers.length - inFlight });

      const [confirmation] = await h.slack.waitFor((call) => call.responseUrlId === 'press');
      expect(String(confirmation?.args.text)).toContain(`Thanked ${inFlight} people`);
      for (const helper of sharers) expect(h.slack.dmsTo(helper)).toHaveLength(1);
    });

    it("shows the helper on their Home that they were thanked, and the requester's Home that everyone was", async () => {
      const request = await requestWithHelpers();
      await openHome(h, 'U2');
      await openHome(h, 'U1');
      await clickOnHome(h, 'U1', ACTIONS.sendThanks, String(request.id));
      await waitForHome(h, 'U1', 2);
      await waitForHome(h, 'U2', 2);
      expect(homeText(h, 'U2')).toContain('<@U1> thanked you');
      expect(homeText(h, 'U1')).toContain('Everyone who shared has been thanked');
      expect(homeText(h, 'U1')).not.toContain(ACTIONS.sendThanks);
      expect(TEAM).toBe(request.teamId);
    });
  });
});
