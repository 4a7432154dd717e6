import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasVisibleText, plainTextWithin, truncate, truncateMrkdwn } from '../../src/domain/escape.ts';

const graphemes = (text: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)];

// Graphemes of one to eleven UTF-16 units: astral emoji, flags, a family joined by ZWJ, an accent, a skin tone.
const GRAPHEME = fc.constantFrom('a', ' ', 'é', 'e\u0301', '😀', '🇫🇷', '👩‍👩‍👧‍👦', '👍🏽', '字');
const TEXT = fc.array(GRAPHEME, { maxLength: 200 }).map((pieces) => pieces.join(''));
const MAX = fc.integer({ min: 1, max: 400 });

/** The kept text without the ellipsis, which must be whole graphemes from the start of `text`. */
function isWholeGraphemePrefix(kept: string, text: string): boolean {
  const starts = new Set(graphemes(text).map((segment) => segment.index));
  starts.add(text.length);
  return text.startsWith(kept) && starts.has(kept.length);
}

describe('truncate', () => {
  it('keeps at most max units and cuts only between graphemes', () => {
    fc.assert(
      fc.property(TEXT, MAX, (text, max) => {
        const cut = truncate(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        if (cut === text) return;
        expect(cut.endsWith('…')).toBe(true);
        expect(isWholeGraphemePrefix(cut.slice(0, -1), text)).toBe(true);
      }),
    );
  });

  it('never leaves half of an emoji, a flag or a joined family', () => {
    expect(truncate(`${'a'.repeat(8)}🇫🇷🇫🇷`, 10)).toBe(`${'a'.repeat(8)}…`);
    expect(truncate('ab👩‍👩‍👧‍👦cd', 6)).toBe('ab…');
    expect(truncate('abe\u0301cd', 4)).toBe('ab…');
  });
});

describe('truncateMrkdwn', () => {
  const PIECE = fc.constantFrom(
    'word ',
    '&amp;',
    '&lt;',
    '&#128512;',
    '<https://example.com/a?b=1&amp;c=2|a label>',
    '<@U0123ABC>',
    '<!date^1767225600^{date_short}|2026-01-01>',
    '😀',
    '\n',
  );
  const MRKDWN = fc.array(PIECE, { maxLength: 120 }).map((pieces) => pieces.join(''));

  it('never cuts inside a link, a mention, a date or an entity, and keeps at most max units', () => {
    fc.assert(
      fc.property(MRKDWN, MAX, (text, max) => {
        const cut = truncateMrkdwn(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        if (cut === text) return;
        const kept = cut.slice(0, -1);
        expect(text.startsWith(kept)).toBe(true);
        expect(kept.lastIndexOf('<')).toBeLessThanOrEqual(kept.lastIndexOf('>'));
        expect(kept).not.toMatch(/&[#a-z0-9]*$/i);
        expect(kept).not.toMatch(/\p{Cs}/u);
      }),
    );
  });

  it('drops a link that does not fit whole', () => {
    expect(truncateMrkdwn('See <https://example.com/page|the page> now', 20)).toBe('See…');
    expect(truncateMrkdwn('Tom &amp; Jerry', 8)).toBe('Tom…');
  });
});

describe('plainTextWithin', () => {
  it('drops control characters, closes an open override and stays within max', () => {
    expect(plainTextWithin('a\u0000b\u001b\u0007c', 150)).toBe('abc');
    expect(plainTextWithin('\u202eevil', 150)).toBe('\u202eevil\u202c');
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', '\u202e', '\u2067', '\u0000', '😀'), { maxLength: 300 }),
        MAX,
        (pieces, max) => {
          expect(plainTextWithin(pieces.join(''), max).length).toBeLessThanOrEqual(max);
        },
      ),
    );
  });
});

describe('hasVisibleText', () => {
  it('is false for text made only of spaces, zero-width and direction marks, and fillers', () => {
    expect(hasVisibleText('\u200b \u200c\u200d\u200e\u200f\u2060\ufeff\u202e\u3164\u2800\n\t\u00a0\u3000')).toBe(false);
    expect(hasVisibleText('')).toBe(false);
  });

  it('is true as soon as one visible character is there', () => {
    for (const text of ['\u200ba', ' 😀 ', '\u202e!', '字']) expect(hasVisibleText(text)).toBe(true);
  });
});
