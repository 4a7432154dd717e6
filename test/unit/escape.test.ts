import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSlackEntities, escapeMrkdwn, stripControlCharacters, truncate } from '../../src/domain/escape.ts';

const WORD_JOINER = '\u2060';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('escapeMrkdwn', () => {
  it('turns <!channel> into inert text', () => {
    expect(escapeMrkdwn('hey <!channel> look')).toBe('hey &lt;!channel&gt; look');
  });

  it.each([
    '<!here>',
    '<!everyone>',
    '<!channel|channel>',
    '<@U123>',
    '<@U123|alice>',
    '<#C123>',
    '<#C123|general>',
    '<!subteam^S123>',
    '<!subteam^S123|@engineers>',
    '<!date^1392734382^{date}|Feb 18>',
    '<https://evil.example|innocent.example>',
    '<mailto:a@evil.example|support>',
    '<https://evil.example>',
  ])('leaves no Slack control syntax in %s', (hostile) => {
    const escaped = escapeMrkdwn(`before ${hostile} after`);
    expect(escaped).not.toMatch(/[<>]/);
    expect(decodeSlackEntities(escaped).replaceAll(WORD_JOINER, '')).toBe(`before ${hostile} after`);
  });

  it('escapes ampersands first, so entities typed by a person show as typed', () => {
    expect(escapeMrkdwn('&lt;!channel&gt; & co')).toBe('&amp;lt;!channel&amp;gt; &amp; co');
  });

  it.each(['@channel', '@here', '@everyone', '@CHANNEL', '@Here', 'hi @everyone!'])(
    'breaks up the broadcast in %s',
    (text) => {
      const escaped = escapeMrkdwn(text);
      expect(escaped).not.toMatch(/@(channel|here|everyone)/i);
      expect(escaped).toContain(`@${WORD_JOINER}`);
      expect(escaped.replaceAll(WORD_JOINER, '')).toBe(text);
    },
  );

  it('leaves words that merely start like a broadcast alone', () => {
    expect(escapeMrkdwn('@heretics and @channels-team')).toBe('@heretics and @channels-team');
  });

  it('cannot be tricked into a broadcast with a control character inside it', () => {
    expect(escapeMrkdwn('@\u0000channel')).toBe(`@${WORD_JOINER}channel`);
  });

  it('strips control characters but keeps newlines and tabs', () => {
    expect(escapeMrkdwn('a\u0000b\u0007c\u001b[31md\u007fe\u0085f\r\n\tg')).toBe('abc[31mdef\n\tg');
  });

  it('keeps emoji, right-to-left text, combining marks and zero-width characters intact', () => {
    const text = '👩🏽‍💻 ship it 🚀 שלום مرحبا e\u0301 \u200b\u200d \u202eabc\u202c 🇳🇱';
    expect(escapeMrkdwn(text)).toBe(text);
  });

  it('never lets an angle bracket through, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(escapeMrkdwn(text)).not.toMatch(/[<>]/);
      }),
    );
  });
});

describe('stripControlCharacters', () => {
  it('removes C1 control characters too', () => {
    expect(stripControlCharacters('a\u0080\u009fb')).toBe('ab');
  });
});

describe('truncate', () => {
  it('returns text that fits unchanged', () => {
    expect(truncate('hello', 5)).toBe('hello');
    expect(truncate('hello', 50)).toBe('hello');
  });

  it('cuts long text to the limit, ending in an ellipsis', () => {
    const cut = truncate('The quick brown fox jumps over the lazy dog', 20);
    expect(cut.length).toBeLessThanOrEqual(20);
    expect(cut.endsWith('…')).toBe(true);
    expect('The quick brown fox jumps'.startsWith(cut.slice(0, -1))).toBe(true);
  });

  it('does not leave a space before the ellipsis', () => {
    expect(truncate('aaaa bbbb', 6)).toBe('aaaa…');
  });

  it('gives only an ellipsis for a limit of one and nothing for zero', () => {
    expect(truncate('hello', 1)).toBe('…');
    expect(truncate('hello', 0)).toBe('');
  });

  it('never splits a surrogate pair', () => {
    const text = 'a🚀🚀🚀🚀b';
    for (let max = 0; max <= text.length; max += 1) {
      const cut = truncate(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut).not.toMatch(LONE_SURROGATE);
    }
  });

  it('keeps any text within the limit and whole', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.nat(40), (text, max) => {
        const cut = truncate(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(cut).not.toMatch(LONE_SURROGATE);
        if (text.length <= max) expect(cut).toBe(text);
      }),
    );
  });
});
