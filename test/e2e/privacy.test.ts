import { afterEach, describe, expect, it } from 'vitest';
import {
  appUninstalled,
  blockAction,
  eventCallback,
  tokensRevoked,
  userChange,
} from '../../src/playground/payloads.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { TEAM, TestClock } from '../harness/boost.ts';
import { type AnyBoostHarness, forEachDatabase } from '../harness/databases.ts';
import {
  ackMessage,
  buttonsIn,
  click,
  command,
  createRequest,
  DAY,
  dmsTo,
  eventually,
  HOUR,
  isReplyTo,
  messageOf,
  optIn,
  type Person,
  type Posted,
  participationRows,
  repliesTo,
  responseUrlFor,
  rows,
  settled,
  tableNames,
  visibleText,
} from '../harness/driver.ts';

type Json = Record<string, unknown>;

const FORGOTTEN = 'UFORGET01';
const REQUESTER = 'UREQUEST1';
const HELPER = 'UHELPER01';
const ADMIN = 'UADMIN001';

/** Every row of every table of Boost's database that mentions `text` anywhere, by table. */
async function rowsMentioning(h: AnyBoostHarness, text: string): Promise<Record<string, Json[]>> {
  const found: Record<string, Json[]> = {};
  for (const name of await tableNames(h)) {
    const matching = (await rows<Json>(h, `select * from "${name}"`)).filter((row) =>
      JSON.stringify(row).includes(text),
    );
    if (matching.length > 0) found[name] = matching;
  }
  return found;
}

/** `/boost forget-me`, then a press on the "Delete my data" button of the private question it answered with. */
async function forgetMe(h: AnyBoostHarness, userId: string): Promise<{ question: Json; payload: Json }> {
  const question = ackMessage(await command(h, userId, 'forget-me')) as Json;
  const payload = blockAction({
    container: 'ephemeral',
    userId,
    actionId: ACTIONS.forgetMe,
    value: 'forget-me',
    channelId: 'CBOOST001',
    responseUrl: responseUrlFor(h, userId),
  });
  const response = await h.sender.interact(payload);
  expect(response.status).toBe(200);
  return { question, payload };
}

/** The code blocks of the export messages a person received, joined in order and parsed. */
function exportedData(messages: Json[]): Json {
  const code = messages
    .flatMap((message) => (message.blocks ?? []) as Json[])
    .map((block) => (block.text as Json | undefined)?.text)
    .filter((text): text is string => typeof text === 'string' && text.startsWith('```'))
    .map((text) => text.slice(3, -3))
    .join('');
  return JSON.parse(code) as Json;
}

/** "I shared it" pressed on the request message (the share is counted; the form to add a link may open). */
const share = (h: AnyBoostHarness, userId: string, posted: Posted) => click(h, userId, ACTIONS.markShared, posted);

forEachDatabase((start) => {
  describe('/boost forget-me', () => {
    let h: AnyBoostHarness;
    afterEach(async () => {
      await h?.stop();
    });

    it('asks first, listing what would go, and deletes nothing until the person confirms', async () => {
      h = await start();
      const mine = await createRequest(h, { title: 'My talk' }, FORGOTTEN);
      await optIn(h, HELPER, mine);

      const question = ackMessage(await command(h, FORGOTTEN, 'forget-me'));
      expect(question.response_type ?? 'ephemeral').toBe('ephemeral');
      const text = visibleText(question);
      expect(text).toContain('1 request you made (1 still open)');
      expect(text).toContain('1 record of colleagues who joined them');
      const buttons = buttonsIn(question.blocks);
      expect(buttons.map((b) => b.text)).toEqual(['Delete my data', 'Keep my data']);
      expect(JSON.stringify(question.blocks)).toContain('"style":"danger"');
      expect(await rows(h, 'select id from requests where requester_id = ?', FORGOTTEN)).toHaveLength(1);
    });

    it('keeps everything when the person presses "Keep my data"', async () => {
      h = await start();
      await createRequest(h, {}, FORGOTTEN);
      await command(h, FORGOTTEN, 'forget-me');
      await h.sender.interact(
        blockAction({
          container: 'ephemeral',
          userId: FORGOTTEN,
          actionId: ACTIONS.keepMyData,
          value: 'keep',
          responseUrl: responseUrlFor(h, FORGOTTEN),
        }),
      );
      const [reply] = await h.slack.waitFor(isReplyTo(FORGOTTEN));
      expect(visibleText(reply?.args ?? {})).toContain('Nothing was deleted');
      expect(await rows(h, 'select id from requests where requester_id = ?', FORGOTTEN)).toHaveLength(1);
    });

    it('deletes everything about the person, rewrites the affected messages, and says what went', async () => {
      h = await start({ PUBLIC_BASE_URL: 'https://boost.example.com' });
      h.slack.setUser(FORGOTTEN, { is_admin: true });
      // Someone else's request the person joined, shared and asked a reminder for.
      const theirs = await createRequest(h, { title: 'Their launch', deadline: undefined }, REQUESTER);
      await optIn(h, HELPER, theirs);
      await optIn(h, FORGOTTEN, theirs);
      await share(h, FORGOTTEN, theirs);
      // Someone else's request the person closed as an admin.
      const closedByThem = await createRequest(h, { title: 'Closed by an admin' }, REQUESTER);
      await click(h, FORGOTTEN, ACTIONS.close, closedByThem);
      // A Slack admin Boost has not cached yet: the request closes once users.info has answered, after the ack.
      await eventually(
        async () => (await rows(h, 'select closed_by from requests where id = ?', closedByThem.id))[0]?.closed_by,
      );
      // The person's own requests: one open that a colleague joined, one already closed.
      const own = await createRequest(h, { title: 'My secret talk', ask: 'Please share my secret talk' }, FORGOTTEN);
      await optIn(h, HELPER, own);
      const ownClosed = await createRequest(h, { title: 'My old post' }, FORGOTTEN);
      await click(h, FORGOTTEN, ACTIONS.close, ownClosed);
      // Settings and a digest record, as the settings form and the weekly digest leave them (closing as a Slack admin
      // cached their profile).
      await h.boost.context.repos.settings.update(TEAM, FORGOTTEN, { showName: true }, h.clock.now());
      await h.boost.context.repos.digests.claim(TEAM, FORGOTTEN, '2026-W01', h.clock.now());
      await settled(h);
      expect(messageOf(h, theirs).text).toContain('2 in, 1 shared');
      const links = await rows<{ token: string }>(h, 'select token from tracked_links where user_id = ?', FORGOTTEN);
      const trackedBefore = links.length;
      expect(trackedBefore).toBeGreaterThan(0);
      for (const { token } of links) {
        const visit = await fetch(`${h.sender.baseUrl}/r/${token}`, {
          redirect: 'manual',
          headers: {
            'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Safari/605.1.15',
          },
        });
        expect(visit.status).toBe(302);
      }
      expect(await rows(h, 'select * from link_clicks')).toHaveLength(trackedBefore);
      expect(Object.keys(await rowsMentioning(h, FORGOTTEN))).toEqual(
        expect.arrayContaining(['requests', 'participations', 'tracked_links']),
      );

      const { question } = await forgetMe(h, FORGOTTEN);
      expect(visibleText(question)).toContain('2 requests you made (1 still open)');
      const [note] = await h.slack.waitFor(
        (call) => isReplyTo(FORGOTTEN)(call) && visibleText(call.args).includes('Done'),
      );
      await settled(h);

      // Nothing left that names the person (Slack delivery receipts, kept a day to recognise retries, name nobody).
      expect(await rowsMentioning(h, FORGOTTEN)).toEqual({});
      // Their requests are gone, with the colleague's participation in them; the colleague's other one stays.
      expect(await rows(h, 'select id from requests where id in (?, ?)', own.id, ownClosed.id)).toEqual([]);
      expect(await rows(h, 'select * from participations where request_id = ?', own.id)).toEqual([]);
      expect((await participationRows(h, theirs.id)).map((row) => row.user_id)).toEqual([HELPER]);
      expect(await rows(h, 'select closed_by from requests where id = ?', closedByThem.id)).toEqual([
        { closed_by: null },
      ]);
      expect(await rowsMentioning(h, 'My secret talk')).toEqual({});
      expect(await rows(h, 'select * from link_clicks')).toEqual([]);

      // The messages: counts went down; removed requests say so, with no content and no buttons.
      expect(messageOf(h, theirs).text).toContain('1 in, 0 shared');
      for (const removed of [own, ownClosed]) {
        const message = messageOf(h, removed);
        expect(visibleText(message)).toContain('removed');
        expect(visibleText(message)).not.toMatch(/secret|old post|UFORGET01/);
        expect(buttonsIn(message.blocks)).toEqual([]);
      }

      // The private note, replacing the question, counts what went.
      expect(note?.args.replace_original).toBe(true);
      const said = visibleText(note?.args ?? {});
      expect(said).toContain('2 requests and 1 participation of colleagues in them');
      expect(said).toContain('1 participation in requests');
      expect(said).toContain(`${trackedBefore} tracked link`);
      expect(said).toContain('your settings');
      expect(said).toContain('your cached Slack profile');
      expect(said).toContain('1 digest record');
      expect(said).toContain("closed someone else's request");
    });

    it('deletes once and answers once when Slack delivers the confirmation twice', async () => {
      h = await start();
      const own = await createRequest(h, {}, FORGOTTEN);
      const { payload } = await forgetMe(h, FORGOTTEN);
      await h.slack.waitFor(isReplyTo(FORGOTTEN));
      const again = await h.sender.interact(payload, { retryNum: 1, retryReason: 'http_timeout' });
      expect(again.status).toBe(200);
      await settled(h);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(repliesTo(h, FORGOTTEN)).toHaveLength(1);
      expect(h.slack.callsTo('chat.update').filter((call) => call.args.ts === own.ts)).toHaveLength(1);
    });

    it('tells someone Boost knows nothing about that there is nothing to delete', async () => {
      h = await start();
      const question = ackMessage(await command(h, 'UNOBODY01', 'forget-me'));
      expect(visibleText(question)).toContain('nothing to delete');
      expect(buttonsIn(question.blocks)).toEqual([]);
    });

    it('answers a stale click on a removed request without recording anything', async () => {
      h = await start();
      const own = await createRequest(h, {}, FORGOTTEN);
      const staleMessage = messageOf(h, own);
      await forgetMe(h, FORGOTTEN);
      await h.slack.waitFor(isReplyTo(FORGOTTEN));
      await click(h, HELPER, ACTIONS.optIn, own, { message: staleMessage });
      const [reply] = await h.slack.waitFor(isReplyTo(HELPER));
      expect(visibleText(reply?.args ?? {})).toContain('no longer exists');
      expect(await rows(h, 'select * from participations')).toEqual([]);
    });
  });

  describe('/boost export', () => {
    let h: AnyBoostHarness;
    afterEach(async () => {
      await h?.stop();
    });

    it("gives the person exactly their own data, privately, and nothing of anyone else's", async () => {
      h = await start();
      const own = await createRequest(h, { title: 'My launch', ask: 'Please <!here> share & enjoy' }, FORGOTTEN);
      await optIn(h, HELPER, own);
      const theirs = await createRequest(h, { title: 'Their post', ask: 'Their private wording' }, REQUESTER);
      await optIn(h, FORGOTTEN, theirs);
      await share(h, FORGOTTEN, theirs);
      await optIn(h, HELPER, theirs);

      const response = await command(h, FORGOTTEN, 'export');
      const message = ackMessage(response) as Json;
      expect(message.response_type ?? 'ephemeral').toBe('ephemeral');
      expect(JSON.stringify(message)).not.toMatch(/<!here>|<@/);
      const data = exportedData([message]);

      expect(data.user).toBe(FORGOTTEN);
      expect(data.requests).toEqual([
        expect.objectContaining({
          id: own.id,
          title: 'My launch',
          ask: 'Please <!here> share & enjoy',
          figures: { optedIn: 1, shared: 0 },
        }),
      ]);
      expect(data.participations).toEqual([
        expect.objectContaining({ request: expect.objectContaining({ id: theirs.id, title: 'Their post' }) }),
      ]);
      expect((data.participations as Json[])[0]?.sharedAt).toEqual(expect.any(String));
      const everything = JSON.stringify(data);
      expect(everything).not.toContain(HELPER);
      expect(everything).not.toContain(REQUESTER);
      expect(everything).not.toContain('Their private wording');
    });

    it('splits a large export over several private messages that copy back to the whole JSON', async () => {
      h = await start({ MAX_OPEN_REQUESTS_PER_USER: '20' });
      for (let i = 0; i < 14; i++) {
        await createRequest(
          h,
          { title: `Post ${i}`, ask: `${i} ${'long ask '.repeat(110)}`, suggestedText: 'x'.repeat(900) },
          FORGOTTEN,
        );
      }
      const response = await command(h, FORGOTTEN, 'export');
      const first = ackMessage(response) as Json;
      const parts = Number(/part 1 of (\d+)/.exec(visibleText(first))?.[1]);
      expect(parts).toBeGreaterThan(1);
      const rest = await h.slack.waitFor(isReplyTo(FORGOTTEN), 10_000, parts - 1);
      const data = exportedData([first, ...rest.map((call) => call.args)]);
      expect(data.requests).toHaveLength(14);
    });
  });

  describe('a deactivated account', () => {
    let h: AnyBoostHarness;
    afterEach(async () => {
      await h?.stop();
    });

    it('is forgotten automatically, with no message to them, and the messages it touched are updated', async () => {
      h = await start();
      const own = await createRequest(h, { title: 'Leaving post' }, FORGOTTEN);
      const theirs = await createRequest(h, {}, REQUESTER);
      await optIn(h, FORGOTTEN, theirs);
      await optIn(h, HELPER, own);
      await settled(h);
      const callsBefore = h.slack.calls.length;

      const event = userChange({ id: FORGOTTEN, deleted: true });
      expect((await h.sender.event(event)).status).toBe(200);
      await h.sender.event(event, { retryNum: 1, retryReason: 'http_timeout' });
      await eventually(async () =>
        Object.keys(await rowsMentioning(h, FORGOTTEN)).every((table) => table === 'receipts'),
      );
      await settled(h);

      expect(await rowsMentioning(h, FORGOTTEN)).toEqual({});
      expect(visibleText(messageOf(h, own))).toContain('removed');
      expect(messageOf(h, theirs).text).toContain('No one in yet');
      const toThem = h.slack.calls
        .slice(callsBefore)
        .filter(
          (call) => call.args.user === FORGOTTEN || call.args.channel === FORGOTTEN || isReplyTo(FORGOTTEN)(call),
        );
      expect(toThem).toEqual([]);
    });

    it('keeps a cached admin flag current when Slack says someone stopped being an admin', async () => {
      h = await start();
      h.slack.setUser(ADMIN, { is_admin: true });
      await command(h, ADMIN, 'stats');
      await h.slack.waitFor(isReplyTo(ADMIN));
      expect((await h.boost.context.repos.profiles.get(TEAM, ADMIN))?.isAdmin).toBe(true);

      await h.sender.event(userChange({ id: ADMIN, is_admin: false, is_owner: false }));
      await eventually(async () => (await h.boost.context.repos.profiles.get(TEAM, ADMIN))?.isAdmin === false);

      // Someone Boost never cached is not recorded because Slack mentioned them.
      await h.sender.event(userChange({ id: 'USTRANGER', is_admin: true }));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await rowsMentioning(h, 'USTRANGER')).toEqual({});
    });
  });

  describe('workspaces', () => {
    let h: AnyBoostHarness;
    afterEach(async () => {
      await h?.stop();
    });

    const OTHER_TEAM = 'T0OTHER01';
    const workspace = async (teamId: string) =>
      (await rows<Json>(h, 'select * from workspaces where team_id = ?', teamId))[0];

    /** A helper in `teamId` who opted in to a request due in three days and asked for a reminder. */
    async function helperWaitingForReminder(teamId: string, requesterId: string, helperId: string) {
      const asker: Person = { userId: requesterId, teamId };
      // Each form gets its own wording: the harness reuses one view id, and Boost takes an identical form as a retry.
      const deadline = new Date(h.clock.now() + 3 * DAY).toISOString().slice(0, 10);
      const request = await createRequest(h, { deadline, ask: `Please share (${teamId})` }, asker);
      const helper: Person = { userId: helperId, teamId };
      await click(h, helper, ACTIONS.optIn, request);
      await click(h, helper, ACTIONS.remindMe, request, { container: 'ephemeral' });
      await h.slack.waitFor(isReplyTo(helperId), 5000, 2);
      return request;
    }

    it('records a workspace on first contact, with its name', async () => {
      h = await start();
      expect(await workspace(TEAM)).toBeUndefined();
      await command(h, 'UFIRST001', 'help');
      expect(await workspace(TEAM)).toMatchObject({ team_id: TEAM, name: 'subarachnoid', uninstalled_at: null });
    });

    for (const [what, event] of [
      ['app_uninstalled', () => appUninstalled(TEAM)],
      ['tokens_revoked', () => tokensRevoked(TEAM)],
    ] as const) {
      it(`stops reminders and expiry for a workspace after ${what}, and only for it`, async () => {
        h = await start({}, new TestClock(), { runJobs: false });
        const gone = await helperWaitingForReminder(TEAM, 'UASKGONE1', 'UHELPGONE');
        const kept = await helperWaitingForReminder(OTHER_TEAM, 'UASKKEPT1', 'UHELPKEPT');

        expect((await h.sender.event(event())).status).toBe(200);
        await eventually(async () => (await workspace(TEAM))?.uninstalled_at);
        expect((await workspace(TEAM))?.uninstalled_at).toEqual(expect.any(Number));
        expect(await h.boost.context.repos.workspaces.isActive(TEAM)).toBe(false);
        expect(await h.boost.context.repos.workspaces.activeTeams()).toEqual([OTHER_TEAM]);

        // A day before the deadline: only the installed workspace's helper is reminded.
        const deadline = Number(
          (await rows<Json>(h, 'select deadline_at from requests where id = ?', gone.id))[0]?.deadline_at,
        );
        h.clock.set(deadline - DAY + HOUR);
        await h.boost.jobs.reminders.runOnce(h.clock.now());
        expect(dmsTo(h, 'UHELPGONE')).toHaveLength(0);
        expect(dmsTo(h, 'UHELPKEPT')).toHaveLength(1);

        // Past the deadline: only the installed workspace's request expires.
        h.clock.set(deadline + 2 * DAY);
        const expired = await h.boost.jobs.expiry.runOnce(h.clock.now());
        expect(expired).toContain(kept.id);
        expect(expired).not.toContain(gone.id);
      });
    }

    it('sends no weekly digest to anyone in a workspace that uninstalled Boost', async () => {
      const wednesday = Date.parse('2026-03-04T10:00:00Z');
      const monday9 = Date.parse('2026-03-09T09:00:00Z');
      h = await start({}, new TestClock(wednesday), { runJobs: false });
      await helperWaitingForReminder(TEAM, 'UASKGONE1', 'UHELPGONE');
      await helperWaitingForReminder(OTHER_TEAM, 'UASKKEPT1', 'UHELPKEPT');
      await h.sender.event(appUninstalled(TEAM));
      await eventually(async () => !(await h.boost.context.repos.workspaces.isActive(TEAM)));

      await h.boost.jobs.digest.runOnce(monday9);
      expect(dmsTo(h, 'UHELPKEPT')).toHaveLength(1);
      expect(dmsTo(h, 'UASKKEPT1')).toHaveLength(1);
      expect(dmsTo(h, 'UHELPGONE')).toEqual([]);
      expect(dmsTo(h, 'UASKGONE1')).toEqual([]);
    });

    it('ignores a revocation of user tokens alone, since Boost works with its bot token', async () => {
      h = await start();
      await command(h, 'UFIRST001', 'help');
      await h.sender.event(tokensRevoked(TEAM, { bot: [], oauth: ['UFIRST001'] }));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await workspace(TEAM))?.uninstalled_at).toBeNull();
    });

    it('counts a workspace as installed again when someone uses Boost there after an uninstall', async () => {
      h = await start();
      await command(h, 'UFIRST001', 'help');
      await h.sender.event(appUninstalled(TEAM));
      await eventually(async () => !(await h.boost.context.repos.workspaces.isActive(TEAM)));
      // A late event does not reinstate it...
      await h.sender.event(
        eventCallback({ type: 'app_home_opened', user: 'UFIRST001', tab: 'home', channel: 'DFIRST001' }),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await h.boost.context.repos.workspaces.isActive(TEAM)).toBe(false);
      // ...a person's command does.
      await command(h, { userId: 'UFIRST001' }, 'help');
      expect((await workspace(TEAM))?.uninstalled_at).toBeNull();
    });
  });

  describe('retention', () => {
    let h: AnyBoostHarness;
    afterEach(async () => {
      await h?.stop();
    });

    it('purges requests closed longer ago than DATA_RETENTION_DAYS with their participations, and keeps the rest', async () => {
      h = await start({ DATA_RETENTION_DAYS: '30' }, new TestClock(), { runJobs: false });
      const old = await createRequest(h, { title: 'Old' }, REQUESTER);
      await optIn(h, HELPER, old);
      await click(h, REQUESTER, ACTIONS.close, old);
      h.clock.advance(20 * DAY);
      const recent = await createRequest(h, { title: 'Recent' }, REQUESTER);
      await optIn(h, HELPER, recent);
      await click(h, REQUESTER, ACTIONS.close, recent);
      const open = await createRequest(
        h,
        { title: 'Open', deadline: new Date(h.clock.now() + 300 * DAY).toISOString().slice(0, 10) },
        HELPER,
      );
      await optIn(h, REQUESTER, open);
      await settled(h);

      h.clock.advance(11 * DAY);
      const purged = await h.boost.jobs.retention.runOnce(h.clock.now());

      expect(purged?.closedRequests).toBe(1);
      expect(await rows(h, 'select title from requests order by id')).toEqual([{ title: 'Recent' }, { title: 'Open' }]);
      expect(await participationRows(h, old.id)).toEqual([]);
      expect(await participationRows(h, recent.id)).toHaveLength(1);
      // Slack delivery receipts older than a day are gone too.
      expect(await rows(h, 'select * from receipts')).toEqual([]);
      // It runs once a day, whatever the scheduler's minute ticks.
      expect(await h.boost.jobs.retention.runOnce(h.clock.now() + HOUR)).toBeUndefined();
    });

    it('deletes everything of a workspace that has stayed uninstalled for the retention period', async () => {
      h = await start({ DATA_RETENTION_DAYS: '30' }, new TestClock(), { runJobs: false });
      const open = await createRequest(h, {}, REQUESTER);
      await optIn(h, HELPER, open);
      await h.sender.event(appUninstalled(TEAM));
      await eventually(async () => !(await h.boost.context.repos.workspaces.isActive(TEAM)));

      await h.boost.jobs.retention.runOnce(h.clock.now() + 10 * DAY);
      expect(await rows(h, 'select id from requests')).toHaveLength(1);
      await h.boost.jobs.retention.runOnce(h.clock.now() + 31 * DAY);
      expect(await rows(h, 'select id from requests')).toEqual([]);
      expect(await rows(h, 'select * from participations')).toEqual([]);
      expect(await rows(h, 'select team_id from workspaces')).toEqual([{ team_id: TEAM }]);
    });
  });
});
