import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstLinkIn, parseBoostCommand } from '../../src/domain/command.ts';
import { labelDisguisesLink } from '../../src/domain/link-label.ts';
import { isPreviewBot } from '../../src/domain/preview-bots.ts';
import { normalizeMastodonInstance } from '../../src/domain/share-links.ts';
import { trackedLinkUrl } from '../../src/domain/tracked-links.ts';
import { asksForVotes } from '../../src/domain/validation.ts';

// Every regular expression that reads text from outside is fed long runs of its own characters, the inputs on which a
// backtracking pattern goes quadratic or worse. A linear pattern answers each of these in about a millisecond; a
// quadratic one needs seconds per 64 KB string, so these properties do not finish within the test timeout.

const KB = 1024;

/** Text made of one to three runs, each of one piece repeated 8 to 22 thousand times: up to about 64 KB in all. */
function runsOf(pieces: readonly string[]): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(fc.constantFrom(...pieces), fc.integer({ min: 8 * KB, max: 22 * KB })), {
      minLength: 1,
      maxLength: 3,
    })
    .map((runs) => runs.map(([piece, times]) => piece.repeat(times)).join(''));
}

const RUNS = { numRuns: 40 };

describe('the preview-bot classifier', () => {
  const UA_PIECES = [' ', '\t', '.', '-', '_', 'w', '1'];

  it('reads a 64 KB hostile User-Agent (compatible; then a run of spaces, tabs, dots or hyphens) as a person', () => {
    for (const char of [' ', '\t', '.', '-']) expect(isPreviewBot(`compatible;${char.repeat(64 * KB)}x`)).toBe(false);
  });

  it('reads long runs of its pattern characters that name no bot as a person', () => {
    fc.assert(
      fc.property(runsOf(UA_PIECES), (padding) => {
        expect(isPreviewBot(`compatible;${padding}x`)).toBe(false);
      }),
      RUNS,
    );
  });

  it('still recognises a bot that names itself first, whatever follows', () => {
    fc.assert(
      fc.property(runsOf([...UA_PIECES, 'compatible;', 'bot', 'b']), (rest) => {
        expect(isPreviewBot(`Mozilla/5.0 (compatible; Googlebot/2.1; ${rest}`)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('links in command and message text', () => {
  // Without a closing `>`, no Slack-formatted link: the first bare link, up to the next space, is the one found.
  const LINK_PIECES = ['<http://', '<https://a|', 'a', '|', ' ', '<'];

  it('finds the first bare link in long runs of unclosed <http:// and | pieces', () => {
    fc.assert(
      fc.property(runsOf(LINK_PIECES), (text) => {
        const start = text.indexOf('http');
        const end = text.indexOf(' ', start);
        expect(firstLinkIn(text)).toBe(start < 0 ? undefined : text.slice(start, end < 0 ? undefined : end));
      }),
      RUNS,
    );
  });

  it('reads a command made of such runs as an unknown word or a report', () => {
    fc.assert(
      fc.property(runsOf(LINK_PIECES), (text) => {
        expect(parseBoostCommand(`report ${text}`)).toEqual({ kind: 'report' });
        expect(parseBoostCommand(`<https://a${text}`).kind).toBe('unknown');
      }),
      RUNS,
    );
  });
});

describe('labels that read as addresses', () => {
  it('does not take long runs of dotted words that end in another word for an address', () => {
    fc.assert(
      fc.property(runsOf(['a', '.', 'a.', 'www.', '-']), (run) => {
        expect(labelDisguisesLink('https://example.com/', `${run} x`)).toBe(false);
      }),
      RUNS,
    );
  });
});

describe('trailing slashes', () => {
  it('are dropped from a Mastodon instance and a public base URL, however many there are', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 * KB }), (count) => {
        const slashes = '/'.repeat(count);
        expect(normalizeMastodonInstance(`hachyderm.io${slashes}`)).toBe('hachyderm.io');
        expect(normalizeMastodonInstance(`hachyderm.io${slashes}x`)).toBeNull();
        expect(trackedLinkUrl(`https://boost.example${slashes}`, 'T')).toBe('https://boost.example/r/T');
      }),
      RUNS,
    );
  });
});

describe('requests for votes', () => {
  const VOTE_SITE = 'https://stackoverflow.com/q/1';
  const WORDS = [' ', '\t', 'give ', 'a ', 'an ', 'the ', 'vote', 'up', '+', '1'];

  it('are found after long runs of the words they are made of', () => {
    fc.assert(
      fc.property(runsOf(WORDS), (text) => {
        expect(asksForVotes(VOTE_SITE, `${text} please vote for it`)).toBe(true);
      }),
      RUNS,
    );
  });

  it('are not seen in long runs of the words around them', () => {
    fc.assert(
      fc.property(runsOf([' ', '\t', 'give ', 'a ', 'an ', 'the ', 'my ', '+', 'x']), (text) => {
        expect(asksForVotes(VOTE_SITE, text)).toBe(false);
      }),
      RUNS,
    );
  });
});
