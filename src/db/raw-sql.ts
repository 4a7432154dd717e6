import { type Column, getTableColumns, type SQL, sql, type Table } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';

// The hot and bulk reads run on better-sqlite3 directly: statements prepared once, rows read one at a time, no query
// building and no row mapping per call. Their SQL is still written with the schema's tables and columns, and their row
// types come from the schema, so a column renamed in schema.ts is renamed in these statements too, and a field
// renamed or retyped there is a type error where the rows are used.

const dialect = new SQLiteSyncDialect();

/**
 * The text of a statement written as a drizzle template, for better-sqlite3's prepare. Values are bound when the
 * statement runs (`?` or `@name` in the text), never inlined: a template with a value in it is a mistake.
 */
export function sqlText(query: SQL): string {
  const { sql: text, params } = dialect.sqlToQuery(query);
  if (params.length > 0) throw new Error(`A prepared statement must bind its values, not inline them: ${text}`);
  return text;
}

/** A column's bare name, as INSERT column lists and upserts' SET want it. */
export const columnName = (column: Column): SQL => sql`${sql.identifier(column.name)}`;

/**
 * A column's value as SQLite hands it back before drizzle decodes it: text and numbers as the schema types them
 * (an enum stays its union), booleans as 0 or 1, JSON as its text.
 */
export type StoredValue<C extends Column> =
  | (C['_']['dataType'] extends 'string' | 'number' ? C['_']['data'] : C['_']['driverParam'])
  | (C['_']['notNull'] extends true ? never : null);

/** A row of `columnsAs(table, keys)`: the table's select type for those keys, as SQLite stores them. */
export type StoredRow<T extends Table, K extends keyof T['_']['columns']> = {
  [P in K]: T['_']['columns'][P] extends Column ? StoredValue<T['_']['columns'][P]> : never;
};

/** `"table"."column" as "key"` for each key: rows come back keyed like the table's select type (see StoredRow). */
export function columnsAs<T extends Table, K extends keyof T['_']['columns'] & string>(
  table: T,
  keys: readonly K[],
): SQL {
  const columns: Record<string, Column> = getTableColumns(table);
  return sql.join(
    keys.map((key) => sql`${columns[key]} as ${sql.identifier(key)}`),
    sql`, `,
  );
}
