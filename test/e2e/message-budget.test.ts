import { afterEach, describe, expect, it } from 'vitest';
import { blocksTooLong, checkBlocks } from '../../src/playground/block-kit-limits.ts';
import type { Actor } from '../../src/services/requests.ts';
import { TEAM, TestClock } from '../harness/boost.ts';
import { type AnyBoostHarness, forEachDatabase } from '../harness/databases.ts';
import {
  ackMessage,
  CHANNEL,
  command,
  DAY,
  dmsTo,
  helpers,
  isReplyTo,
  REQUESTER,
  visibleText,
} from '../harness/driver.ts';
import { MONDAY_9_UTC, WEDNESDAY } from './digest-driver.ts';

// Slack refuses a message whose blocks hold more than about 12,000 characters of text (msg_blocks_too_long), and the
// fake Slack does the same. Busy people still get every message, shortened with "and N more".

type Json = Record<string, unknown>;

const LONG_TITLE = 'A title that goes on and on about our launch, '.repeat(4).slice(0, 150);

/** Requests of `userId` with the longest title, link, ask and wording, created through Boost's own use case. */
let postedCount = 0;

async function longRequests(h: AnyBoostHarness, userId: string, count: number): Promise<number[]> {
  const now = h.clock.now();
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const created = await h.boost.context.services.requests.create(
      {
        url: `https://example.com/${i}/${'long-path-'.repeat(45)}`,
        title: LONG_TITLE,
        ask: `Please share, ${'it would help a lot. '.repeat(50)}`.slice(0, 1000),
        suggestedText: `We launched! ${'Have a look. '.repeat(90)}`.slice(0, 1000),
        networks: ['linkedin', 'x', 'bluesky'],
        deadlineAt: now + 10 * DAY,
        channelId: CHANNEL,
      },
      { teamId: TEAM, userId, now },
    );
    if (!created.ok) throw new Error(`request ${i} refused: ${created.refusal}`);
    // As if posted: only requests in their channel are offered to others.
    await h.boost.context.repos.requests.setMessageTs(
      created.value.id,
      CHANNEL,
      `${1_700_000_000 + postedCount++}.000100`,
    );
    ids.push(created.value.id);
  }
  return ids;
}

/** What a person sees as a command's private answer must be a message Slack would show. */
function expectOneSlackMessage(message: Json): void {
  expect(checkBlocks(message.blocks, 'message')).toEqual([]);
  expect(blocksTooLong(message.blocks)).toBe(false);
}

forEachDatabase((start) => {
  describe('messages of busy people stay within what Slack accepts', () => {
    let h: AnyBoostHarness;
    afterEach(async () => {
      await h?.stop();
    });

    it('sends a busy weekly digest, naming what it could not fit as "and N more"', async () => {
      const env = { MAX_OPEN_REQUESTS_PER_USER: '10', DIGEST_TIMEZONE: 'Etc/UTC' };
      h = await start(env, new TestClock(WEDNESDAY), { runJobs: false });
      const service = h.boost.context.services.requests;
      for (const id of await longRequests(h, REQUESTER, 10)) {
        await Promise.all(
          helpers(30).map(async (userId) => {
            const actor: Actor = { teamId: TEAM, userId, now: WEDNESDAY };
            await service.optIn(id, actor);
            await service.markShared(id, actor);
          }),
        );
      }

      await h.boost.jobs.digest.runOnce(MONDAY_9_UTC);

      const [digest] = dmsTo(h, REQUESTER);
      expect(digest?.ok).toBe(true);
      const text = visibleText(digest?.args);
      expect(text).toContain('Your week with Boost');
      expect(text).toMatch(/and \d+ more of your requests; `\/boost mine` lists them all\./);
      expect(text).toContain('Stop these digests');
    });

    it('sends the export of a busy person in parts that Slack accepts and that copy back to the whole JSON', async () => {
      h = await start({ MAX_OPEN_REQUESTS_PER_USER: '12' });
      await longRequests(h, REQUESTER, 12);

      const first = ackMessage(await command(h, REQUESTER, 'export')) as Json;
      expectOneSlackMessage(first);
      const parts = Number(/part 1 of (\d+)/.exec(visibleText(first))?.[1]);
      expect(parts).toBeGreaterThan(3);
      const rest = await h.slack.waitFor(isReplyTo(REQUESTER), 10_000, parts - 1);
      expect(rest.map((call) => call.ok)).toEqual(rest.map(() => true));

      const code = [first, ...rest.map((call) => call.args)]
        .flatMap((message) => (message.blocks ?? []) as Json[])
        .map((block) => (block.text as Json | undefined)?.text)
        .filter((text): text is string => typeof text === 'string' && text.startsWith('```'))
        .map((text) => text.slice(3, -3))
        .join('');
      expect(JSON.parse(code).requests).toHaveLength(12);
    });

    it('/boost list shows the open requests that fit, then how many more there are', async () => {
      h = await start();
      for (let i = 0; i < 12; i++) await longRequests(h, `ULIST${String(i).padStart(4, '0')}`, 1);

      const list = ackMessage(await command(h, 'UREADER1', 'list')) as Json;

      expectOneSlackMessage(list);
      expect(visibleText(list)).toContain('*Open requests* (12)');
      expect(visibleText(list)).toMatch(/and \d+ more open requests, each in its channel\./);
    });

    it('/boost report without a number lists the requests that fit, then how many more there are', async () => {
      h = await start({ MAX_OPEN_REQUESTS_PER_USER: '25' });
      await longRequests(h, REQUESTER, 25);

      const picker = ackMessage(await command(h, REQUESTER, 'report')) as Json;

      expectOneSlackMessage(picker);
      expect(visibleText(picker)).toContain('*Which request?*');
      expect(visibleText(picker)).toMatch(/and 1\d more; `\/boost report &lt;number&gt;` shows any of them\./);
    });
  });
});
