import type { MessageKey } from './catalog.ts';
import { CATALOGS, type Language } from './languages.ts';

export type { MessageKey } from './catalog.ts';
export { LANGUAGES, type Language } from './languages.ts';

/** Values for a message's placeholders; `count` also picks the plural form, by the language's own rules. */
export type MessageParams = Record<string, string | number>;

/**
 * A text to show, as a catalog key and its values: what code without a language (the domain) hands back. A value may be
 * a message itself (a clause of the sentence), said in the same language.
 */
export interface Message {
  key: MessageKey;
  params?: Record<string, string | number | Message>;
}

/** Plural rules of each language, built once: `count` picks the `_one`, `_other`... form of a key. */
const pluralRules = new Map(Object.keys(CATALOGS).map((l) => [l, new Intl.PluralRules(l)]));
const numberFormats = new Map(Object.keys(CATALOGS).map((l) => [l, new Intl.NumberFormat(l)]));
const catalogs = CATALOGS as Readonly<Record<Language, Readonly<Record<string, string>>>>;

/** `{{name}}`, or `{{name, number}}` for a number as the language writes it. */
const PLACEHOLDER = /\{\{\s*(\w+)\s*(?:,\s*number\s*)?\}\}/g;

/**
 * The template of `key` in one catalog: with a `count`, the plural form the language's rules pick, else its "other"
 * form (a catalog writes only the forms its grammar tells apart: Italian's "many", from a million on, is its "other").
 */
function templateIn(language: Language, key: string, count: unknown): string | undefined {
  const catalog = catalogs[language];
  if (typeof count === 'number') {
    const form = (pluralRules.get(language) as Intl.PluralRules).select(count);
    const plural = catalog[`${key}_${form}`] ?? catalog[`${key}_other`];
    if (plural !== undefined) return plural;
  }
  return catalog[key];
}

/**
 * The text of `key` in `language`, its placeholders filled in; a missing translation falls back to English. Values are
 * put in as they are, in one pass, so a value is never read as a placeholder itself: every value that came from a
 * person is escaped for mrkdwn (domain/escape.ts) before it gets here, and a catalog cannot undo that. The /r/ pages
 * escape for HTML themselves.
 */
export function t(language: Language, key: MessageKey, params?: MessageParams): string {
  const template = templateIn(language, key, params?.count) ?? templateIn('en', key, params?.count) ?? key;
  if (!params) return template;
  return template.replace(PLACEHOLDER, (placeholder, name: string) => {
    const value = params[name];
    if (value === undefined) return placeholder;
    return placeholder.includes(',') && typeof value === 'number' ? formatNumber(language, value) : String(value);
  });
}

/** A message from the domain, in `language`. */
export function say(language: Language, message: Message): string {
  if (!message.params) return t(language, message.key);
  const params: MessageParams = {};
  for (const [name, value] of Object.entries(message.params)) {
    params[name] = typeof value === 'object' ? say(language, value) : value;
  }
  return t(language, message.key, params);
}

/** A number as the language writes it (1,234 in English, 1.234 in Italian). */
export function formatNumber(language: Language, value: number): string {
  return numberFormats.get(language)?.format(value) ?? String(value);
}
/**
 * The language Boost has for a locale as Slack names it (`it-IT`, `pt-BR`, `en-GB`): the locale itself, then its
 * language (`it-CH` → `it`); undefined when Boost has neither.
 */
export function languageOfLocale(locale: string | null | undefined): Language | undefined {
  if (!locale) return undefined;
  const wanted = locale.trim().toLowerCase().replace(/_/g, '-');
  const exact = Object.keys(CATALOGS).find((language) => language.toLowerCase() === wanted);
  if (exact) return exact as Language;
  const base = wanted.split('-')[0];
  return Object.keys(CATALOGS).find((language) => language.toLowerCase() === base) as Language | undefined;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && Object.hasOwn(CATALOGS, value);
}
