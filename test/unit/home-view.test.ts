import { describe, expect, it } from 'vitest';
import { NETWORKS } from '../../src/domain/networks.ts';
import type { BoostRequest, Participation } from '../../src/domain/types.ts';
import { checkBlocks, checkView } from '../../src/playground/block-kit-limits.ts';
import { type HomeData, homeView } from '../../src/slack/views/home.ts';
import { mineMessage } from '../../src/slack/views/mine.ts';

const HOSTILE = '<!channel> <@U999> <https://evil.example|click> '.repeat(40);

const request = (id: number, over: Partial<BoostRequest> = {}): BoostRequest => ({
  id,
  teamId: 'T1',
  requesterId: 'U1',
  url: `https://example.com/${id}?q=${'x'.repeat(1500)}`,
  title: HOSTILE,
  ask: HOSTILE,
  suggestedText: HOSTILE,
  networks: ['linkedin'],
  channelId: 'C1',
  messageTs: '1.0',
  postState: null,
  postAttempts: 1,
  postDueAt: null,
  postError: null,
  noticeDueAt: null,
  status: 'open',
  createdAt: 0,
  deadlineAt: 1_800_000_000_000,
  closedAt: null,
  closedBy: null,
  ...over,
});

const participation = (requestId: number, n: number, shared: boolean): Participation => ({
  id: n,
  requestId,
  userId: `U${String(n).padStart(10, '0')}`,
  optedInAt: n,
  sharedAt: shared ? n : null,
  shareUrl: shared ? `https://social.example/${'p'.repeat(200)}/${n}` : null,
  network: shared ? 'linkedin' : null,
  remindMe: false,
  remindedAt: null,
  showName: false,
  thankedAt: null,
});

/** Every list at its fullest, with hostile text and a thousand helpers per request. */
function fullHome(): HomeData {
  const many = (count: number) => Array.from({ length: count }, (_, i) => i + 1);
  const links = NETWORKS.map((network) => ({
    network,
    label: network,
    url: `https://${network}.example/?t=${'y'.repeat(2900)}`,
  }));
  return {
    notices: many(5).map((n) => `Note ${n}`),
    open: {
      total: 500,
      items: many(25).map((id) => ({
        request: request(id),
        counts: { optedIn: 1000, shared: 500 },
        joined: false,
        own: false,
      })),
    },
    mine: {
      total: 40,
      items: many(40).map((id) => ({
        request: request(id),
        counts: { optedIn: 1000, shared: 500 },
        participants: many(1000).map((n) => participation(id, n, n % 2 === 0)),
      })),
    },
    contributions: {
      total: 300,
      items: many(40).map((id) => ({
        request: request(id),
        participation: participation(id, 7, false),
        open: true,
        links,
      })),
    },
    settings: { digest: null, showName: false, reminders: true, language: null },
  };
}

describe('homeView', () => {
  it("stays within Slack's limits for a Home tab however long the lists and texts are", () => {
    const view = homeView('en', fullHome());
    expect(checkView(view)).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });

  it('says how many more there are beyond each list', () => {
    const text = JSON.stringify(homeView('en', fullHome()).blocks);
    expect(text).toContain('and 490 more.');
    expect(text).toContain('and 35 more.');
    expect(text).toContain('and 290 more.');
  });

  it('never lets text typed by a requester ping anyone or hide a link', () => {
    const text = JSON.stringify(homeView('en', fullHome()).blocks);
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<@U999>');
    expect(text).not.toContain('<https://evil.example');
  });

  it('names nobody to a newcomer', () => {
    const data = fullHome();
    const view = homeView('en', { ...data, mine: { total: 0, items: [] }, contributions: { total: 0, items: [] } });
    expect(JSON.stringify(view.blocks)).not.toMatch(/<@U/);
  });
});

describe('mineMessage', () => {
  it("stays within Slack's limits for a message", () => {
    const data = fullHome();
    const message = mineMessage('en', { mine: data.mine, contributions: data.contributions });
    expect(checkBlocks(message.blocks, 'message')).toEqual([]);
    expect(JSON.stringify(message)).not.toContain('<!channel>');
  });
});
