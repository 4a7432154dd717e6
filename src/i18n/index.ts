import i18next, { type TFunction } from 'i18next';
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

/**
 * A plural form a catalog leaves out (Italian's "many", used from a million on) is its "other" form, so a catalog
 * writes only the forms its language's grammar tells apart.
 */
function withPluralForms(language: Language, catalog: Record<string, string>): Record<string, string> {
  const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const filled = { ...catalog };
  for (const [key, value] of Object.entries(catalog)) {
    if (!key.endsWith('_other')) continue;
    const base = key.slice(0, -'_other'.length);
    for (const form of forms) filled[`${base}_${form}`] ??= value;
  }
  return filled;
}

const i18n = i18next.createInstance();
void i18n.init({
  initAsync: false,
  resources: Object.fromEntries(
    Object.entries(CATALOGS).map(([language, catalog]) => [
      language,
      { translation: withPluralForms(language as Language, catalog) },
    ]),
  ),
  lng: 'en',
  fallbackLng: 'en',
  // Keys are flat strings such as 'home.welcome': dots and colons are part of them.
  keySeparator: false,
  nsSeparator: false,
  // Every value that came from a person is escaped for mrkdwn (domain/escape.ts) before it reaches t(), and i18next
  // never interpolates inside a value (skipOnVariables), so a catalog cannot undo that escaping; escaping for HTML here
  // would turn `&lt;` into `&amp;lt;`. The /r/ pages escape for HTML themselves.
  interpolation: { escapeValue: false, skipOnVariables: true },
  returnNull: false,
});

const translators = new Map<string, TFunction>(Object.keys(CATALOGS).map((l) => [l, i18n.getFixedT(l)]));

/** The text of `key` in `language`, its placeholders filled in; a missing translation falls back to English. */
export function t(language: Language, key: MessageKey, params?: MessageParams): string {
  return (translators.get(language) as TFunction)(key, params) as string;
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
const numberFormats = new Map(Object.keys(CATALOGS).map((l) => [l, new Intl.NumberFormat(l)]));

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
