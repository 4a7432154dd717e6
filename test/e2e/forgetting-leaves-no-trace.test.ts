import { afterEach, describe, expect, it } from 'vitest';
import { appUninstalled, blockAction, userChange, viewSubmission } from '../../src/playground/payloads.ts';
import { ACTIONS, SETTINGS_FIELDS } from '../../src/slack/ids.ts';
import { TEAM, TestClock } from '../harness/boost.ts';
import { type AnyBoostHarness, forEachDatabase, type StartBoost } from '../harness/databases.ts';
import {
  answerOf,
  click,
  clickOnHome,
  columnsHolding,
  command,
  createRequest,
  DAY,
  eventually,
  isReplyTo,
  openHome,
  optIn,
  optInAndShare,
  type Posted,
  responseUrlFor,
  rows,
  settled,
  sharedFormFor,
  submitSharedForm,
  visibleText,
} from '../harness/driver.ts';
import type { Args } from '../harness/fake-slack.ts';
import { MONDAY_9_UTC, WEDNESDAY } from './digest-driver.ts';

// "Everything Boost holds about you" must mean everything: after each way of being forgotten, no table and no column of
// the database (SQLite's file, or every schema of the PostgreSQL database) holds the person's Slack id, not even inside
// a longer text. The scan reads the tables from the database itself (columnsHolding), so a table added later is
// covered without changing this test.

const PERSON = 'UWHOLE001';
const COLLEAGUE = 'UCOLLEAG1';
const ANOTHER = 'UANOTHER1';
const BASE = 'https://boost.example.com';

let h: AnyBoostHarness;
afterEach(async () => {
  await h?.stop();
});

async function start(startBoost: StartBoost): Promise<void> {
  h = await startBoost({ PUBLIC_BASE_URL: BASE, DATA_RETENTION_DAYS: '30' }, new TestClock(WEDNESDAY), {
    runJobs: false,
  });
}

/** The personal tracked link in the private reply to "I'm in", opened once by a browser. */
async function openTrackedLink(reply: { args: Args }): Promise<void> {
  const path = /https:\/\/boost\.example\.com(\/r\/[A-Za-z0-9_-]+)/.exec(visibleText(reply.args))?.[1];
  if (!path) throw new Error('no tracked link in the reply to "I\'m in"');
  const visit = await fetch(`${h.sender.baseUrl}${path}`, {
    redirect: 'manual',
    headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0' },
  });
  expect(visit.status).toBe(302);
}

/** `/boost settings`, then the modal saved with every choice changed. */
async function saveSettings(userId: string): Promise<void> {
  const opened = h.slack.callsTo('views.open').length;
  await command(h, userId, 'settings');
  const call = (await h.slack.waitFor('views.open', 5000, opened + 1))[opened];
  const { view } = answerOf<{ view: Args }>(call);
  const choice = (value: string) => ({ value: { type: 'radio_buttons', selected_option: { value } } });
  const values = {
    [SETTINGS_FIELDS.digest]: choice('weekly'),
    [SETTINGS_FIELDS.showName]: choice('on'),
    [SETTINGS_FIELDS.reminders]: choice('on'),
  };
  expect((await h.sender.interact(viewSubmission({ userId, view, values }))).status).toBe(200);
}

/**
 * The person uses everything Boost has: asks, is joined and thanks; joins a colleague's request through its tracked
 * link, asks for a reminder, shares with a link to their post and is thanked; closes a request as an admin; saves
 * settings; runs the reading commands; gets the weekly digest. Returns the colleague's request.
 */
async function personDoesEverything(): Promise<Posted> {
  h.slack.setUser(PERSON, { is_admin: true });
  const own = await createRequest(h, { title: 'My talk' }, PERSON);
  await optInAndShare(h, COLLEAGUE, own);
  await openHome(h, PERSON);
  await clickOnHome(h, PERSON, ACTIONS.sendThanks, String(own.id));

  const theirs = await createRequest(h, { title: 'Their launch', channelId: 'C200' }, COLLEAGUE);
  await openTrackedLink(await optIn(h, PERSON, theirs));
  await click(h, PERSON, ACTIONS.remindMe, theirs, { container: 'ephemeral' });
  const shared = await click(h, PERSON, ACTIONS.markShared, theirs);
  const form = await sharedFormFor(h, shared);
  expect((await submitSharedForm(h, PERSON, form, 'https://www.linkedin.com/posts/whole', 'linkedin')).status).toBe(
    200,
  );
  await openHome(h, COLLEAGUE);
  await clickOnHome(h, COLLEAGUE, ACTIONS.sendThanks, String(theirs.id));

  const closed = await createRequest(h, { title: 'Closed by an admin', channelId: 'C300' }, ANOTHER);
  await click(h, PERSON, ACTIONS.close, closed);
  await saveSettings(PERSON);
  for (const words of ['mine', 'list', 'report', 'stats', 'export']) await command(h, PERSON, words);

  h.clock.set(MONDAY_9_UTC);
  await h.boost.jobs.digest.runOnce(h.clock.now());
  await settled(h);
  return theirs;
}

/** What the scenario left, checked so that an empty scan afterwards means something. */
async function expectTracesOfEverything(): Promise<void> {
  expect(await columnsHolding(h, PERSON)).toEqual(
    expect.arrayContaining([
      'requests.requester_id',
      'requests.closed_by',
      'participations.user_id',
      'tracked_links.user_id',
      'user_settings.user_id',
      'user_profiles.user_id',
      'digest_deliveries.user_id',
    ]),
  );
  const [joined] = await rows<Args>(h, 'select * from participations where user_id = ?', PERSON);
  expect(joined).toMatchObject({
    remind_me: 1,
    share_url: 'https://www.linkedin.com/posts/whole',
    network: 'linkedin',
  });
  expect(joined?.thanked_at).toEqual(expect.any(Number));
  expect(
    await rows(h, 'select * from participations where user_id = ? and thanked_at is not null', COLLEAGUE),
  ).toHaveLength(1);
  expect(await rows(h, 'select * from link_clicks')).toHaveLength(1);
}

forEachDatabase((startBoost) => {
  describe('forgetting a person leaves no trace of their Slack id in the database', () => {
    it('after /boost forget-me, confirmed', async () => {
      await start(startBoost);
      await personDoesEverything();
      await expectTracesOfEverything();

      await command(h, PERSON, 'forget-me');
      const confirm = blockAction({
        container: 'ephemeral',
        userId: PERSON,
        actionId: ACTIONS.forgetMe,
        value: 'forget-me',
        channelId: 'CBOOST001',
        responseUrl: responseUrlFor(h, PERSON),
      });
      expect((await h.sender.interact(confirm)).status).toBe(200);
      await h.slack.waitFor((call) => isReplyTo(PERSON)(call) && visibleText(call.args).includes('Done'));
      await settled(h);

      expect(await columnsHolding(h, PERSON)).toEqual([]);
    });

    it('after Slack says the account was deactivated (user_change, deleted: true)', async () => {
      await start(startBoost);
      await personDoesEverything();
      await expectTracesOfEverything();

      expect((await h.sender.event(userChange({ id: PERSON, deleted: true }))).status).toBe(200);
      await h.slack.waitFor((call) => call.method === 'chat.update' && visibleText(call.args).includes('removed'));
      await settled(h);

      expect(await columnsHolding(h, PERSON)).toEqual([]);
    });

    it('after the workspace uninstalled Boost and the retention period passed', async () => {
      await start(startBoost);
      await personDoesEverything();
      await expectTracesOfEverything();

      expect((await h.sender.event(appUninstalled(TEAM))).status).toBe(200);
      // Events are acknowledged before they are handled: the uninstall is recorded once Boost has settled.
      await h.settle();
      await h.boost.jobs.retention.runOnce(h.clock.now() + 31 * DAY);

      expect(await columnsHolding(h, PERSON)).toEqual([]);
    });

    it('still recognises a click Slack delivers again after the person was forgotten, so nothing comes back', async () => {
      await start(startBoost);
      const theirs = await personDoesEverything();
      const retried = await click(h, PERSON, ACTIONS.optIn, theirs);
      await h.sender.event(userChange({ id: PERSON, deleted: true }));
      const forgotten = async () =>
        (await rows(h, 'select * from participations where user_id = ?', PERSON)).length === 0;
      await eventually(forgotten, 5000, 'the deactivated person forgotten');
      await settled(h);

      await click(h, PERSON, ACTIONS.optIn, theirs, { payload: retried.payload, send: { retryNum: 1 } });
      // Everything still in flight for the person (the first click's reply, looking up their profile) has ended.
      await h.settle();
      expect(await rows(h, 'select * from participations where user_id = ?', PERSON)).toEqual([]);
      expect(await columnsHolding(h, PERSON)).toEqual([]);
    });
  });
});
