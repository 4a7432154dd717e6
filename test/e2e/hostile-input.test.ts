import { Agent, request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS, REQUEST_FIELDS } from '../../src/slack/ids.ts';
import { type AnyBoostHarness, forEachDatabase, type StartBoost } from '../harness/databases.ts';
import {
  click,
  command,
  createRequest,
  eventually,
  fieldErrors,
  messageOf,
  repliesTo,
  rows,
  submitForm,
  visibleText,
} from '../harness/driver.ts';

// What a stranger on the internet, or a careless member, can send Boost: hostile User-Agents on public links, broken
// percent-encoding, tokens in odd paths, invisible or internal text in a request.

const BASE = 'https://boost.example.com';
const helper = { userId: 'U0HELPER1' };

let h: AnyBoostHarness;
afterEach(async () => {
  await h?.stop();
});

/** Starts Boost with personal links, posts a request, opts a helper in and returns the helper's link path (/r/…). */
async function personalLinkPath(startBoost: StartBoost): Promise<string> {
  h = await startBoost({ PUBLIC_BASE_URL: BASE });
  const request = await createRequest(h, { url: 'https://example.com/launch', networks: ['linkedin'] });
  await click(h, helper, ACTIONS.optIn, request);
  await eventually(() => repliesTo(h, helper.userId).length > 0, 5000, 'the helper reply');
  const path = /https:\/\/boost\.example\.com(\/r\/[A-Za-z0-9_-]{24})/.exec(
    visibleText(repliesTo(h, helper.userId).at(-1)?.args),
  )?.[1];
  if (!path) throw new Error('no personal link in the reply');
  return path;
}

/** A GET over one of the agent's connections; resolves with the status once the answer is read. */
function get(agent: Agent, path: string, userAgent: string): Promise<number> {
  const { hostname, port } = new URL(h.sender.baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ agent, hostname, port, path, headers: { 'user-agent': userAgent } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

forEachDatabase((startBoost) => {
  describe('a hostile User-Agent on a personal link', () => {
    // Close to Node's 16 KB header limit: "compatible;", a long run of spaces, and no bot name.
    const HOSTILE = `compatible;${' '.repeat(15_800)}x`;

    it('is redirected and counted like any click, 80 times over 8 connections, while /healthz is answered', async () => {
      const path = await personalLinkPath(startBoost);
      const agent = new Agent({ keepAlive: true, maxSockets: 8 });
      try {
        const connection = async () => {
          const statuses: number[] = [];
          for (let i = 0; i < 10; i++) statuses.push(await get(agent, path, HOSTILE));
          return statuses;
        };
        const clicks = Promise.all(Array.from({ length: 8 }, connection));
        const health = await fetch(`${h.sender.baseUrl}/healthz`);
        expect(health.status).toBe(200);
        expect((await clicks).flat()).toEqual(Array(80).fill(302));
      } finally {
        agent.destroy();
      }
      expect(await rows(h, 'select sum(count) as n from link_clicks')).toEqual([{ n: 80 }]);
    });
  });

  /** What is wrong with a cut text: an unpaired surrogate, a `<` left open, an entity cut short. */
  function brokenPieces(text: string): string[] {
    const broken: string[] = [];
    if (/\p{Cs}/u.test(text)) broken.push('half of a surrogate pair');
    if (text.lastIndexOf('<') > text.lastIndexOf('>'))
      broken.push(`an open <: ${text.slice(text.lastIndexOf('<'), text.lastIndexOf('<') + 40)}`);
    if (/&[#a-z0-9]*…$/i.test(text)) broken.push('an entity cut short');
    return broken;
  }

  describe('text cut to fit', () => {
    it('prefills the ask from /boost without splitting an emoji at the 1,000th character', async () => {
      h = await startBoost();
      await command(h, 'U0ASKER01', `https://example.com/launch ${'a'.repeat(999)}😀 and more`);
      const [open] = await h.slack.waitFor('views.open');
      const initial = JSON.stringify(open?.args.view).match(/"initial_value":"(a{900}[^"]*)"/)?.[1] ?? '';
      expect(initial.length).toBeGreaterThan(900);
      expect(brokenPieces(JSON.parse(`"${initial}"`))).toEqual([]);
    });

    it('cuts a request message section before its link, never inside it, when escaped text fills it', async () => {
      h = await startBoost();
      const url = `https://example.com/${'long-path/'.repeat(90)}`;
      const request = await createRequest(h, { url, ask: `${'<b> & '.repeat(160)}`, networks: ['linkedin'] });
      const sections = (messageOf(h, request).blocks ?? [])
        .map((block) => (block as { text?: { type?: string; text?: string } }).text)
        .filter((text) => text?.type === 'mrkdwn')
        .map((text) => text?.text ?? '');
      expect(sections.some((text) => text.endsWith('…'))).toBe(true);
      for (const text of sections) expect(brokenPieces(text)).toEqual([]);
    });
  });

  describe('odd paths', () => {
    it('answers a path that is not valid percent-encoding with a 404, logging no error', async () => {
      h = await startBoost();
      for (const path of ['/r/%E0', '/r/%', '/healthz%E0']) {
        expect((await fetch(`${h.sender.baseUrl}${path}`)).status).toBe(404);
      }
      expect(h.logs.filter((line) => line.startsWith('error'))).toEqual([]);
    });

    it('never logs the token of a personal link, however the path around it is spelled', async () => {
      const path = await personalLinkPath(startBoost);
      const token = path.slice('/r/'.length);
      const base = h.sender.baseUrl;
      expect((await fetch(`${base}${path}`, { method: 'POST' })).status).toBe(404);
      expect((await fetch(`${base}${path}/extra`)).status).toBe(404);
      expect((await fetch(`${base}/R/${token}/x`)).status).toBe(404);
      expect((await fetch(`${base}${path}%E0`)).status).toBe(404);
      expect(h.logs.some((line) => line.includes('Unhandled HTTP request'))).toBe(true);
      expect(h.logs.filter((line) => line.includes(token))).toEqual([]);
    });
  });

  describe('what a request may say and link to', () => {
    it('shows a title without control characters and with its right-to-left override closed', async () => {
      h = await startBoost();
      const title = 'Launch\u0000\u001b[31m\u0007 \u202eday';
      const request = await createRequest(h, { title, networks: ['linkedin'] });
      const header = (messageOf(h, request).blocks ?? []).find((block) => block.type === 'header') as {
        text: { text: string };
      };
      expect(header.text.text).toBe(':rocket: Launch[31m \u202eday\u202c');
    });

    it('refuses a title or an ask made only of invisible characters, with a field error', async () => {
      h = await startBoost();
      const invisible = '\u200b \u200e\u2060\u202e\u3164\n\u00a0';
      const errors = fieldErrors(await submitForm(h, 'U0ASKER01', { title: invisible, ask: invisible }));
      expect(Object.keys(errors).sort()).toEqual([REQUEST_FIELDS.ask, REQUEST_FIELDS.title].sort());
      expect(h.slack.callsTo('chat.postMessage')).toEqual([]);
    });

    it('refuses links to internal addresses, in every spelling, with a field error', async () => {
      h = await startBoost();
      const internal = [
        'http://169.254.169.254/latest/meta-data/',
        'http://127.0.0.1/admin',
        'http://2130706433/',
        'http://[::1]/',
        'http://0x7f.1/',
        'http://[::ffff:10.0.0.1]/',
        'http://[fe80::1]/',
        'http://192.168.1.1./',
        'http://intranet.localhost/',
      ];
      for (const url of internal) {
        const errors = fieldErrors(await submitForm(h, 'U0ASKER01', { url }));
        expect(Object.keys(errors)).toEqual([REQUEST_FIELDS.url]);
        expect(errors[REQUEST_FIELDS.url]).toMatch(/internal network/);
      }
      expect(h.slack.callsTo('chat.postMessage')).toEqual([]);
    });
  });
});
