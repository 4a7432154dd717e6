import { asc, getTableName, gt, is, sql, type Table } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { BoostDatabase } from './connection.ts';
import type { PostgresDatabase } from './postgres.ts';
import * as sqliteSchema from './schema.ts';
import * as pgSchema from './schema-pg.ts';

// Moving an installation from its SQLite file to PostgreSQL (npm run db:copy): every table, row for row, into an empty
// database that Boost's PostgreSQL migrations have made. Rows are read through the SQLite schema and written through the
// PostgreSQL one, so each value arrives as Boost reads it (flags as booleans, lists as JSON, times as numbers). Tables
// are copied parents first, as their foreign keys say, so every foreign key holds.

/** Rows read and written at a time: memory stays flat whatever the size of a table. */
const CHUNK = 500;

export class TargetNotEmpty extends Error {}

export interface CopiedTable {
  table: string;
  rows: number;
}

const tablesOf = <T extends Table>(schema: Record<string, unknown>, isTable: (value: unknown) => value is T) =>
  new Map(Object.entries(schema).filter((entry): entry is [string, T] => isTable(entry[1])));

/**
 * Copies everything from `source` into `target`, in one transaction: all of it arrives, or nothing does. Refuses a
 * target that holds any row. The id sequences are set past the copied ids, so new rows never collide.
 */
export async function copyDatabase(
  source: BoostDatabase,
  target: PostgresDatabase,
  onTable: (copied: CopiedTable) => void = () => undefined,
): Promise<CopiedTable[]> {
  const from = tablesOf(sqliteSchema, (value): value is SQLiteTable => is(value, SQLiteTable));
  const to = tablesOf(pgSchema, (value): value is PgTable => is(value, PgTable));
  const pairs = parentsFirst(
    [...from].map(([key, sqliteTable]) => {
      const pgTable = to.get(key);
      if (!pgTable) throw new Error(`The PostgreSQL schema has no table ${getTableName(sqliteTable)}`);
      return { sqliteTable, pgTable };
    }),
  );
  const nonEmpty: string[] = [];
  for (const { pgTable } of pairs) {
    const [row] = await target.db.select({ one: sql<number>`1` }).from(pgTable).limit(1);
    if (row) nonEmpty.push(getTableName(pgTable));
  }
  if (nonEmpty.length > 0) {
    throw new TargetNotEmpty(
      `The target database already holds Boost data (in ${nonEmpty.join(', ')}); db:copy only fills an empty one.`,
    );
  }
  return target.db.transaction(async (tx) => {
    const copied: CopiedTable[] = [];
    for (const { sqliteTable, pgTable } of pairs) {
      let rows = 0;
      for (const chunk of chunksOf(source, sqliteTable)) {
        await tx.insert(pgTable).values(chunk);
        rows += chunk.length;
      }
      const table = getTableName(pgTable);
      if ('id' in pgTable) {
        await tx.execute(
          sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce(max(${sql.identifier('id')}), 0) + 1, false)
                from ${pgTable}`,
        );
      }
      copied.push({ table, rows });
      onTable({ table, rows });
    }
    return copied;
  });
}

/** A table's rows as drizzle reads them, CHUNK at a time, in rowid order (every table here has a rowid). */
function* chunksOf(source: BoostDatabase, table: SQLiteTable): Generator<Record<string, unknown>[]> {
  const rowid = sql<number>`rowid`;
  let after = 0;
  for (;;) {
    const rows = source.db
      .select({ rowid, row: table as SQLiteTable })
      .from(table)
      .where(gt(rowid, after))
      .orderBy(asc(rowid))
      .limit(CHUNK)
      .all() as Array<{ rowid: number; row: Record<string, unknown> }>;
    if (rows.length === 0) return;
    yield rows.map(({ row }) => row);
    after = rows[rows.length - 1]?.rowid ?? after;
    if (rows.length < CHUNK) return;
  }
}

/**
 * The tables in an order where each comes after those its foreign keys refer to (a module's exports are listed in
 * alphabetical order, not as declared).
 */
function parentsFirst<P extends { pgTable: PgTable }>(pairs: P[]): P[] {
  const byName = new Map(pairs.map((pair) => [getTableName(pair.pgTable), pair]));
  const ordered: P[] = [];
  const placed = new Set<string>();
  const place = (pair: P, path: readonly string[]) => {
    const name = getTableName(pair.pgTable);
    if (placed.has(name)) return;
    if (path.includes(name)) throw new Error(`The foreign keys of ${name} form a cycle`);
    for (const key of getTableConfig(pair.pgTable).foreignKeys) {
      const parent = byName.get(getTableName(key.reference().foreignTable));
      if (parent && parent !== pair) place(parent, [...path, name]);
    }
    placed.add(name);
    ordered.push(pair);
  };
  for (const pair of pairs) place(pair, []);
  return ordered;
}
