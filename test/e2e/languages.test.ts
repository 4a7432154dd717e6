import { afterEach, describe, expect, it } from 'vitest';
import { viewSubmission } from '../../src/playground/payloads.ts';
import { ACTIONS, INPUT_ACTION, REQUEST_FIELDS, SETTINGS_FIELDS } from '../../src/slack/ids.ts';
import { TestClock } from '../harness/boost.ts';
import { type AnyBoostHarness, forEachDatabase, type StartBoost } from '../harness/databases.ts';
import {
  ackMessage,
  buttonsIn,
  click,
  clickOnHome,
  command,
  createRequest,
  DAY,
  dmsTo,
  eventually,
  fieldErrors,
  homeText,
  isReplyTo,
  messageOf,
  openForm,
  openHome,
  optIn,
  type Posted,
  rows,
  settled,
  sharedFormFor,
  submitForm,
  visibleText,
} from '../harness/driver.ts';
import type { RecordedCall } from '../harness/fake-slack.ts';
import { MONDAY_9_UTC, WEDNESDAY } from './digest-driver.ts';

// Boost speaks to each person in their own language (their Slack locale, or the one they picked in /boost settings)
// and to a channel in the workspace's (DEFAULT_LOCALE): here an Italian requester, two Italian helpers and an English
// one take part in the same request.

const ASKER_IT = 'UITASK001';
const HELPER_IT = 'UITHLP001';
const SHARER_IT = 'UITSHR001';
const HELPER_EN = 'UENHLP001';

/** Words of each catalog that only that language uses: seeing one means the text was written in it. */
const ITALIAN =
  /\b(Ci stai|Ci sto|Condividi su|richiest[ae]|[Gg]razie|[Rr]iepilog\w*|promemoria|Impostazioni|settimana|aiut\w*|Scadenza|facoltativo|Lingua)\b/;
const ENGLISH = /\b(You're in|Share on|request|Thank|thank|digest|reminder|Settings|week)\b/;

let h: AnyBoostHarness;
afterEach(async () => {
  await h.stop();
});

/** Boost on the database `start` runs on, with the four people's Slack locales. */
async function launch(start: StartBoost, env: Record<string, string> = {}) {
  h = await start(env, new TestClock(WEDNESDAY), { runJobs: false });
  h.slack.setUser(ASKER_IT, { locale: 'it-IT' });
  h.slack.setUser(HELPER_IT, { locale: 'it-CH' });
  h.slack.setUser(SHARER_IT, { locale: 'it-IT' });
  h.slack.setUser(HELPER_EN, { locale: 'en-GB' });
}

const lastReplyTo = async (userId: string, count: number): Promise<RecordedCall> =>
  (await h.slack.waitFor(isReplyTo(userId), 5000, count)).at(-1) as RecordedCall;

/** The text of a private surface, with the user text of the request left out. */
const shown = (surface: unknown) => visibleText(surface).replaceAll('Lancio di primavera', '');

function expectItalian(surface: unknown, what: string) {
  const text = shown(surface);
  expect(text, `${what} in Italian`).toMatch(ITALIAN);
  expect(text, `${what} without English`).not.toMatch(ENGLISH);
}

function expectEnglish(surface: unknown, what: string) {
  const text = shown(surface);
  expect(text, `${what} in English`).toMatch(ENGLISH);
  expect(text, `${what} without Italian`).not.toMatch(ITALIAN);
}

forEachDatabase((start) => {
  describe('each person in their own language', () => {
    it('speaks Italian to the Italians and English to the English speaker on one request, and English in the channel', async () => {
      await launch(start);

      // The Italian requester's form, its field errors, and then the request, whose channel message is in English.
      const { view: form } = await openForm(h, ASKER_IT);
      expect(visibleText(form)).toContain('Chiedi un boost');
      expectItalian(form, 'the new-request form');
      const refused = fieldErrors(await submitForm(h, ASKER_IT, { url: 'not a link', networks: [] }));
      expect(refused[REQUEST_FIELDS.url]).toContain('Non sembra un indirizzo web');
      expect(refused[REQUEST_FIELDS.networks]).toContain('Scegli almeno un social');
      const posted: Posted = await createRequest(
        h,
        { title: 'Lancio di primavera', suggestedText: 'Guardate qui' },
        ASKER_IT,
      );
      const channelMessage = messageOf(h, posted);
      expect(visibleText(channelMessage)).toContain('asks for a boost');
      expect(visibleText(channelMessage)).not.toMatch(/chiede|Ci sto/);

      // Each helper's private reply, share links and disclosure in their language.
      const italianReply = await optIn(h, HELPER_IT, posted);
      expectItalian(italianReply.args, 'the reply after "I\'m in"');
      expect(buttonsIn(italianReply.args.blocks).map((b) => b.text)).toContain('Condividi su LinkedIn');
      expect(visibleText(italianReply.args)).toContain('(Lavoro qui.)');
      const englishReply = await optIn(h, HELPER_EN, posted);
      expectEnglish(englishReply.args, 'the reply after "I\'m in"');
      expect(visibleText(englishReply.args)).toContain('(I work here.)');

      // The Italian helper asks for the reminder; the reply replaced in place says so, in Italian.
      await click(h, HELPER_IT, ACTIONS.remindMe, posted, { container: 'ephemeral', blocks: italianReply.args.blocks });
      expectItalian((await lastReplyTo(HELPER_IT, 2)).args, 'the reply with the reminder set');

      // Two share it: the "Thanks for sharing" form opens in each one's language.
      await optIn(h, SHARER_IT, posted);
      const italianShare = await click(h, SHARER_IT, ACTIONS.markShared, posted);
      expect(visibleText(await sharedFormFor(h, italianShare))).toContain('Condiviso, grazie!');
      const englishShare = await click(h, HELPER_EN, ACTIONS.markShared, posted);
      expect(visibleText(await sharedFormFor(h, englishShare))).toContain('Thanks for sharing');
      await settled(h);

      // The requester's Home, and thanks sent from it: each helper thanked in their language.
      expectItalian({ blocks: JSON.parse(await openHome(h, ASKER_IT)) }, "the requester's Home");
      await clickOnHome(h, ASKER_IT, ACTIONS.sendThanks, String(posted.id));
      const [italianThanks] = await h.slack.waitFor((call) => dmsTo(h, SHARER_IT).includes(call));
      const [englishThanks] = await h.slack.waitFor((call) => dmsTo(h, HELPER_EN).includes(call));
      expectItalian(italianThanks?.args, 'the thanks');
      expect(visibleText(italianThanks?.args)).toContain('ti dice *grazie*');
      expectEnglish(englishThanks?.args, 'the thanks');
      await eventually(
        () => h.slack.homeView(ASKER_IT) && homeText(h, ASKER_IT).includes('Hai ringraziato 2 persone'),
        5000,
        "the thanks confirmation on the requester's Home",
      );
      expectItalian({ blocks: JSON.parse(await openHome(h, SHARER_IT)) }, "a helper's Home");
      expectEnglish({ blocks: JSON.parse(await openHome(h, HELPER_EN)) }, "a helper's Home");

      // The weekly digest, to each in their language.
      await h.boost.jobs.digest.runOnce(MONDAY_9_UTC);
      const [italianDigest] = dmsTo(h, ASKER_IT).filter((call) =>
        visibleText(call.args).includes('La tua settimana con Boost'),
      );
      expect(italianDigest).toBeDefined();
      expectItalian(italianDigest?.args, "the requester's digest");
      const [englishDigest] = dmsTo(h, HELPER_EN).filter((call) =>
        visibleText(call.args).includes('Your week with Boost'),
      );
      expectEnglish(englishDigest?.args, "the English helper's digest");

      // The reminder the Italian helper asked for, a day before the deadline.
      const deadline = Number(
        (await rows<{ deadline_at: number }>(h, 'select deadline_at from requests where id = ?', posted.id))[0]
          ?.deadline_at,
      );
      await h.boost.jobs.reminders.runOnce(deadline - DAY + 60_000);
      const reminder = dmsTo(h, HELPER_IT).find((call) =>
        visibleText(call.args).includes('Mi avevi chiesto di ricordartelo'),
      );
      expectItalian(reminder?.args, 'the reminder');
      expect(visibleText(reminder?.args)).toContain('(Lavoro qui.)');

      // /boost commands answered privately, in the ack: Italian to the Italian, English to the English speaker.
      expectItalian(ackMessage(await command(h, ASKER_IT, 'help')), '/boost help');
      expectItalian(ackMessage(await command(h, ASKER_IT, 'mine')), '/boost mine');
      expectItalian(ackMessage(await command(h, HELPER_IT, 'list')), '/boost list');
      expectEnglish(ackMessage(await command(h, HELPER_EN, 'help')), '/boost help');

      // The channel message stayed in the workspace's language through every update.
      await settled(h);
      expect(visibleText(messageOf(h, posted))).toContain('2 shared');
    });

    it('answers a person Boost has never seen in their language from their very first command', async () => {
      await launch(start);
      h.slack.setUser('UNEWIT001', { locale: 'it-IT' });
      expectItalian(ackMessage(await command(h, 'UNEWIT001', 'help')), 'a first /boost help');
      expectItalian(ackMessage(await command(h, 'UNEWIT001', 'list')), 'then /boost list');
      // Slack was asked once; the second answer used what Boost kept.
      expect(h.slack.callsTo('users.info').filter((call) => call.args.user === 'UNEWIT001')).toHaveLength(1);
    });

    it("answers in the workspace's language when Slack is too slow to name a new person's, and in theirs next time", async () => {
      await launch(start);
      h.slack.setUser('UNEWIT002', { locale: 'it-IT' });
      h.slack.hold('users.info');
      expectEnglish(ackMessage(await command(h, 'UNEWIT002', 'help')), 'a first /boost help while Slack is slow');
      h.slack.release('users.info');
      await settled(h);
      expectItalian(ackMessage(await command(h, 'UNEWIT002', 'help')), 'the next /boost help');
    });

    it('writes channel messages in DEFAULT_LOCALE, whatever the requester speaks', async () => {
      await launch(start, { DEFAULT_LOCALE: 'it-IT' });
      h.slack.setUser('UENASK001', { locale: 'en-US' });
      const posted = await createRequest(h, { title: 'Spring launch' }, 'UENASK001');
      const message = visibleText(messageOf(h, posted));
      expect(message).toContain('chiede un boost');
      expect(message).toContain('Ci sto');
      expectEnglish((await optIn(h, HELPER_EN, posted)).args, "the English helper's reply");
    });

    it("lets a person choose Boost's language in /boost settings, over Slack's, and go back to Slack's", async () => {
      await launch(start);
      const settings = async () => {
        const trigger = `trigger-${Math.random()}`;
        await command(h, HELPER_EN, 'settings', { triggerId: trigger });
        const [opened] = await h.slack.waitFor(
          (call) => call.method === 'views.open' && call.args.trigger_id === trigger,
        );
        return opened?.args.view as { callback_id: string; private_metadata: string; blocks: unknown[] };
      };
      const save = async (view: { callback_id: string; private_metadata: string }, language: string) => {
        const response = await h.sender.interact(
          viewSubmission({
            userId: HELPER_EN,
            callbackId: view.callback_id,
            privateMetadata: view.private_metadata,
            values: {
              [SETTINGS_FIELDS.language]: {
                [INPUT_ACTION]: { type: 'radio_buttons', selected_option: { value: language } },
              },
            },
          }),
        );
        expect(response.status).toBe(200);
        await settled(h);
      };

      const english = await settings();
      expect(visibleText(english)).toContain("Slack's language");
      expect(visibleText(english)).toContain('Italiano');
      await save(english, 'it');
      expect(await rows(h, 'select language from user_settings where user_id = ?', HELPER_EN)).toEqual([
        { language: 'it' },
      ]);
      expectItalian(await settings(), 'the settings form');
      expectItalian(ackMessage(await command(h, HELPER_EN, 'help')), '/boost help');

      await save(await settings(), 'slack');
      expectEnglish(ackMessage(await command(h, HELPER_EN, 'help')), '/boost help');
    });
  });
});
