import { bigint, boolean, customType, integer, jsonb, serial, text } from 'drizzle-orm/pg-core';

// How each kind of value Boost keeps is stored in PostgreSQL, so that schema-pg.ts reads like schema.ts line for line
// and both hand the repositories the same values: times as epoch milliseconds (bigint, read as a JS number), flags as
// booleans, lists as JSON, ids from a sequence.

/** Epoch milliseconds. */
export const time = (name: string) => bigint(name, { mode: 'number' });

/** A yes/no choice. */
export const flag = (name: string) => boolean(name);

/** A JSON list of strings, such as a request's networks. */
export const stringList = (name: string) => jsonb(name).$type<string[]>();

/** A small whole number (counts, offsets, attempts). */
export const whole = (name: string) => integer(name);

/** The table's own id, from a sequence. */
export const id = () => serial('id').primaryKey();

/** A reference to another table's id. */
export const idRef = (name: string) => integer(name);

/**
 * Words a person typed (a request's title, ask and suggested text). PostgreSQL's text cannot hold NUL (U+0000), which
 * Slack passes on and Boost never shows (it removes control characters from what it displays), so it is left out
 * rather than failing the write; SQLite keeps it, and both show the same.
 */
export const words = customType<{ data: string; driverData: string }>({
  dataType: () => 'text',
  toDriver: (value) => value.replaceAll('\u0000', ''),
});

export { text };
