import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slashCommand, viewSubmission } from '../../src/playground/payloads.ts';
import { ACTIONS, SETTINGS_FIELDS, VIEWS } from '../../src/slack/ids.ts';
import { TEAM } from '../harness/boost.ts';
import { type AnyBoostHarness, forEachDatabase } from '../harness/databases.ts';
import {
  click,
  clickOnHome,
  createRequest,
  homeText,
  messagesToPeople,
  openHome,
  optInAndShare,
  waitForHome,
} from '../harness/driver.ts';
import type { Args } from '../harness/fake-slack.ts';

type Message = { text: string; blocks: unknown[]; response_type?: string };

const radio = (value: string) => ({ type: 'radio_buttons', selected_option: { value } });

forEachDatabase((start) => {
  describe('/boost mine and /boost settings', () => {
    let h: AnyBoostHarness;
    beforeEach(async () => {
      h = await start();
    });
    afterEach(async () => {
      await h.stop();
    });

    const boost = async (userId: string, text: string) => {
      const res = await h.sender.command(
        slashCommand({ userId, text, channelId: 'C100', responseUrl: h.slack.responseUrl() }),
      );
      expect(res.status).toBe(200);
      return res;
    };

    /** Runs `/boost settings`, waits for the modal, and returns it as Slack stored it. */
    const openSettings = async (userId: string) => {
      const opened = h.slack.callsTo('views.open').length;
      await boost(userId, 'settings');
      const call = (await h.slack.waitFor('views.open', 5000, opened + 1))[opened];
      const { view } = (call?.response ?? {}) as { view: Args & { id: string } };
      expect(view.callback_id).toBe(VIEWS.settings);
      return view;
    };

    const saveSettings = async (
      userId: string,
      view: Args,
      choices: Partial<Record<keyof typeof SETTINGS_FIELDS, string>>,
    ) => {
      const values = Object.fromEntries(
        Object.entries(choices).map(([field, value]) => [
          SETTINGS_FIELDS[field as keyof typeof SETTINGS_FIELDS],
          { value: radio(value) },
        ]),
      );
      const res = await h.sender.interact(viewSubmission({ userId, view, values }));
      expect(res.status).toBe(200);
    };

    it('lists, to the person alone, their requests with figures and helpers, and their contributions', async () => {
      const mine = await createRequest(h, { title: 'Our launch' }, 'U1');
      const theirs = await createRequest(h, { title: 'Their talk', channelId: 'C200' }, 'U5');
      await click(h, 'U2', ACTIONS.optIn, mine);
      await optInAndShare(h, 'U3', mine);
      await optInAndShare(h, 'U1', theirs);
      const before = messagesToPeople(h);

      const res = await boost('U1', 'mine');
      const reply = res.json<Message>();
      const text = JSON.stringify(reply.blocks);
      expect(reply.response_type ?? 'ephemeral').toBe('ephemeral');
      expect(text).toContain('Our launch');
      expect(text).toContain('2 in, 1 shared');
      expect(text).toMatch(/Shared:\*.*<@U3>/);
      expect(text).toMatch(/In:\*.*<@U2>/);
      expect(text).toContain(ACTIONS.sendThanks);
      expect(text).toContain('Their talk');
      expect(text).toContain('You shared it');
      // Nothing went anywhere but back to U1.
      expect(messagesToPeople(h)).toEqual(before);
    });

    it('tells someone with nothing yet how to start', async () => {
      const reply = (await boost('U7', 'mine')).json<Message>();
      expect(reply.text).toContain('no requests or contributions yet');
      expect(reply.text).toContain('/boost list');
    });

    it('opens the settings modal showing the current choices: digest unset, name hidden, reminders on', async () => {
      const view = await openSettings('U2');
      const blocks = JSON.stringify(view.blocks);
      expect(blocks).toContain(SETTINGS_FIELDS.digest);
      expect(JSON.parse(String(view.private_metadata))).toEqual({
        digest: null,
        showName: false,
        reminders: true,
        language: null,
      });
      const initial = (view.blocks as Args[]).map((block) => ((block.element as Args)?.initial_option as Args)?.value);
      expect(initial.slice(0, 3)).toEqual(['auto', 'off', 'on']);
    });

    it('shows a name on the public message only after the person opts for it, on open requests they are in', async () => {
      const first = await createRequest(h, { title: 'Our launch' }, 'U1');
      await click(h, 'U2', ACTIONS.optIn, first);
      await h.settle();
      const channelText = (request: typeof first) => JSON.stringify(h.slack.message(request.channel, request.ts));
      expect(channelText(first)).toContain('1 in, 0 shared');
      expect(channelText(first)).not.toContain('<@U2>');

      const view = await openSettings('U2');
      await saveSettings('U2', view, { digest: 'auto', showName: 'on', reminders: 'on' });
      expect(await h.boost.context.repos.settings.get(TEAM, 'U2')).toEqual({
        digest: null,
        showName: true,
        reminders: true,
        language: null,
      });
      expect((await h.boost.context.repos.participations.get(first.id, 'U2'))?.showName).toBe(true);
      await h.slack.waitFor((call) => call.method === 'chat.update' && JSON.stringify(call.args).includes('<@U2>'));
      await h.settle();
      expect(channelText(first)).toContain('<@U2>');

      // New participations take the choice as well.
      const second = await createRequest(h, { title: 'Their talk', channelId: 'C200' }, 'U3');
      await click(h, 'U2', ACTIONS.optIn, second);
      await h.settle();
      expect(channelText(second)).toContain('<@U2>');

      // And turning it off takes the name away again.
      await saveSettings('U2', await openSettings('U2'), { showName: 'off' });
      await h.slack.waitFor(() => !channelText(first).includes('<@U2>') && !channelText(second).includes('<@U2>'));
      expect(channelText(first)).toContain('1 in, 0 shared');
    });

    it('saves only what was changed, so an untouched digest choice stays unset', async () => {
      const view = await openSettings('U4');
      await saveSettings('U4', view, { digest: 'auto', showName: 'off', reminders: 'off' });
      expect(await h.boost.context.repos.settings.get(TEAM, 'U4')).toEqual({
        digest: null,
        showName: false,
        reminders: false,
        language: null,
      });

      await saveSettings('U4', await openSettings('U4'), { digest: 'weekly', reminders: 'off' });
      expect(await h.boost.context.repos.settings.get(TEAM, 'U4')).toEqual({
        digest: true,
        showName: false,
        reminders: false,
        language: null,
      });
    });

    it('opens settings from the Home and shows the saved choice there', async () => {
      await openHome(h, 'U6');
      await clickOnHome(h, 'U6', ACTIONS.openSettings);
      const [call] = await h.slack.waitFor('views.open');
      const { view } = (call?.response ?? {}) as { view: Args };
      expect(view.callback_id).toBe(VIEWS.settings);

      await saveSettings('U6', view, { digest: 'off' });
      await waitForHome(h, 'U6', 2);
      expect(homeText(h, 'U6')).toContain('Your settings are saved');
      expect(homeText(h, 'U6')).toContain('*Weekly digest:* off');
    });
  });
});
