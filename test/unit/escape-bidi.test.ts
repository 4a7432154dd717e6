import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closeBidiControls, escapeMrkdwn } from '../../src/domain/escape.ts';

const RLO = '\u202e';
const PDF = '\u202c';
const RLI = '\u2067';
const PDI = '\u2069';

describe('closeBidiControls', () => {
  it('closes a right-to-left override left open, so the words after it keep their order', () => {
    expect(closeBidiControls(`moc.elgoog${RLO}`)).toBe(`moc.elgoog${RLO}${PDF}`);
    expect(`${escapeMrkdwn(`${RLO}title`)} (3 in, 1 shared)`).toBe(`${RLO}title${PDF} (3 in, 1 shared)`);
  });

  it('closes isolates and overrides in the reverse order they were opened', () => {
    expect(closeBidiControls(`a${RLI}b${RLO}c`)).toBe(`a${RLI}b${RLO}c${PDF}${PDI}`);
  });

  it('leaves text alone when it closes what it opens, or opens nothing', () => {
    for (const text of [`${RLO}abc${PDF}`, `${RLI}abc${PDI}`, 'שלום مرحبا 👩🏽‍💻 e\u0301', '']) {
      expect(closeBidiControls(text)).toBe(text);
    }
  });

  it('treats each line as its own paragraph, as Unicode does', () => {
    expect(closeBidiControls(`${RLO}first\nsecond`)).toBe(`${RLO}first\nsecond`);
  });

  it('never leaves an override or isolate open at the end, whatever the text', () => {
    const bidi = fc.constantFrom(
      '\u202a',
      '\u202b',
      '\u202c',
      '\u202d',
      '\u202e',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
    );
    const piece = fc.oneof(bidi, fc.string({ maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const closed = closeBidiControls(pieces.join(''));
        const lastLine = closed.split('\n').at(-1) ?? '';
        expect(closeBidiControls(lastLine)).toBe(lastLine);
      }),
    );
  });
});
