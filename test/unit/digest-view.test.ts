import { describe, expect, it } from 'vitest';
import type { Digest, DigestRequest } from '../../src/domain/digest.ts';
import { checkBlocks } from '../../src/playground/block-kit-limits.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { digestMessage, digestsStoppedMessage } from '../../src/slack/views/digest.ts';

const request = (id: number, overrides: Partial<DigestRequest> = {}): DigestRequest => ({
  id,
  teamId: 'T1',
  requesterId: 'UREQ',
  title: `Request ${id}`,
  url: `https://example.com/${id}`,
  channelId: 'C1',
  status: 'open',
  createdAt: 1_772_000_000_000,
  deadlineAt: 1_772_600_000_000,
  closedAt: null,
  ...overrides,
});

const hostile = '<!channel> <@U999> <https://evil.example|click> & more';

describe('the digest message', () => {
  it('stays within Block Kit limits when every section is full', () => {
    const long = 'x'.repeat(3000);
    const digest: Digest = {
      teamId: 'T1',
      userId: 'UREQ',
      week: '2026-W10',
      requests: Array.from({ length: 10 }, (_, i) => ({
        request: request(i + 1, { title: long, url: `https://example.com/${'a'.repeat(2000)}` }),
        counts: { optedIn: 400, shared: 300 },
        helpers: Array.from({ length: 400 }, (_, h) => ({
          userId: `U${String(h).padStart(10, '0')}`,
          shared: h % 2 === 0,
        })),
        canThank: true,
      })),
      moreRequests: 25,
      helped: Array.from({ length: 10 }, (_, i) => ({ request: request(100 + i, { title: long }), shared: true })),
      moreHelped: 40,
      thanks: Array.from({ length: 10 }, (_, i) => request(200 + i, { title: long })),
      open: Array.from({ length: 3 }, (_, i) => ({
        request: request(300 + i, { title: long }),
        counts: { optedIn: 1, shared: 0 },
      })),
    };
    const message = digestMessage('en', digest);
    expect(checkBlocks(message.blocks, 'message')).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
  });

  it('escapes user text so titles never ping anyone or disguise a link', () => {
    const digest: Digest = {
      teamId: 'T1',
      userId: 'UREQ',
      week: '2026-W10',
      requests: [
        { request: request(1, { title: hostile }), counts: { optedIn: 0, shared: 0 }, helpers: [], canThank: false },
      ],
      moreRequests: 0,
      helped: [{ request: request(2, { title: hostile }), shared: false }],
      moreHelped: 0,
      thanks: [],
      open: [],
    };
    const message = digestMessage('en', digest);
    const everything = JSON.stringify(message);
    expect(everything).not.toContain('<!channel>');
    expect(everything).not.toContain('<@U999>');
    expect(everything).not.toContain('<https://evil.example');
    expect(everything).toContain('&lt;!channel&gt;');
  });

  it('offers "Send thanks" with the request id only while someone is unthanked', () => {
    const line = (id: number, canThank: boolean) => ({
      request: request(id),
      counts: { optedIn: 1, shared: 1 },
      helpers: [{ userId: 'UA', shared: true }],
      canThank,
    });
    const digest: Digest = {
      teamId: 'T1',
      userId: 'UREQ',
      week: '2026-W10',
      requests: [line(7, true), line(8, false)],
      moreRequests: 0,
      helped: [],
      moreHelped: 0,
      thanks: [],
      open: [],
    };
    const buttons = digestMessage('en', digest).blocks.flatMap((block) =>
      block.type === 'section' && block.accessory?.type === 'button' ? [block.accessory] : [],
    );
    expect(buttons.map((b) => [b.action_id, b.value])).toEqual([[ACTIONS.sendThanks, '7']]);
  });

  it('always ends with a one-click "Stop these digests"', () => {
    const digest: Digest = {
      teamId: 'T1',
      userId: 'UH',
      week: '2026-W10',
      requests: [],
      moreRequests: 0,
      helped: [{ request: request(2), shared: true }],
      moreHelped: 0,
      thanks: [],
      open: [],
    };
    const { blocks } = digestMessage('en', digest);
    const actions = blocks.filter((block) => block.type === 'actions');
    const stop = actions.at(-1);
    expect(stop?.type === 'actions' && stop.elements[0]).toMatchObject({ action_id: ACTIONS.stopDigests });
    expect(stop?.type === 'actions' && stop.elements[0] && 'confirm' in stop.elements[0]).toBe(false);
  });

  it('says how to turn digests back on after stopping them', () => {
    expect(digestsStoppedMessage('en').text).toContain('/boost settings');
  });
});
