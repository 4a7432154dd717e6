import type { DigestRequest } from '../../src/domain/digest.ts';
import type { BoostRequest } from '../../src/domain/types.ts';

// A request at its longest, for tests of what must still fit in Slack's limits.

export const NOW = Date.UTC(2026, 2, 4, 10);
export const longUrl = (id: number) => `https://example.com/${id}?q=${'&x'.repeat(990)}`;
export const many = (count: number) => Array.from({ length: count }, (_, i) => i + 1);
export const userId = (n: number) => `U${String(n).padStart(10, '0')}`;

/** A request with the longest link, title, ask and wording made of `text`, on every network. */
export const busyRequest = (id: number, text: string, over: Partial<BoostRequest> = {}): BoostRequest => ({
  id,
  teamId: 'T1',
  requesterId: 'U1',
  url: longUrl(id),
  title: text.repeat(8).slice(0, 150),
  ask: text.repeat(50).slice(0, 1000),
  suggestedText: text.repeat(50).slice(0, 1000),
  networks: ['linkedin', 'x', 'bluesky', 'mastodon', 'reddit', 'hackernews', 'facebook', 'threads'],
  channelId: 'C1',
  messageTs: '1.0',
  postState: null,
  postAttempts: 1,
  postDueAt: null,
  postError: null,
  noticeDueAt: null,
  status: 'open',
  createdAt: NOW,
  deadlineAt: NOW + 7 * 86_400_000,
  closedAt: null,
  closedBy: null,
  ...over,
});

/** A request as the digest lists it, with the longest title made of `text` and a long link. */
export const busyDigestRequest = (
  id: number,
  text: string,
  status: DigestRequest['status'] = 'open',
): DigestRequest => ({
  id,
  teamId: 'T1',
  requesterId: 'U1',
  title: text.repeat(8).slice(0, 150),
  url: `https://example.com/${id}/${'a'.repeat(480)}`,
  channelId: 'C1',
  status,
  createdAt: NOW,
  deadlineAt: NOW + 86_400_000,
  closedAt: null,
});
