import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPreviewBot } from '../../src/domain/preview-bots.ts';

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
