import type { en } from './locales/en.ts';

/** English is the reference: every language has each of its keys (a missing one is a type error). */
export type Catalog = { readonly [K in keyof typeof en]: string };

type PluralBase<K> = K extends `${infer Base}_one` ? Base : K extends `${infer Base}_other` ? Base : K;

/** A key as code names it: plural forms (`people_one`, `people_other`) are one key, chosen by `count`. */
export type MessageKey = PluralBase<keyof typeof en>;
