import { describe, expect, it } from 'vitest';
import type { Digest } from '../../src/domain/digest.ts';
import { composeReport } from '../../src/domain/request-report.ts';
import type { BoostRequest, Participation } from '../../src/domain/types.ts';
import { blocksTooLong, checkBlocks } from '../../src/playground/block-kit-limits.ts';
import { context, section } from '../../src/slack/views/blocks.ts';
import { fitLines, fitList, MESSAGE_TEXT_BUDGET, MessageBudget, textLength } from '../../src/slack/views/budget.ts';
import { digestMessage } from '../../src/slack/views/digest.ts';
import { mineMessage } from '../../src/slack/views/mine.ts';
import { openRequestsList } from '../../src/slack/views/open-requests-list.ts';
import { optInReply } from '../../src/slack/views/opt-in-reply.ts';
import { exportMessages } from '../../src/slack/views/privacy-messages.ts';
import { reminderMessage } from '../../src/slack/views/reminder.ts';
import { reportMessage, reportPicker } from '../../src/slack/views/report-message.ts';
import { requestMessage, type SlackMessage } from '../../src/slack/views/request-message.ts';
import { thanksMessage } from '../../src/slack/views/thanks.ts';
import { busyDigestRequest, busyRequest, many, NOW, userId } from './busy-request.ts';

// Every message Boost builds fits in one Slack message, however busy the data: within 50 blocks and within the text
// budget (Slack refuses about 12,000 characters of block text in all with msg_blocks_too_long).

const HOSTILE = '<!channel> & <@U999> ';

function expectFits(message: SlackMessage): void {
  expect(checkBlocks(message.blocks, 'message')).toEqual([]);
  expect(textLength(message.blocks)).toBeLessThanOrEqual(MESSAGE_TEXT_BUDGET);
  expect(blocksTooLong(message.blocks)).toBe(false);
}

const request = (id: number, over: Partial<BoostRequest> = {}) => busyRequest(id, HOSTILE, over);

const participation = (requestId: number, n: number): Participation => ({
  id: n,
  requestId,
  userId: userId(n),
  optedInAt: NOW + n,
  sharedAt: NOW + n,
  shareUrl: `https://social.example/${'p'.repeat(250)}/${n}`,
  network: 'linkedin',
  remindMe: false,
  remindedAt: null,
  showName: false,
  thankedAt: null,
});

const digestRequest = (id: number) => busyDigestRequest(id, HOSTILE);

function busyDigest(): Digest {
  return {
    teamId: 'T1',
    userId: 'U1',
    week: '2026-W11',
    requests: many(10).map((id) => ({
      request: digestRequest(id),
      counts: { optedIn: 400, shared: 400 },
      clicks: 12_345,
      helpers: many(400).map((n) => ({ userId: userId(n), shared: true, clicks: 1234 })),
      canThank: true,
    })),
    moreRequests: 5,
    helped: many(10).map((id) => ({ request: digestRequest(100 + id), shared: true, clicks: 99 })),
    moreHelped: 30,
    thanks: many(10).map((id) => digestRequest(200 + id)),
    open: many(3).map((id) => ({ request: digestRequest(300 + id), counts: { optedIn: 3, shared: 1 } })),
  };
}

describe('the shared message budget', () => {
  it('counts the text Slack counts: every text string in the blocks, in code points', () => {
    expect(textLength([section('🚀 launch'), context('a', 'bc')])).toBe(11);
  });

  it('keeps whole items in order and says how many more there are, with room left for that line', () => {
    const budget = new MessageBudget(100);
    const blocks = fitList(
      budget,
      many(10),
      (n) => [section(`${n}`.padEnd(30, '.'))],
      (left) => [context(`and ${left} more`)],
      { total: 12 },
    );
    // 30 + "and 11 more", then 30 + "and 10 more", then 30 + "and 9 more": exactly 100.
    expect(blocks.map((block) => textLength([block]))).toEqual([30, 30, 30, 10]);
    expect(JSON.stringify(blocks.at(-1))).toContain('and 9 more');
    expect(budget.room()).toBe(0);
  });

  it('shows every item, with no closing line, when they all fit', () => {
    const blocks = fitList(
      new MessageBudget(),
      many(3),
      (n) => [section(`${n}`)],
      () => [context('more')],
    );
    expect(blocks).toHaveLength(3);
  });

  it('stops at the block limit as well as at the text budget', () => {
    const blocks = fitList(
      new MessageBudget(MESSAGE_TEXT_BUDGET, 5),
      many(10),
      (n) => [section(`${n}`)],
      (left) => [context(`and ${left} more`)],
    );
    expect(blocks).toHaveLength(5);
    expect(JSON.stringify(blocks.at(-1))).toContain('and 6 more');
  });

  it('joins lines without ever cutting one, ending with how many more', () => {
    const lines = many(20).map((n) => `line ${n}`.padEnd(10, '.'));
    const text = fitLines('en', lines, 50, { total: 25 });
    expect(text.length).toBeLessThanOrEqual(50);
    expect(text.split('\n').slice(0, -1)).toEqual(lines.slice(0, 3));
    expect(text.endsWith('and 22 more')).toBe(true);
  });
});

describe('every message at its busiest', () => {
  it('the weekly digest fits, saying how many more requests there are', () => {
    const message = digestMessage('en', busyDigest());
    expectFits(message);
    const text = JSON.stringify(message.blocks);
    expect(text).toMatch(/and \d+ more of your requests/);
    expect(text).toContain('You helped with');
    expect(text).toContain('Thanks received');
    expect(text).toContain('Open requests you might like');
    expect(text).toContain('Stop these digests');
  });

  it('/boost list fits with ten requests of the longest titles and links', () => {
    const listed = many(10).map((id) => ({ request: request(id), counts: { optedIn: 9, shared: 4 } }));
    const message = openRequestsList('en', listed, 40);
    expectFits(message);
    expect(JSON.stringify(message.blocks)).toMatch(/and \d+ more open requests/);
  });

  it('/boost mine fits with five requests of hundreds of helpers and ten contributions', () => {
    const message = mineMessage('en', {
      mine: {
        total: 40,
        items: many(5).map((id) => ({
          request: request(id),
          counts: { optedIn: 500, shared: 500 },
          participants: many(500).map((n) => participation(id, n)),
        })),
      },
      contributions: {
        total: 30,
        items: many(10).map((id) => ({ request: request(100 + id), participation: participation(100 + id, 1) })),
      },
    });
    expectFits(message);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('Your contributions');
    expect(text).toMatch(/and 3\d more\./);
  });

  it('a report fits with hundreds of helpers, all to thank, and the longest link', () => {
    const report = composeReport({
      request: request(1),
      participations: many(400).map((n) => participation(1, n)),
      clicksByHelper: new Map(many(400).map((n) => [userId(n), n])),
      clicksByDay: many(14).map((d) => ({ day: `2026-03-${String(d).padStart(2, '0')}`, clicks: 10_000 + d })),
      tracking: true,
      now: NOW,
    });
    const message = reportMessage('en', report, { canThank: true });
    expectFits(message);
    expect(JSON.stringify(message.blocks)).toContain('Send thanks');
  });

  it('the report picker fits with the longest links, and counts the requests it does not show', () => {
    const message = reportPicker(
      'en',
      many(10).map((id) => request(id)),
      25,
    );
    expectFits(message);
    expect(JSON.stringify(message.blocks)).toMatch(/and \d+ more;/);
  });

  it('an export comes in parts that each fit, and copy back to the same JSON', () => {
    const json = JSON.stringify({ rows: many(600).map((n) => ({ n, text: 'x'.repeat(50) })) }, null, 2);
    const messages = exportMessages('en', json);
    expect(json.length).toBeGreaterThan(35_000);
    for (const message of messages) expectFits(message);
    const code = messages
      .flatMap((message) => message.blocks)
      .map((block) => (block.type === 'section' ? (block.text?.text ?? '') : ''))
      .filter((text) => text.startsWith('```'))
      .map((text) => text.slice(3, -3))
      .join('');
    expect(code).toBe(json);
  });

  it('the request message, the private reply after "I\'m in" and the reminder and the thanks fit, their fields being bounded', () => {
    const busy = request(1);
    const post = HOSTILE.repeat(100).slice(0, 1200);
    const links = busy.networks.map((network) => ({
      network: network as 'linkedin',
      label: network,
      url: `https://${network}.example/?t=${'y'.repeat(2900)}`,
    }));
    expectFits(
      requestMessage('en', {
        request: busy,
        counts: { optedIn: 900, shared: 800 },
        publicHelpers: many(50).map(userId),
      }),
    );
    expectFits(
      optInReply('en', {
        request: busy,
        participation: { ...participation(1, 1), sharedAt: null },
        links,
        post,
        offerReminder: true,
        personalLink: { url: `https://boost.example/r/${'t'.repeat(40)}`, clicks: 123 },
      }),
    );
    expectFits(reminderMessage('en', { request: busy, links, post }));
    expectFits(thanksMessage('en', busy));
  });
});
