import { afterEach, describe, expect, it } from 'vitest';
import { userChange } from '../../src/playground/payloads.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { TEAM } from '../harness/boost.ts';
import { type AnyBoostHarness, forEachDatabase } from '../harness/databases.ts';
import {
  buttonsIn,
  click,
  command,
  createRequest,
  eventually,
  isReplyTo,
  messageOf,
  optIn,
  type Posted,
  repliesTo,
  requestRow,
  settled,
  visibleText,
} from '../harness/driver.ts';

const REQUESTER = 'UREQUEST1';
const HELPER = 'UHELPER01';
const BOOST_ADMIN = 'UBOOSTADM';
const SLACK_ADMIN = 'USLACKADM';
const SLACK_OWNER = 'USLACKOWN';
const SOMEONE = 'USOMEONE1';

/** Presses "Close" on a request's message; resolves with how long Boost took to answer Slack. */
async function pressClose(h: AnyBoostHarness, userId: string, posted: Posted): Promise<number> {
  const started = Date.now();
  await click(h, userId, ACTIONS.close, posted);
  return Date.now() - started;
}

async function closedEventually(h: AnyBoostHarness, posted: Posted): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await requestRow(h, posted.id))?.status !== 'closed') {
    if (Date.now() > deadline) throw new Error(`request ${posted.id} was not closed`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await settled(h);
}

/** `/boost stats`, and the private answer it brought (the ack is empty; the figures follow through the response_url). */
async function stats(h: AnyBoostHarness, userId: string): Promise<string> {
  const before = repliesTo(h, userId).length;
  await command(h, userId, 'stats');
  const replies = await h.slack.waitFor(isReplyTo(userId), 5000, before + 1);
  return visibleText(replies[replies.length - 1]?.args ?? {});
}

forEachDatabase((start) => {
  describe('admins closing requests', () => {
    let h: AnyBoostHarness;
    afterEach(async () => {
      await h?.stop();
    });

    it('lets someone listed in BOOST_ADMINS close anyone’s request', async () => {
      h = await start({ BOOST_ADMINS: BOOST_ADMIN });
      const posted = await createRequest(h, {}, REQUESTER);
      await pressClose(h, BOOST_ADMIN, posted);
      await closedEventually(h, posted);
      expect(await requestRow(h, posted.id)).toMatchObject({ status: 'closed', closed_by: BOOST_ADMIN });
      expect(buttonsIn(messageOf(h, posted).blocks)).toEqual([]);
      expect(h.slack.callsTo('users.info')).toEqual([]);
    });

    it('lets a Slack admin or owner close anyone’s request, without making Slack wait on users.info', async () => {
      h = await start();
      h.slack.setUser(SLACK_ADMIN, { is_admin: true });
      h.slack.setUser(SLACK_OWNER, { is_owner: true });
      const first = await createRequest(h, { ask: 'First' }, REQUESTER);
      const second = await createRequest(h, { ask: 'Second' }, REQUESTER);
      // users.info answers only once both clicks are answered, which must be well within Slack's 3 seconds.
      h.slack.hold('users.info');

      const answered = await Promise.all([pressClose(h, SLACK_ADMIN, first), pressClose(h, SLACK_OWNER, second)]);
      for (const ms of answered) expect(ms).toBeLessThan(2500);
      h.slack.release('users.info');
      await closedEventually(h, first);
      await closedEventually(h, second);
      expect(await requestRow(h, second.id)).toMatchObject({ closed_by: SLACK_OWNER });
      expect(repliesTo(h, SLACK_ADMIN)).toEqual([]);
    });

    it('decides from the cached admin flag next time, asking Slack nothing before the ack', async () => {
      h = await start();
      h.slack.setUser(SLACK_ADMIN, { is_admin: true });
      const first = await createRequest(h, { ask: 'First' }, REQUESTER);
      const second = await createRequest(h, { ask: 'Second' }, REQUESTER);
      await pressClose(h, SLACK_ADMIN, first);
      await closedEventually(h, first);
      const lookups = h.slack.callsTo('users.info').length;

      await pressClose(h, SLACK_ADMIN, second);
      expect((await requestRow(h, second.id))?.status).toBe('closed');
      await settled(h);
      expect(h.slack.callsTo('users.info')).toHaveLength(lookups);
    });

    it('refuses anyone else privately and leaves the request open', async () => {
      h = await start({ BOOST_ADMINS: BOOST_ADMIN });
      const posted = await createRequest(h, {}, REQUESTER);
      await optIn(h, HELPER, posted);
      await click(h, HELPER, ACTIONS.close, posted);
      const [reply] = await h.slack.waitFor(
        (call) => isReplyTo(HELPER)(call) && visibleText(call.args).includes('Only the person who asked'),
      );
      expect(visibleText(reply?.args ?? {})).toContain('Only the person who asked (or a Boost admin) can do that.');
      expect(reply?.args.replace_original).toBe(false);
      expect((await requestRow(h, posted.id))?.status).toBe('open');
    });

    it('stops treating someone as an admin once Slack says they no longer are one', async () => {
      h = await start();
      h.slack.setUser(SLACK_ADMIN, { is_admin: true });
      const first = await createRequest(h, { ask: 'First' }, REQUESTER);
      const second = await createRequest(h, { ask: 'Second' }, REQUESTER);
      await pressClose(h, SLACK_ADMIN, first);
      await closedEventually(h, first);

      h.slack.setUser(SLACK_ADMIN, { is_admin: false });
      await h.sender.event(userChange({ id: SLACK_ADMIN, is_admin: false }));
      await eventually(async () => (await h.boost.context.repos.profiles.get(TEAM, SLACK_ADMIN))?.isAdmin === false);
      await click(h, SLACK_ADMIN, ACTIONS.close, second);
      await h.slack.waitFor(
        (call) => isReplyTo(SLACK_ADMIN)(call) && visibleText(call.args).includes('Only the person who asked'),
      );
      expect((await requestRow(h, second.id))?.status).toBe('open');
    });
  });

  describe('/boost stats', () => {
    let h: AnyBoostHarness;
    afterEach(async () => {
      await h?.stop();
    });

    it('shows an admin this workspace’s weekly totals, as figures without names', async () => {
      h = await start({ BOOST_ADMINS: BOOST_ADMIN });
      const first = await createRequest(h, { ask: 'First' }, REQUESTER);
      await createRequest(h, { ask: 'Second' }, REQUESTER);
      await optIn(h, HELPER, first);
      await optIn(h, SOMEONE, first);
      await click(h, HELPER, ACTIONS.markShared, first);

      const text = await stats(h, BOOST_ADMIN);
      expect(text).toContain('last 8 weeks');
      // The current week's row: 2 requests, 2 helpers, 2 opt-ins, 1 share; the total row says the same.
      const rows = text.split('\n').filter((line) => /^\d{4}-W\d{2}\s/.test(line));
      expect(rows).toHaveLength(8);
      expect(rows[7]?.split(/\s+/).slice(1)).toEqual(['2', '2', '2', '1']);
      expect(rows.slice(0, 7).every((line) => /^\S+(\s+0){4}$/.test(line))).toBe(true);
      expect(text).toMatch(/Total\s+2\s+2\s+2\s+1/);
      for (const person of [REQUESTER, HELPER, SOMEONE]) expect(text).not.toContain(person);
      expect(text).not.toContain('<@');
    });

    it('shows a Slack admin the figures too, found through users.info', async () => {
      h = await start();
      h.slack.setUser(SLACK_ADMIN, { is_admin: true });
      expect(await stats(h, SLACK_ADMIN)).toContain('Boost in this workspace');
      expect((await h.boost.context.repos.profiles.get(TEAM, SLACK_ADMIN))?.isAdmin).toBe(true);
    });

    it('tells anyone else privately that the figures are for admins', async () => {
      h = await start({ BOOST_ADMINS: BOOST_ADMIN });
      await createRequest(h, {}, REQUESTER);
      const text = await stats(h, SOMEONE);
      expect(text).toContain('Workspace figures are for Boost admins');
      expect(text).not.toMatch(/Total|\d{4}-W\d{2}/);
    });
  });
});
