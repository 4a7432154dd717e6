import { Agent, request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/slack/ids.ts';
import { type BoostHarness, startBoost } from '../harness/boost.ts';
import { click, createRequest, eventually, repliesTo, visibleText } from '../harness/driver.ts';

// What a stranger on the internet, or a careless member, can send Boost: hostile User-Agents on public links, broken
// percent-encoding, tokens in odd paths, invisible or internal text in a request.

const BASE = 'https://boost.example.com';
const helper = { userId: 'U0HELPER1' };

let h: BoostHarness;
afterEach(async () => {
  await h?.stop();
});

/** Starts Boost with personal links, posts a request, opts a helper in and returns the helper's link path (/r/…). */
async function personalLinkPath(): Promise<string> {
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

describe('a hostile User-Agent on a personal link', () => {
  // Close to Node's 16 KB header limit: "compatible;", a long run of spaces, and no bot name.
  const HOSTILE = `compatible;${' '.repeat(15_800)}x`;

  it('is redirected and counted like any click, 80 times over 8 connections, while /healthz is answered', async () => {
    const path = await personalLinkPath();
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
    const counted = h.boost.database.sqlite.prepare('select sum(count) as n from link_clicks').get() as { n: number };
    expect(counted.n).toBe(80);
  });
});
