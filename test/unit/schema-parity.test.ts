import { type Column, getTableName, is, type Table } from 'drizzle-orm';
import { PgTable, getTableConfig as pgConfig } from 'drizzle-orm/pg-core';
import { SQLiteTable, getTableConfig as sqliteConfig } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as sqliteSchema from '../../src/db/schema.ts';
import * as pgSchema from '../../src/db/schema-pg.ts';

// SQLite and PostgreSQL each have their schema module (drizzle has no schema shared between dialects): what one
// declares, the other must declare alike, or a repository would work on one database and not the other.

type Config = ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>;

const columnsOf = (columns: readonly Column[]) => columns.map((column) => column.name);

/** What must be the same on both sides, in plain values: tables, columns, keys, indexes and foreign keys. */
function shape(config: Config) {
  return {
    name: config.name,
    columns: Object.fromEntries(
      config.columns.map((column) => [
        column.name,
        {
          notNull: column.notNull,
          primaryKey: column.primary,
          default: column.default,
          unique: column.isUnique,
          enum: column.enumValues ?? null,
        },
      ]),
    ),
    primaryKeys: config.primaryKeys.map((key) => columnsOf(key.columns)),
    // A unique constraint is a unique index (PostgreSQL wants one where a foreign key points).
    indexes: [
      ...config.indexes.map((index) => ({
        name: index.config.name,
        unique: index.config.unique,
        columns: index.config.columns.map((column) => (column as Column).name),
      })),
      ...('uniqueConstraints' in config ? config.uniqueConstraints : []).map((constraint) => ({
        name: constraint.name,
        unique: true,
        columns: columnsOf(constraint.columns),
      })),
    ].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')),
    foreignKeys: config.foreignKeys
      .map((key) => {
        const reference = key.reference();
        return {
          columns: columnsOf(reference.columns),
          table: getTableName(reference.foreignTable),
          foreignColumns: columnsOf(reference.foreignColumns),
          onDelete: key.onDelete ?? null,
        };
      })
      .sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
  };
}

const tablesOf = (schema: Record<string, unknown>, isTable: (value: unknown) => value is Table) =>
  Object.entries(schema).filter((entry): entry is [string, Table] => isTable(entry[1]));

const sqliteTables = tablesOf(sqliteSchema, (value): value is Table => is(value, SQLiteTable));
const pgTables = tablesOf(pgSchema, (value): value is Table => is(value, PgTable));

describe('the SQLite and PostgreSQL schemas', () => {
  it('declare the same tables under the same names', () => {
    expect(pgTables.map(([key, table]) => [key, getTableName(table)])).toEqual(
      sqliteTables.map(([key, table]) => [key, getTableName(table)]),
    );
    expect(sqliteTables.length).toBeGreaterThan(0);
  });

  it.each(sqliteTables.map(([key]) => key))('declare %s alike: columns, keys, indexes and foreign keys', (key) => {
    const sqlite = sqliteTables.find(([name]) => name === key)?.[1];
    const postgres = pgTables.find(([name]) => name === key)?.[1];
    expect(postgres).toBeDefined();
    if (!sqlite || !postgres) return;
    expect(shape(pgConfig(postgres as PgTable))).toEqual(shape(sqliteConfig(sqlite as SQLiteTable)));
  });
});
