import { describe, expect, it } from 'vitest';
import { shareLinks } from '../../src/domain/share-links.ts';
import {
  dayCache,
  formatClicks,
  isLinkToken,
  newLinkToken,
  TOKEN_LENGTH,
  trackedLinkUrl,
  utcDay,
} from '../../src/domain/tracked-links.ts';

describe('link tokens', () => {
  it('are 24 URL-safe characters carrying 144 random bits', () => {
    const token = newLinkToken();
    expect(token).toHaveLength(TOKEN_LENGTH);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    // base64url: 6 bits per character, no padding.
    expect(Buffer.from(token, 'base64url')).toHaveLength(18);
  });

  it('never repeat across many draws', () => {
    const tokens = new Set(Array.from({ length: 10_000 }, () => newLinkToken()));
    expect(tokens.size).toBe(10_000);
  });

  it('are recognised, and anything else is not', () => {
    expect(isLinkToken(newLinkToken())).toBe(true);
    for (const text of ['', 'abc', `${newLinkToken()}x`, 'a'.repeat(23), `${'a'.repeat(23)}=`, `${'a'.repeat(23)}/`]) {
      expect(isLinkToken(text)).toBe(false);
    }
  });
});

describe('trackedLinkUrl', () => {
  it('puts the token under /r/ on the public base URL, with or without a trailing slash', () => {
    expect(trackedLinkUrl('https://boost.example.com', 'T0K3N')).toBe('https://boost.example.com/r/T0K3N');
    expect(trackedLinkUrl('https://boost.example.com/', 'T0K3N')).toBe('https://boost.example.com/r/T0K3N');
    expect(trackedLinkUrl('https://example.com/boost/', 'T0K3N')).toBe('https://example.com/boost/r/T0K3N');
  });
});

describe('utcDay', () => {
  it('is the UTC calendar day, whatever the local time zone', () => {
    expect(utcDay(Date.UTC(2026, 4, 3, 23, 59, 59, 999))).toBe('2026-05-03');
    expect(utcDay(Date.UTC(2026, 4, 4, 0, 0, 0, 0))).toBe('2026-05-04');
  });

  it('gives the same answer through the hot-path cache, across midnight and back', () => {
    const today = dayCache();
    const times = [
      Date.UTC(2026, 0, 1, 12),
      Date.UTC(2026, 0, 1, 23, 59),
      Date.UTC(2026, 0, 2),
      Date.UTC(2025, 11, 31),
    ];
    for (const ms of times) expect(today(ms)).toBe(utcDay(ms));
  });
});

describe('formatClicks', () => {
  it('says click or clicks', () => {
    expect(formatClicks(1)).toBe('1 click');
    expect(formatClicks(0)).toBe('0 clicks');
    expect(formatClicks(12)).toBe('12 clicks');
  });
});

describe('share links with a personal link', () => {
  const personalUrl = 'https://boost.example.com/r/AAAAAAAAAAAAAAAAAAAAAAAA';
  const input = {
    url: 'https://example.com/post',
    text: 'Worth a read',
    networks: ['linkedin', 'x', 'bluesky', 'mastodon', 'reddit', 'hackernews', 'facebook', 'threads'] as const,
    mastodonInstance: 'hachyderm.io',
    personalUrl,
  };

  it('carry the personal link where people post in their own words', () => {
    const links = shareLinks(input);
    for (const network of ['linkedin', 'x', 'bluesky', 'mastodon', 'facebook', 'threads']) {
      const link = links.find((l) => l.network === network);
      expect(decodeURIComponent(link?.url ?? '')).toContain(personalUrl);
      expect(decodeURIComponent(link?.url ?? '')).not.toContain('https://example.com/post');
    }
  });

  it('submit the original link to Reddit and Hacker News, where the link itself is the post', () => {
    const links = shareLinks(input);
    for (const network of ['reddit', 'hackernews']) {
      const link = links.find((l) => l.network === network);
      expect(decodeURIComponent(link?.url ?? '')).toContain('https://example.com/post');
      expect(decodeURIComponent(link?.url ?? '')).not.toContain(personalUrl);
    }
  });

  it('carry the original link when there is no personal link', () => {
    const { personalUrl: _, ...plain } = input;
    for (const link of shareLinks(plain)) expect(decodeURIComponent(link.url)).toContain('https://example.com/post');
  });
});
