import type { Catalog } from './catalog.ts';
import { en } from './locales/en.ts';
import { it } from './locales/it.ts';

/** The languages Boost speaks, one line each; adding one is its catalog file plus a line here. English comes first. */
export const CATALOGS = {
  en,
  it,
} as const satisfies Record<string, Catalog>;

export type Language = keyof typeof CATALOGS;

export const LANGUAGES = Object.keys(CATALOGS) as Language[];
