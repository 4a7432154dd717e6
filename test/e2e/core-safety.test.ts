import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/slack/ids.ts';
import { type AnyBoostHarness, forEachDatabase } from '../harness/databases.ts';
import {
  ackMessage,
  click,
  command,
  createRequest,
  isReplyTo,
  latestRequestOf,
  openForm,
  optIn,
  privateRecipient,
  REQUESTER,
  settled,
  sharedFormFor,
  submitForm,
  submitSharedForm,
} from '../harness/driver.ts';
import type { RecordedCall } from '../harness/fake-slack.ts';

type Json = Record<string, unknown>;

/** Everything a person might type to ping people or disguise a link. */
const HOSTILE =
  '<!channel> <!here> <!everyone> @channel @here @everyone <@U123> <#C123> <!subteam^S123> <https://evil.example|innocent>';

/** What Slack would turn into a ping or a disguised link if it reached mrkdwn as typed. */
const LIVE = [
  /<!(?:channel|here|everyone)\b/,
  /<!subteam\^/,
  /<@U123>/,
  /<#C123>/,
  /<https?:\/\/evil\.example/,
  /\|innocent>/,
  // A bare broadcast word pings when Slack links names; Boost breaks it with an invisible joiner after the @.
  /(?:^|[^\w\u2060])@(?:channel|here|everyone)\b/,
];

/**
 * The text Slack renders as mrkdwn in a message, a reply, a DM or a view: every `mrkdwn` text object, and the `text`
 * of a message (its notification fallback). plain_text is shown as typed and never pings, so it is not collected.
 */
function renderedTexts(surface: unknown, isMessage: boolean): string[] {
  const texts: string[] = [];
  if (isMessage && surface && typeof (surface as Json).text === 'string') texts.push((surface as Json).text as string);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const object = node as Json;
      if (object.type === 'mrkdwn' && typeof object.text === 'string') texts.push(object.text);
      for (const value of Object.values(object)) if (typeof value === 'object') walk(value);
    }
  };
  walk((surface as Json | undefined)?.blocks);
  walk((surface as Json | undefined)?.view);
  return texts;
}

const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'response_url']);

function renderedByCall(call: RecordedCall): string[] {
  return renderedTexts(call.args, MESSAGE_METHODS.has(call.method));
}

forEachDatabase((start) => {
  describe('hostile text typed into a request', () => {
    let h: AnyBoostHarness;
    beforeEach(async () => {
      h = await start();
    });
    afterEach(async () => {
      await h.stop();
    });

    it('never pings anyone or disguises a link, in any message, reply, DM or form Boost sends', async () => {
      const acks: Json[] = [];
      await openForm(h, REQUESTER, `<https://example.com/launch> ${HOSTILE}`);
      const hostile = { title: `Launch ${HOSTILE}`, ask: `Please share ${HOSTILE}`, suggestedText: `Look ${HOSTILE}` };
      const posted = await createRequest(h, { ...hostile, url: 'https://example.com/launch' });
      // The same request, refused by a channel Boost is not in: the requester gets a DM about it.
      h.slack.setChannel('CNOBOT001', { member: false });
      await submitForm(h, REQUESTER, { ...hostile, channelId: 'CNOBOT001' });
      await h.slack.waitFor((call) => call.method === 'chat.postMessage' && call.args.channel === REQUESTER);

      const reply = await optIn(h, 'UHELPER01', posted);
      const shared = await click(h, 'UHELPER01', ACTIONS.markShared, posted, {
        container: 'ephemeral',
        blocks: reply.args.blocks,
      });
      await submitSharedForm(h, 'UHELPER01', await sharedFormFor(h, shared), 'https://x.com/helper/status/1');
      const second = await optIn(h, 'UHELPER02', posted);
      await click(h, 'UHELPER02', ACTIONS.withdraw, posted, { container: 'ephemeral', blocks: second.args.blocks });
      acks.push(ackMessage(await command(h, 'UHELPER03', 'list')));
      acks.push(ackMessage(await command(h, 'UHELPER03', HOSTILE)));
      await click(h, REQUESTER, ACTIONS.close, posted);
      // Every private reply is read too: the reply to the share and to the withdrawal, not only the message updates.
      await h.slack.waitFor(isReplyTo('UHELPER01'), 5000, 2);
      await h.slack.waitFor(isReplyTo('UHELPER02'), 5000, 2);
      await settled(h);

      for (const live of LIVE) expect(HOSTILE).toMatch(live);
      const rendered = [...h.slack.calls.flatMap(renderedByCall), ...acks.flatMap((ack) => renderedTexts(ack, true))];
      const methods = new Set(h.slack.calls.map((call) => call.method));
      for (const method of ['chat.postMessage', 'chat.update', 'response_url', 'views.open']) {
        expect(methods).toContain(method);
      }
      for (const text of rendered) for (const live of LIVE) expect(text).not.toMatch(live);
      // The text itself is still there for people to read, made inert.
      const all = rendered.join('\n');
      expect(all).toContain('&lt;!channel&gt;');
      expect(all).toContain('&lt;https://evil.example|innocent&gt;');
      expect(all).toContain('@\u2060here');
      expect((await latestRequestOf(h, REQUESTER))?.ask).toBe(`Please share ${HOSTILE}`);
    });
  });

  describe('people who did not act', () => {
    let h: AnyBoostHarness;
    beforeEach(async () => {
      h = await start({ BOOST_ADMINS: 'UADMIN001' });
    });
    afterEach(async () => {
      await h.stop();
    });

    it('receive no DM and no ephemeral message, whatever happens around them', async () => {
      const actors = new Set([REQUESTER, 'UREQ0002', 'UHELPER01', 'UHELPER02', 'UHELPER03', 'UHELPER04', 'UADMIN001']);
      const bystanders = Array.from({ length: 20 }, (_, i) => `UQUIET${String(i).padStart(3, '0')}`);
      for (const user of bystanders) h.slack.setUser(user, {});

      await command(h, REQUESTER, 'help');
      const posted = await createRequest(h, { title: 'Launch' });
      const other = await createRequest(h, { title: 'Hiring' }, 'UREQ0002');
      h.slack.setChannel('CNOBOT001', { member: false });
      await submitForm(h, REQUESTER, { channelId: 'CNOBOT001' });
      await h.slack.waitFor((call) => call.method === 'chat.postMessage' && call.args.channel === REQUESTER);

      const reply = await optIn(h, 'UHELPER01', posted);
      const second = await optIn(h, 'UHELPER02', posted);
      await optIn(h, 'UHELPER02', other);
      await click(h, 'UHELPER01', ACTIONS.markShared, posted, { container: 'ephemeral', blocks: reply.args.blocks });
      await click(h, 'UHELPER02', ACTIONS.withdraw, posted, { container: 'ephemeral', blocks: second.args.blocks });
      await click(h, 'UHELPER03', ACTIONS.markShared, other);
      await click(h, 'UHELPER04', ACTIONS.close, posted);
      await command(h, 'UHELPER04', 'list');
      await click(h, 'UADMIN001', ACTIONS.close, other);
      await click(h, REQUESTER, ACTIONS.close, posted);
      await settled(h);

      const recipients = h.slack.calls.flatMap((call) => privateRecipient(call) ?? []);
      expect(recipients.length).toBeGreaterThan(0);
      for (const recipient of recipients) expect(actors).toContain(recipient);
      for (const user of bystanders) expect(recipients).not.toContain(user);
      // A helper's withdrawal or share is never reported to the requester privately.
      const toRequester = h.slack.calls.filter((call) => privateRecipient(call) === REQUESTER);
      expect(toRequester.every((call) => call.method !== 'chat.postEphemeral')).toBe(true);
      expect(toRequester.filter((call) => call.method === 'chat.postMessage')).toHaveLength(1);
    });
  });
});
