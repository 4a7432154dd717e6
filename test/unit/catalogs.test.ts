import { describe, expect, it } from 'vitest';
import { formatNumber, LANGUAGES, languageOfLocale, t } from '../../src/i18n/index.ts';
import { CATALOGS } from '../../src/i18n/languages.ts';

// Every language is checked against English, the reference: a language added as one file (and a line in
// languages.ts) is complete when these pass.

const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseOf = (key: string) => key.replace(PLURAL, '');
const placeholders = (value: string) =>
  [...value.matchAll(/\{\{\s*([a-zA-Z]+)[^}]*\}\}/g)].map((match) => match[1]).sort();
/** A key's placeholders in all its plural forms (a form may leave `count` out: "one" can say "un"). */
function placeholdersByKey(catalog: Record<string, string>): Map<string, Set<string>> {
  const byKey = new Map<string, Set<string>>();
  for (const [key, value] of Object.entries(catalog)) {
    const names = byKey.get(baseOf(key)) ?? new Set<string>();
    for (const name of placeholders(value)) names.add(name as string);
    byKey.set(baseOf(key), names);
  }
  return byKey;
}

const english = CATALOGS.en as Record<string, string>;

/** Texts given several values to choose from: a date's fallback is the ISO date or the language's own way. */
const CHOICES: Record<string, string[]> = { 'date.fallback': ['iso', 'date'] };

describe.each(LANGUAGES.filter((language) => language !== 'en'))('the %s catalog', (language) => {
  const catalog = CATALOGS[language] as Record<string, string>;

  it('has every key of the English one and no other', () => {
    const keys = (c: Record<string, string>) => [...new Set(Object.keys(c).map(baseOf))].sort();
    expect(keys(catalog)).toEqual(keys(english));
  });

  it('gives each key with plural forms its "one" and "other" forms', () => {
    const plural = Object.keys(english).filter((key) => key.endsWith('_other'));
    for (const key of plural) {
      expect(catalog, key).toHaveProperty(key);
      expect(catalog, key).toHaveProperty(key.replace(/_other$/, '_one'));
    }
  });

  it('uses the same placeholders as English in each text', () => {
    const theirs = placeholdersByKey(catalog);
    const mismatched = [...placeholdersByKey(english)].filter(
      ([key, names]) => !(key in CHOICES) && [...names].sort().join() !== [...(theirs.get(key) ?? [])].sort().join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('picks, where a text offers a choice of values, only among them', () => {
    const theirs = placeholdersByKey(catalog);
    for (const [key, allowed] of Object.entries(CHOICES)) {
      expect(
        [...(theirs.get(key) ?? [])].every((name) => allowed.includes(name)),
        key,
      ).toBe(true);
    }
  });

  it('keeps Slack’s own markup as English has it: emoji codes, date formats and commands', () => {
    const markup = (value: string) => [...value.matchAll(/:[a-z_]+:|\{[a-z_]+\}|`\{\{command\}\}[^`]*`/g)].length;
    const differing = Object.keys(english).filter((key) => markup(english[key] ?? '') !== markup(catalog[key] ?? ''));
    expect(differing).toEqual([]);
  });
});

describe.each(LANGUAGES)('the %s catalog', (language) => {
  it('has no empty text', () => {
    const empty = Object.entries(CATALOGS[language]).filter(([, value]) => value.trim() === '');
    expect(empty).toEqual([]);
  });

  it('names its language in that language', () => {
    expect(t(language, 'language.name')).not.toBe('');
  });
});

describe('plurals and numbers', () => {
  it('follows each language’s plural rules', () => {
    expect(t('en', 'thanks.sent', { count: 1, title: 'X' })).toContain('Thanked 1 person ');
    expect(t('en', 'thanks.sent', { count: 5, title: 'X' })).toContain('Thanked 5 people ');
    expect(t('it', 'thanks.sent', { count: 1, title: 'X' })).toContain('1 persona ');
    expect(t('it', 'thanks.sent', { count: 5, title: 'X' })).toContain('5 persone ');
  });

  it('uses the "other" form where a catalog leaves a form of its language out (Italian "many", a million on)', () => {
    expect(t('it', 'thanks.sent', { count: 1_000_000, title: 'X' })).toContain('1.000.000 persone ');
  });

  it('writes numbers as each language does', () => {
    expect(formatNumber('en', 12_345)).toBe('12,345');
    expect(formatNumber('it', 12_345)).toBe('12.345');
    expect(t('it', 'clicks', { count: 12_345 })).toBe('12.345 clic');
  });
});

describe('a locale as Slack names it', () => {
  it.each([
    ['it-IT', 'it'],
    ['it-CH', 'it'],
    ['IT', 'it'],
    ['en-GB', 'en'],
    ['en_US', 'en'],
  ])('%s is spoken in %s', (locale, language) => {
    expect(languageOfLocale(locale)).toBe(language);
  });

  it.each(['ja-JP', 'pt-BR', '', null, undefined])('%j is not a language Boost has', (locale) => {
    expect(languageOfLocale(locale)).toBeUndefined();
  });
});

describe('user text in a catalog text', () => {
  it('stays what the escaping made of it, whatever the placeholder is in', () => {
    const escaped = '&lt;!channel&gt; {{count}} $t(button.optIn)';
    for (const language of LANGUAGES) {
      const shown = t(language, 'notice.shared', { title: escaped, count: 3 });
      expect(shown).toContain(escaped);
      expect(shown).not.toContain('<!channel>');
    }
  });
});
