import { is, type SQL, sql } from 'drizzle-orm';
import { PgDatabase } from 'drizzle-orm/pg-core';
import type { Db } from './connection.ts';
import type { PgDb } from './postgres.ts';
import * as sqliteSchema from './schema.ts';
import * as pgSchema from './schema-pg.ts';

// Repositories written once for both databases: they build their queries from the tables of the database they are
// given, and only use what drizzle offers on both (awaiting a query gives its rows; no .get/.all/.run, which are
// SQLite's). The PostgreSQL tables are typed as SQLite's: the two schemas declare the same tables, columns and types
// as Boost reads them (test/unit/schema-parity.test.ts), so the queries and their rows type alike.

export type Tables = typeof sqliteSchema;

/** Whether `db` is connected to PostgreSQL: for the few statements written differently there. */
export const isPostgres = (db: Db): boolean => is(db, PgDatabase);

/** The tables of the database `db` is connected to. */
export function tablesOf(db: Db): Tables {
  return is(db, PgDatabase) ? (pgSchema as unknown as Tables) : sqliteSchema;
}

/** A PostgreSQL connection, as the repositories written for both databases take it. */
export const asRepositoryDb = (db: PgDb): Db => db as unknown as Db;

/**
 * Makes transactions that name the same `key` take turns until each commits, for a check and the write it allows (a
 * limit per person). PostgreSQL runs them side by side, so it takes a transaction-scoped advisory lock; SQLite writes
 * one transaction at a time already.
 */
export async function takeTurns(db: Db, key: string): Promise<void> {
  if (is(db, PgDatabase)) await (db as unknown as PgDb).execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}

/** How many rows an insert, update or delete without `returning` changed, as either driver reports it. */
export function affected(result: unknown): number {
  const { changes, rowCount } = result as { changes?: number; rowCount?: number | null };
  return changes ?? rowCount ?? 0;
}

/** Prepares a query once on either driver: PostgreSQL names its prepared statements, SQLite needs no name. */
export function prepareOnce<Q extends { prepare(): unknown }>(query: Q, name: string): ReturnType<Q['prepare']> {
  return (query.prepare as (name: string) => ReturnType<Q['prepare']>).call(query, name);
}

/**
 * The rows of a hand-written query, on either driver. Numbers computed by PostgreSQL (count, sum, bigint arithmetic)
 * arrive as text: read them with Number().
 */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  if (is(db, PgDatabase)) return (await (db as unknown as PgDb).execute(query)).rows as T[];
  return db.all<T>(query);
}
