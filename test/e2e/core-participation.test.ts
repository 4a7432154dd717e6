import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIONS, SHARED_FIELDS, VIEWS } from '../../src/slack/ids.ts';
import { type AnyBoostHarness, forEachDatabase } from '../harness/databases.ts';
import {
  buttonsIn,
  click,
  createRequest,
  eventually,
  isReplyTo,
  messageOf,
  optIn,
  type Posted,
  participationRows,
  privateRecipient,
  REQUESTER,
  repliesTo,
  requestRow,
  settled,
  sharedFormFor,
  submitSharedForm,
  updatesOf,
  visibleText,
} from '../harness/driver.ts';
import type { RecordedCall } from '../harness/fake-slack.ts';

const DISCLOSURE = '(I work at Acme.)';
const ADMIN = 'UADMIN001';
const LINK = 'https://example.com/blog/spring-launch?ref=boost';
const WORDING = 'Our team shipped something we are proud of.';

/** Private messages of every kind, to anyone, in the order Slack received them. */
function privateMessages(h: AnyBoostHarness): Array<{ to: string; call: RecordedCall }> {
  return h.slack.calls.flatMap((call) => {
    const to = privateRecipient(call);
    return to === undefined ? [] : [{ to, call }];
  });
}

forEachDatabase((start) => {
  describe('helping with a request', () => {
    let h: AnyBoostHarness;
    let posted: Posted;
    beforeEach(async () => {
      h = await start({ DISCLOSURE_TEXT: DISCLOSURE, BOOST_ADMINS: ADMIN });
      posted = await createRequest(h, {
        title: 'Spring launch',
        url: LINK,
        suggestedText: WORDING,
        networks: ['linkedin', 'x', 'bluesky'],
      });
    });
    afterEach(async () => {
      await h.stop();
    });

    it('"I\'m in" sends that person a private reply with share links, the wording with the disclosure, and their buttons', async () => {
      const reply = await optIn(h, 'UHELPER01', posted);

      expect(reply.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      const buttons = buttonsIn(reply.args.blocks);
      const shares = buttons.filter((button) => button.url);
      expect(shares.map((button) => button.text)).toEqual(['Share on LinkedIn', 'Share on X', 'Share on Bluesky']);
      expect(shares.map((button) => new URL(button.url ?? '').hostname)).toEqual([
        'www.linkedin.com',
        'x.com',
        'bsky.app',
      ]);
      for (const share of shares) {
        expect(share.url).toContain(encodeURIComponent(LINK));
        expect(share.url).toContain(encodeURIComponent(WORDING));
        expect(share.url).toContain(encodeURIComponent(DISCLOSURE));
      }
      const text = visibleText(reply.args);
      expect(text).toContain(WORDING);
      expect(text).toContain(DISCLOSURE);
      expect(
        buttons.filter((button) => !button.url).map(({ text, action_id, value }) => ({ text, action_id, value })),
      ).toEqual([
        { text: 'I shared it', action_id: ACTIONS.markShared, value: String(posted.id) },
        { text: 'Remind me before the deadline', action_id: ACTIONS.remindMe, value: String(posted.id) },
        { text: 'Withdraw', action_id: ACTIONS.withdraw, value: String(posted.id) },
      ]);
      expect(await participationRows(h, posted.id)).toMatchObject([{ user_id: 'UHELPER01', shared_at: null }]);
      await settled(h);
      expect(visibleText(messageOf(h, posted))).toContain('1 in, 0 shared');
    });

    it('counts a person who presses "I\'m in" twice once', async () => {
      await optIn(h, 'UHELPER01', posted);
      await optIn(h, 'UHELPER01', posted);

      expect(await participationRows(h, posted.id)).toHaveLength(1);
      await settled(h);
      expect(visibleText(messageOf(h, posted))).toContain('1 in, 0 shared');
    });

    it('counts a click that Slack delivers twice once, and answers it once', async () => {
      const first = await click(h, 'UHELPER01', ACTIONS.optIn, posted);
      await h.slack.waitFor(isReplyTo('UHELPER01'));

      const retry = await click(h, 'UHELPER01', ACTIONS.optIn, posted, {
        payload: first.payload,
        send: { retryNum: 1, retryReason: 'http_timeout' },
      });
      expect(retry.response.status).toBe(200);
      // A second reply would follow the ack at once; half a second without one is plenty.
      await expect(h.slack.waitFor(isReplyTo('UHELPER01'), 500, 2)).rejects.toThrow(/1 matched/);
      await settled(h);

      expect(await participationRows(h, posted.id)).toHaveLength(1);
      expect(repliesTo(h, 'UHELPER01')).toHaveLength(1);
      expect(visibleText(messageOf(h, posted))).toContain('1 in, 0 shared');
    });

    it('"I shared it" on the message counts the share and opens the optional link form, which saves the link', async () => {
      const clicked = await click(h, 'UHELPER01', ACTIONS.markShared, posted);

      expect(await participationRows(h, posted.id)).toMatchObject([{ user_id: 'UHELPER01', share_url: null }]);
      expect((await participationRows(h, posted.id))[0]?.shared_at).not.toBeNull();
      const form = await sharedFormFor(h, clicked);
      expect(form.callback_id).toBe(VIEWS.shared);
      await settled(h);
      expect(visibleText(messageOf(h, posted))).toContain('1 in, 1 shared');

      const saved = await submitSharedForm(
        h,
        'UHELPER01',
        form,
        'https://www.linkedin.com/posts/helper-123',
        'linkedin',
      );

      expect(saved.status).toBe(200);
      expect(saved.text).toBe('');
      expect(await participationRows(h, posted.id)).toMatchObject([
        { user_id: 'UHELPER01', share_url: 'https://www.linkedin.com/posts/helper-123', network: 'linkedin' },
      ]);
    });

    it('"I shared it" in the private reply counts the share, updates that reply and opens the link form', async () => {
      const reply = await optIn(h, 'UHELPER01', posted);

      const clicked = await click(h, 'UHELPER01', ACTIONS.markShared, posted, {
        container: 'ephemeral',
        blocks: reply.args.blocks,
      });

      const form = await sharedFormFor(h, clicked);
      expect(form.callback_id).toBe(VIEWS.shared);
      // The form opens first (its trigger expires); the updated reply follows.
      const replies = await eventually(() => {
        const sent = repliesTo(h, 'UHELPER01');
        return sent.length >= 2 && sent;
      });
      expect(replies).toHaveLength(2);
      expect(replies[1]?.args).toMatchObject({ replace_original: true });
      expect(visibleText(replies[1]?.args ?? {})).toContain('You shared *Spring launch*');
      expect(await participationRows(h, posted.id)).toHaveLength(1);
      expect((await participationRows(h, posted.id))[0]?.shared_at).not.toBeNull();
      await settled(h);
      expect(visibleText(messageOf(h, posted))).toContain('1 in, 1 shared');
    });

    it("shows a field error for a bad link to one's post, and keeps the share", async () => {
      const form = await sharedFormFor(h, await click(h, 'UHELPER01', ACTIONS.markShared, posted));

      const answer = await submitSharedForm(h, 'UHELPER01', form, 'javascript:alert(1)', 'x');

      expect(answer.json()).toMatchObject({ response_action: 'errors' });
      const errors = answer.json<{ errors: Record<string, string> }>().errors;
      expect(Object.keys(errors)).toEqual([SHARED_FIELDS.shareUrl]);
      expect(errors[SHARED_FIELDS.shareUrl]).toContain('http');
      expect(await participationRows(h, posted.id)).toMatchObject([
        { user_id: 'UHELPER01', share_url: null, network: null },
      ]);
      expect((await participationRows(h, posted.id))[0]?.shared_at).not.toBeNull();
    });

    it('"Withdraw" removes the participation, lowers the counts and tells nobody else', async () => {
      await optIn(h, 'UHELPER02', posted);
      const reply = await optIn(h, 'UHELPER01', posted);
      await settled(h);
      expect(visibleText(messageOf(h, posted))).toContain('2 in, 0 shared');
      const before = privateMessages(h).length;

      await click(h, 'UHELPER01', ACTIONS.withdraw, posted, { container: 'ephemeral', blocks: reply.args.blocks });
      // The reply to the withdrawal and the message update go their own ways: both are waited for.
      await h.slack.waitFor(isReplyTo('UHELPER01'), 5000, 2);
      await settled(h);

      expect((await participationRows(h, posted.id)).map((row) => row.user_id)).toEqual(['UHELPER02']);
      expect(visibleText(messageOf(h, posted))).toContain('1 in, 0 shared');
      const after = privateMessages(h).slice(before);
      expect(after.map((message) => message.to)).toEqual(['UHELPER01']);
      expect(after[0]?.call.args).toMatchObject({ response_type: 'ephemeral', replace_original: true });
      expect(visibleText(after[0]?.call.args ?? {})).toContain('No one is told');
      expect(JSON.stringify(messageOf(h, posted))).not.toContain('UHELPER01');
    });

    it('"Close" by the requester leaves the final figures and no buttons', async () => {
      await optIn(h, 'UHELPER01', posted);
      await click(h, 'UHELPER02', ACTIONS.markShared, posted);
      await settled(h);

      await click(h, REQUESTER, ACTIONS.close, posted);
      await settled(h);

      expect(await requestRow(h, posted.id)).toMatchObject({ status: 'closed', closed_by: REQUESTER });
      const message = messageOf(h, posted);
      expect(visibleText(message)).toContain('2 in, 1 shared');
      expect(visibleText(message)).toContain('Closed');
      expect(buttonsIn(message.blocks)).toEqual([]);
      expect((message.blocks ?? []).filter((block) => block.type === 'actions')).toEqual([]);
    });

    it('"Close" by someone else gets them a private note and changes nothing', async () => {
      await optIn(h, 'UHELPER01', posted);
      await settled(h);
      const updates = updatesOf(h, posted).length;
      const messageBefore = messageOf(h, posted);

      await click(h, 'UHELPER01', ACTIONS.close, posted);
      const replies = await h.slack.waitFor(isReplyTo('UHELPER01'), 5000, 2);
      await settled(h);

      expect(replies[1]?.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(visibleText(replies[1]?.args ?? {})).toContain('Only the person who asked');
      expect(await requestRow(h, posted.id)).toMatchObject({ status: 'open', closed_at: null });
      expect(updatesOf(h, posted)).toHaveLength(updates);
      expect(messageOf(h, posted)).toEqual(messageBefore);
    });

    it('"Close" by a Boost admin closes the request', async () => {
      await click(h, ADMIN, ACTIONS.close, posted);
      await settled(h);

      expect(await requestRow(h, posted.id)).toMatchObject({ status: 'closed', closed_by: ADMIN });
      expect(buttonsIn(messageOf(h, posted).blocks)).toEqual([]);
      expect(repliesTo(h, ADMIN)).toEqual([]);
    });

    it('tells a late helper privately that a closed request takes no more help', async () => {
      // Someone who still has the message open as it was before it closed.
      const staleMessage = messageOf(h, posted);
      await click(h, REQUESTER, ACTIONS.close, posted);
      await settled(h);
      const closedMessage = messageOf(h, posted);

      await click(h, 'UHELPER03', ACTIONS.optIn, posted, { message: staleMessage });
      const [note] = await h.slack.waitFor(isReplyTo('UHELPER03'));

      expect(visibleText(note?.args ?? {})).toContain('That request is closed');
      expect(await participationRows(h, posted.id)).toEqual([]);
      expect(messageOf(h, posted)).toEqual(closedMessage);
    });
  });
});
