import { describe, expect, it } from 'vitest';
import { decodeEntities, emojify, formatDateToken, type Reader } from '../../src/playground/web/slack-text.ts';

// What the page shows for Slack's <!date> tokens and escaped text, as Slack's clients show them.

const reader = (tz: string, now: number): Reader => ({
  tz,
  now,
  userName: () => undefined,
  channelName: () => undefined,
});

// Tuesday 1 December 2026, 23:30 UTC: already Wednesday in Rome, still Tuesday in New York.
const AT = Date.UTC(2026, 11, 1, 23, 30) / 1000;

describe('the playground page’s mrkdwn', () => {
  it('shows a <!date> token in the reader’s own time zone', () => {
    const token = `!date^${AT}^{date_long} {time}`;
    expect(formatDateToken(token, 'fallback', reader('Europe/Rome', AT * 1000))).toBe(
      'Wednesday, December 2nd, 2026 12:30 AM',
    );
    expect(formatDateToken(token, 'fallback', reader('America/New_York', AT * 1000))).toBe(
      'Tuesday, December 1st, 2026 6:30 PM',
    );
  });

  it('says today, tomorrow or yesterday for the pretty formats, from the workspace clock', () => {
    const day = 86_400_000;
    const token = `!date^${AT}^{date_short_pretty}`;
    expect(formatDateToken(token, undefined, reader('UTC', AT * 1000))).toBe('today');
    expect(formatDateToken(token, undefined, reader('UTC', AT * 1000 - day))).toBe('tomorrow');
    expect(formatDateToken(token, undefined, reader('UTC', AT * 1000 + 3 * day))).toBe('Dec 1, 2026');
  });

  it('falls back to the token’s text when its time is not a number', () => {
    expect(formatDateToken('!date^soon^{date}', 'some day', reader('UTC', 0))).toBe('some day');
  });

  it('decodes the three escaped entities once, and shows emoji codes as emoji', () => {
    expect(decodeEntities('&lt;!channel&gt; &amp;amp;')).toBe('<!channel> &amp;');
    expect(emojify(':rocket: :not_an_emoji:')).toBe('🚀 :not_an_emoji:');
  });
});
