import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockAction } from '../../src/playground/payloads.ts';
import { signSlackRequest } from '../../src/playground/signed-client.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { type AnyBoostHarness, forEachDatabase } from '../harness/databases.ts';
import {
  clickPayload,
  createRequest,
  isReplyTo,
  optIn,
  type Posted,
  participationRows,
  responseUrlFor,
  rows,
  visibleText,
} from '../harness/driver.ts';

forEachDatabase((start) => {
  describe('the HTTP endpoint', () => {
    let h: AnyBoostHarness;
    let posted: Posted;
    beforeEach(async () => {
      h = await start();
      posted = await createRequest(h);
    });
    afterEach(async () => {
      await h.stop();
    });

    it('answers 401 to a request with a forged signature, and does nothing', async () => {
      const payload = clickPayload(h, 'UHELPER01', ACTIONS.optIn, posted);

      const forged = await h.sender.interact(payload, { signature: `v0=${'0'.repeat(64)}` });
      const otherSecret = await h.sender.interact(payload, {
        signature: signSlackRequest('not-the-signing-secret', Math.floor(Date.now() / 1000), 'payload=x'),
      });

      expect(forged.status).toBe(401);
      expect(otherSecret.status).toBe(401);
      expect(await participationRows(h, posted.id)).toEqual([]);
      expect(h.slack.callsTo('response_url')).toEqual([]);
    });

    it('answers 401 to a correctly signed request older than five minutes (a replay)', async () => {
      const payload = clickPayload(h, 'UHELPER01', ACTIONS.optIn, posted);

      const replayed = await h.sender.interact(payload, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });

      expect(replayed.status).toBe(401);
      expect(await participationRows(h, posted.id)).toEqual([]);
    });

    it('accepts a signed request from four minutes ago', async () => {
      const payload = clickPayload(h, 'UHELPER01', ACTIONS.optIn, posted);

      const recent = await h.sender.interact(payload, { timestamp: Math.floor(Date.now() / 1000) - 4 * 60 });

      expect(recent.status).toBe(200);
      expect(await participationRows(h, posted.id)).toHaveLength(1);
    });

    it('answers GET /healthz with 200 {"ok":true} while the database answers, saying Slack was reached', async () => {
      const response = await fetch(`${h.sender.baseUrl}/healthz`);

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true, slack: 'reached' });
    });

    it('acks a click on a button it does not know, and keeps working', async () => {
      const unknown = blockAction({
        container: 'message',
        userId: 'UHELPER01',
        actionId: 'boost_button_from_an_older_version',
        value: String(posted.id),
        channelId: posted.channel,
        responseUrl: responseUrlFor(h, 'UHELPER01'),
      });

      const answer = await h.sender.interact(unknown);

      expect(answer.status).toBe(200);
      // The person is told privately, after the ack, that the button is no longer in use.
      const [note] = await h.slack.waitFor(isReplyTo('UHELPER01'));
      expect(visibleText(note?.args)).toContain('That is no longer in use in Boost');
      await optIn(h, 'UHELPER01', posted);
      expect(await participationRows(h, posted.id)).toHaveLength(1);
      expect(h.slack.calls.filter(isReplyTo('UHELPER01'))).toHaveLength(2);
      expect((await fetch(`${h.sender.baseUrl}/healthz`)).status).toBe(200);
      expect(await rows(h, 'select count(*) as n from requests')).toEqual([{ n: 1 }]);
    });

    it('acks a click on a share link without answering anything', async () => {
      const reply = await optIn(h, 'UHELPER01', posted);
      const share = clickPayload(h, 'UHELPER01', `${ACTIONS.shareLink}_linkedin`, posted, {
        container: 'ephemeral',
        blocks: reply.args.blocks,
      });

      const answer = await h.sender.interact(share);

      expect(answer.status).toBe(200);
      expect(answer.text).toBe('');
    });
  });
});
