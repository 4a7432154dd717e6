import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SocketModeReceiver } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import { createRepositories } from '../../src/db/repositories/index.ts';
import { guardSocketModeRoutes } from '../../src/http/socket-mode-guard.ts';
import { trackedLinkRoute } from '../../src/http/tracked-link.ts';
import { appHomeOpened, blockAction } from '../../src/playground/payloads.ts';
import { socketModeHttpServer } from '../../src/slack/bolt-internals.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { captureLogger, TestClock } from '../harness/boost.ts';
import { type AnyBoostHarness, forEachDatabase } from '../harness/databases.ts';
import {
  click,
  columnNames,
  columnsHolding,
  command,
  createRequest,
  type Posted,
  repliesTo,
  rows,
  settled,
  submitSharedForm,
  tableNames,
  visibleText,
} from '../harness/driver.ts';
import type { RecordedCall } from '../harness/fake-slack.ts';

const BASE = 'https://boost.example.com';
const TARGET = 'https://example.com/launch?ref=blog#top';
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 BoostTestBrowser/9.9';
const LINK = /https:\/\/boost\.example\.com\/r\/([A-Za-z0-9_-]{24})/;
const DAY = 86_400_000;

const requester = { userId: 'U0ASKER01' };
const helper = { userId: 'U0HELPER1' };
const other = { userId: 'U0HELPER2' };

let h: AnyBoostHarness;
afterEach(async () => {
  await h?.stop();
});

async function postLaunch(networks = ['linkedin', 'x', 'reddit', 'hackernews']): Promise<Posted> {
  return createRequest(h, { url: TARGET, title: 'Our launch', networks }, requester);
}

/** The private reply a person got last. */
async function lastReplyTo(userId: string): Promise<RecordedCall> {
  const replies = await eventuallyReplies(userId);
  const reply = replies.at(-1);
  if (!reply) throw new Error(`no reply to ${userId}`);
  return reply;
}

async function eventuallyReplies(userId: string, count = 1): Promise<RecordedCall[]> {
  await h.slack.waitFor((call) => repliesTo(h, userId).includes(call), 5000, count);
  return repliesTo(h, userId);
}

/** Opts a person in and reads their personal link from the private reply. */
async function personalLinkOf(person: { userId: string }, request: Posted): Promise<string> {
  const before = repliesTo(h, person.userId).length;
  await click(h, person, ACTIONS.optIn, request);
  const replies = await eventuallyReplies(person.userId, before + 1);
  const match = LINK.exec(visibleText(replies.at(-1)?.args));
  if (!match) throw new Error(`no personal link in ${visibleText(replies.at(-1)?.args)}`);
  return match[0];
}

/** Opens a link as a browser would, without following the redirect. */
function open(link: string, init: { method?: string; userAgent?: string | null } = {}): Promise<Response> {
  const url = link.replace(BASE, h.sender.baseUrl);
  const headers: Record<string, string> = {};
  if (init.userAgent !== null) headers['user-agent'] = init.userAgent ?? BROWSER;
  return fetch(url, { method: init.method ?? 'GET', headers, redirect: 'manual' });
}

function clicksOf(link: string): Promise<Array<{ day: string; count: number }>> {
  const token = link.slice(link.lastIndexOf('/') + 1);
  return rows(h, 'select day, count from link_clicks where token = ? order by day', token);
}

const totalClicks = async (link: string) => (await clicksOf(link)).reduce((sum, row) => sum + row.count, 0);

forEachDatabase((startBoost) => {
  async function start(env: Record<string, string> = { PUBLIC_BASE_URL: BASE }, clock = new TestClock()) {
    h = await startBoost(env, clock);
    return h;
  }

  describe('personal links', () => {
    it('give each helper who opts in their own link, in their private reply and inside the share buttons', async () => {
      await start();
      const request = await postLaunch();
      const mine = await personalLinkOf(helper, request);
      const theirs = await personalLinkOf(other, request);
      expect(mine).not.toBe(theirs);

      const reply = await lastReplyTo(helper.userId);
      const buttons = JSON.stringify(reply.args.blocks);
      const shareUrls = [...buttons.matchAll(/"url":"([^"]+)"/g)].map((m) => decodeURIComponent(m[1] ?? ''));
      const byNetwork = (host: string) => shareUrls.find((url) => url.includes(host)) ?? '';
      // Where people post in their own words, the personal link; where the link is the post, the original.
      expect(byNetwork('linkedin.com')).toContain(mine);
      expect(byNetwork('x.com')).toContain(mine);
      expect(byNetwork('reddit.com')).toContain(TARGET);
      expect(byNetwork('news.ycombinator.com')).toContain(TARGET);
    });

    it('stay the same for a helper who opts in again or marks the request shared', async () => {
      await start();
      const request = await postLaunch();
      const first = await personalLinkOf(helper, request);
      const again = await personalLinkOf(helper, request);
      await click(h, helper, ACTIONS.markShared, request);
      await h.slack.waitFor('views.open');
      expect(again).toBe(first);
      expect(await rows(h, 'select count(*) as n from tracked_links')).toEqual([{ n: 1 }]);
    });

    it('are not made without PUBLIC_BASE_URL: share buttons carry the original link', async () => {
      await start({});
      const request = await postLaunch();
      await click(h, helper, ACTIONS.optIn, request);
      const reply = await lastReplyTo(helper.userId);
      expect(visibleText(reply.args)).not.toContain('/r/');
      expect(decodeURIComponent(JSON.stringify(reply.args.blocks))).toContain(TARGET);
      expect(await rows(h, 'select count(*) as n from tracked_links')).toEqual([{ n: 0 }]);
    });

    it('are deleted with their clicks when the helper withdraws, and then lead nowhere', async () => {
      await start();
      const request = await postLaunch();
      const link = await personalLinkOf(helper, request);
      await open(link);
      await click(h, helper, ACTIONS.withdraw, request, { container: 'ephemeral' });
      await eventuallyReplies(helper.userId, 2);
      expect(await clicksOf(link)).toEqual([]);
      expect((await open(link)).status).toBe(404);
    });
  });

  describe('the redirect', () => {
    it('sends a click to the request link with a 302, uncached, without a referrer or a cookie', async () => {
      await start();
      const link = await personalLinkOf(helper, await postLaunch());
      const response = await open(link);
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe(TARGET);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('set-cookie')).toBeNull();
    });

    it('counts clicks per link per UTC day, by the app clock', async () => {
      const clock = new TestClock(Date.UTC(2026, 4, 4, 23, 0));
      await start({ PUBLIC_BASE_URL: BASE }, clock);
      const request = await postLaunch();
      const mine = await personalLinkOf(helper, request);
      const theirs = await personalLinkOf(other, request);
      for (let i = 0; i < 3; i++) await open(mine);
      await open(theirs);
      clock.advance(2 * 60 * 60 * 1000); // 01:00 UTC the next day
      for (let i = 0; i < 2; i++) await open(mine);

      expect(await clicksOf(mine)).toEqual([
        { day: '2026-05-04', count: 3 },
        { day: '2026-05-05', count: 2 },
      ]);
      expect(await clicksOf(theirs)).toEqual([{ day: '2026-05-04', count: 1 }]);
    });

    it('redirects link-preview bots and HEAD requests without counting them', async () => {
      await start();
      const link = await personalLinkOf(helper, await postLaunch());
      const bots = [
        'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
        'Twitterbot/1.0',
        'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)',
        'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
        'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
        'http.rb/5.1.1 (Mastodon/4.2.1; +https://mastodon.social/)',
        'Mozilla/5.0 (compatible; Bluesky Cardyb/1.1; +mailto:support@bsky.app)',
      ];
      for (const userAgent of bots) {
        const response = await open(link, { userAgent });
        expect(response.status).toBe(302);
        expect(response.headers.get('location')).toBe(TARGET);
      }
      const head = await open(link, { method: 'HEAD' });
      expect(head.status).toBe(302);
      expect(head.headers.get('location')).toBe(TARGET);
      expect(await totalClicks(link)).toBe(0);

      await open(link);
      expect(await totalClicks(link)).toBe(1);
    });

    it('answers a link with a query string, a trailing slash or an encoded character as the link itself', async () => {
      await start();
      const link = await personalLinkOf(helper, await postLaunch());
      const token = link.slice(link.lastIndexOf('/') + 1);
      const encoded = link.replace(`/r/${token}`, `/r/%${token.charCodeAt(0).toString(16)}${token.slice(1)}`);
      const spellings = [`${link}?utm_source=linkedin`, `${link}/`, `${link}/?ref=x`, encoded];
      for (const spelling of spellings) {
        const response = await open(spelling);
        expect(response.status, spelling).toBe(302);
        expect(response.headers.get('location')).toBe(TARGET);
        expect(response.headers.get('cache-control')).toBe('no-store');
      }
      expect((await open(`${link}?utm_source=x`, { method: 'HEAD' })).status).toBe(302);
      expect((await open(`${link}/more`)).status).toBe(404);
      expect(await totalClicks(link)).toBe(spellings.length);
    });

    it('counts 200 clicks arriving at once exactly', async () => {
      await start();
      const link = await personalLinkOf(helper, await postLaunch());
      const responses = await Promise.all(Array.from({ length: 200 }, () => open(link)));
      expect(responses.every((response) => response.status === 302)).toBe(true);
      expect(await totalClicks(link)).toBe(200);
    });

    it('answers an unknown or malformed token with a short plain 404 page', async () => {
      await start();
      await personalLinkOf(helper, await postLaunch());
      for (const path of ['/r/AAAAAAAAAAAAAAAAAAAAAAAA', '/r/not-a-token', '/r/%E0%A4%A', "/r/'%20or%201=1--"]) {
        const response = await fetch(`${h.sender.baseUrl}${path}`, { redirect: 'manual' });
        const body = await response.text();
        expect(response.status, path).toBeGreaterThanOrEqual(400);
        expect(response.headers.get('location')).toBeNull();
        if (response.status === 404) {
          expect(response.headers.get('content-type')).toMatch(/^text\/html/);
          expect(body.length).toBeLessThan(400);
          expect(body).not.toContain('AAAA');
        }
      }
      const unknown = await fetch(`${h.sender.baseUrl}/r/AAAAAAAAAAAAAAAAAAAAAAAA`, { redirect: 'manual' });
      expect(unknown.status).toBe(404);
      expect(await unknown.text()).toMatch(/does not exist/);
    });

    it('still redirects once the request is closed', async () => {
      await start();
      const request = await postLaunch();
      const link = await personalLinkOf(helper, request);
      await click(h, requester, ACTIONS.close, request);
      await settled(h);
      const [status] = await rows(h, 'select status from requests where id = ?', request.id);
      expect(status).toEqual({ status: 'closed' });
      const response = await open(link);
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe(TARGET);
      expect(await totalClicks(link)).toBe(1);
    });

    it('stores no IP address, user agent or cookie anywhere, and logs none', async () => {
      await start();
      const link = await personalLinkOf(helper, await postLaunch());
      await open(link);
      await open(link, { userAgent: 'Twitterbot/1.0' });
      await open(link, { method: 'HEAD' });
      await fetch(`${h.sender.baseUrl}/r/AAAAAAAAAAAAAAAAAAAAAAAA`, { headers: { 'user-agent': BROWSER } });
      expect(await totalClicks(link)).toBe(1);

      const tables = await tableNames(h);
      expect(tables).toEqual(expect.arrayContaining(['tracked_links', 'link_clicks']));
      for (const table of tables) {
        for (const name of await columnNames(h, table))
          expect(name, `${table}.${name}`).not.toMatch(/\bip\b|ip_|addr|agent|^ua$|cookie/i);
      }
      for (const trace of [BROWSER, 'BoostTestBrowser', 'Twitterbot', '127.0.0.1', '::1', '::ffff:']) {
        expect(await columnsHolding(h, trace), trace).toEqual([]);
      }
      const logs = h.logs.join('\n');
      for (const trace of [BROWSER, 'BoostTestBrowser', 'Twitterbot']) expect(logs).not.toContain(trace);
    });
  });

  describe('figures', () => {
    it('show the channel a total of clicks only, and only once there are some', async () => {
      await start();
      const request = await postLaunch();
      const link = await personalLinkOf(helper, request);
      await settled(h);
      expect(visibleText(h.slack.message(request.channel, request.ts))).not.toMatch(/click/);

      for (let i = 0; i < 3; i++) await open(link);
      await click(h, other, ACTIONS.optIn, request); // any change to the message brings the total along
      await h.slack.waitFor((call) => call.method === 'chat.update' && visibleText(call.args).includes('3 clicks'));
      const message = visibleText(h.slack.message(request.channel, request.ts));
      expect(message).toContain('2 in, 0 shared · 3 clicks');
      expect(message).not.toContain(helper.userId);
    });

    it("show the helper their own link's clicks in their private reply", async () => {
      await start();
      const request = await postLaunch();
      const link = await personalLinkOf(helper, request);
      const theirs = await personalLinkOf(other, request);
      for (let i = 0; i < 2; i++) await open(link);
      for (let i = 0; i < 5; i++) await open(theirs);
      const again = await personalLinkOf(helper, request);
      expect(again).toBe(link);
      const reply = visibleText((await lastReplyTo(helper.userId)).args);
      expect(reply).toContain('2 clicks');
      expect(reply).not.toContain('5 clicks');
    });
  });

  describe('figures for the requester and the helper', () => {
    /** A request with two helpers: one shared and brought 3 clicks, the other is in and brought 1. */
    async function activity(clock = new TestClock()) {
      h = await startBoost({ PUBLIC_BASE_URL: BASE }, clock, { runJobs: false });
      const request = await postLaunch();
      const mine = await personalLinkOf(helper, request);
      const theirs = await personalLinkOf(other, request);
      await click(h, helper, ACTIONS.markShared, request);
      for (let i = 0; i < 3; i++) await open(mine);
      await open(theirs);
      await settled(h);
      return request;
    }

    const homeOf = async (userId: string) => {
      const before = h.slack.callsTo('views.publish').length;
      await h.sender.event(appHomeOpened(userId));
      await h.slack.waitFor('views.publish', 5000, before + 1);
      await settled(h);
      return h.slack.homeView(userId);
    };

    it('show the requester clicks per request and per helper who shared on App Home, with a Report button', async () => {
      const request = await activity();
      const home = await homeOf(requester.userId);
      const text = visibleText(home);
      expect(text).toContain('2 in, 1 shared · 4 clicks');
      expect(text).toMatch(new RegExp(`<@${helper.userId}> \\([^)]*3 clicks\\)`));
      expect(JSON.stringify(home)).toContain(`"action_id":"${ACTIONS.report}"`);
      expect(JSON.stringify(home)).toContain(`"value":"${request.id}"`);
    });

    it('show the requester the same figures in /boost mine', async () => {
      await activity();
      const text = visibleText((await command(h, requester, 'mine')).json());
      expect(text).toContain('2 in, 1 shared · 4 clicks');
      expect(text).toMatch(new RegExp(`<@${helper.userId}> \\([^)]*3 clicks\\)`));
    });

    it("show a helper their own link's clicks on App Home and in /boost mine, and no one else's", async () => {
      await activity();
      const home = visibleText(await homeOf(helper.userId));
      expect(home).toContain('3 clicks on your link');
      expect(home).not.toContain('4 clicks');
      expect(home).not.toContain(other.userId);
      const mine = visibleText((await command(h, helper, 'mine')).json());
      expect(mine).toContain('3 clicks on your link');
      expect(mine).not.toContain(other.userId);
    });

    it('show the requester and each helper their clicks in the weekly digest', async () => {
      const wednesday = Date.parse('2026-03-04T10:00:00Z');
      await activity(new TestClock(wednesday));
      await h.boost.jobs.digest.runOnce(Date.parse('2026-03-09T09:00:00Z'));
      const digestOf = (userId: string) => visibleText(h.slack.messages(userId)[0]);
      const asked = digestOf(requester.userId);
      expect(asked).toContain('2 in, 1 shared · 4 clicks so far');
      expect(asked).toContain(`<@${helper.userId}> (shared, 3 clicks)`);
      expect(asked).toContain(`<@${other.userId}> (1 click)`);
      const helped = digestOf(helper.userId);
      expect(helped).toContain('3 clicks on your link so far');
      expect(helped).not.toMatch(/4 clicks|1 click\b/);
    });
  });

  describe('/boost report', () => {
    async function requestWithActivity() {
      const clock = new TestClock(Date.UTC(2026, 4, 4, 10, 0));
      await start({ PUBLIC_BASE_URL: BASE, BOOST_ADMINS: 'U0ADMIN01' }, clock);
      const request = await postLaunch();
      const link = await personalLinkOf(helper, request);
      await personalLinkOf(other, request);
      await click(h, helper, ACTIONS.markShared, request);
      await submitSharedForm(h, helper, request.id, 'https://www.linkedin.com/posts/helper-launch', 'linkedin');
      for (let i = 0; i < 4; i++) await open(link);
      clock.advance(DAY);
      await open(link);
      return request;
    }

    it('gives the requester opt-ins, shares by network, clicks by day and the helpers to thank', async () => {
      const request = await requestWithActivity();
      const response = await command(h, requester, `report #${request.id}`);
      expect(response.status).toBe(200);
      const text = visibleText(response.json());
      expect(text).toContain('*2* in · *1* shared · *5 clicks*');
      expect(text).toContain('LinkedIn: 1');
      expect(text).toMatch(/`2026-05-04` ▇+ 4/);
      expect(text).toMatch(/`2026-05-05` ▇+ 1/);
      expect(text).toContain(`<@${helper.userId}> · shared`);
      expect(text).toContain(`<@${other.userId}> · in since`);
      expect(text).toContain(`*To thank:* <@${helper.userId}>`);
      expect(JSON.stringify(response.json())).toContain(ACTIONS.sendThanks);
    });

    it('tells anyone else privately that only the requester can see it', async () => {
      const request = await requestWithActivity();
      const before = repliesTo(h, other.userId).length;
      const response = await command(h, other, `report ${request.id}`);
      expect(response.status).toBe(200);
      const [reply] = (await eventuallyReplies(other.userId, before + 1)).slice(before);
      expect(reply?.args.response_type).toBe('ephemeral');
      const text = visibleText(reply?.args);
      expect(text).toMatch(/Only the person who asked/);
      expect(text).not.toContain(helper.userId);
      expect(text).not.toMatch(/click/);
    });

    it('shows a Boost admin the report, without the thanks button that is the requester’s', async () => {
      const request = await requestWithActivity();
      const response = await command(h, { userId: 'U0ADMIN01' }, `report ${request.id}`);
      const text = visibleText(response.json());
      expect(text).toContain(`<@${helper.userId}>`);
      expect(JSON.stringify(response.json())).not.toContain(ACTIONS.sendThanks);
    });

    it('shows a Slack workspace admin the report too', async () => {
      const request = await requestWithActivity();
      h.slack.setUser('U0SLACKAD', { is_admin: true });
      await command(h, { userId: 'U0SLACKAD' }, `report ${request.id}`);
      const [reply] = await eventuallyReplies('U0SLACKAD');
      expect(visibleText(reply?.args)).toContain(`<@${helper.userId}>`);
    });

    it('offers the requester their own requests to pick from when no number is given', async () => {
      const request = await requestWithActivity();
      const response = await command(h, requester, 'report');
      const body = JSON.stringify(response.json());
      expect(body).toContain(ACTIONS.report);
      expect(body).toContain(`"value":"${request.id}"`);
    });

    it('opens the report in a modal from the Report button, for the requester only', async () => {
      const request = await requestWithActivity();
      const press = (userId: string) =>
        h.sender.interact(
          blockAction({ container: 'home', userId, actionId: ACTIONS.report, value: String(request.id) }),
        );
      const isReport = (call: RecordedCall) =>
        call.method === 'views.open' && visibleText(call.args.view).includes('Boost report');
      await press(requester.userId);
      const [opened] = await h.slack.waitFor(isReport);
      expect(visibleText(opened?.args.view)).toContain('*To thank:*');
      await press(other.userId);
      const both = await h.slack.waitFor(isReport, 5000, 2);
      const refused = visibleText(both[1]?.args.view);
      expect(refused).toMatch(/Only the person who asked/);
      expect(refused).not.toContain(helper.userId);
    });
  });
});

// Once, on a SQLite file of its own: what it proves is the HTTP server Bolt runs beside the socket, not the database.
describe('in Socket Mode', () => {
  it('serves the redirect from the HTTP server Bolt runs beside the socket, and survives a malformed path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'boost-socket-'));
    const database = openDatabase(join(dir, 'boost.sqlite'));
    const logs: string[] = [];
    const logger = captureLogger(logs);
    try {
      const repos = createRepositories(database.db, { receiptSecret: 'test-receipt-secret' });
      const { sqlite } = database;
      sqlite.exec(
        `insert into requests (id, team_id, requester_id, url, ask, networks, channel_id, created_at, deadline_at)
         values (1, 'T1', 'U1', '${TARGET}', 'ask', '[]', 'C1', 0, 0)`,
      );
      await repos.participations.optIn(1, 'U2', 0, false);
      const token = (await repos.links.ensure(1, 'U2', 0)) ?? '';
      const receiver = new SocketModeReceiver({
        appToken: 'xapp-1-test',
        customRoutes: [trackedLinkRoute({ links: repos.links, clock: () => Date.UTC(2026, 0, 1), logger })],
        installerOptions: { port: 0 },
        logger,
      });
      guardSocketModeRoutes(receiver, logger);
      // Only the HTTP side is started: the socket would need Slack.
      const server = socketModeHttpServer(receiver);
      if (!server) throw new Error('Bolt runs no HTTP server beside the socket');
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        const malformed = await fetch(`${base}/r/%E0%A4%A`, { redirect: 'manual' });
        expect(malformed.status).toBe(400);
        const click = await fetch(`${base}/r/${token}`, { redirect: 'manual', headers: { 'user-agent': BROWSER } });
        expect(click.status).toBe(302);
        expect(click.headers.get('location')).toBe(TARGET);
        const head = await fetch(`${base}/r/${token}`, { method: 'HEAD', redirect: 'manual' });
        expect(head.status).toBe(302);
        expect(await repos.links.clicksByDay(1)).toEqual([{ day: '2026-01-01', clicks: 1 }]);
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    } finally {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
