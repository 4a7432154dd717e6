import { describe } from 'vitest';
import type { Boost } from '../../src/app.ts';
import { type BoostHarness, type StartOptions, startBoost, startBoostOnPostgres, type TestClock } from './boost.ts';

// End-to-end files that run on both databases: the same tests, once on a SQLite file and once on a fresh database of
// the test PostgreSQL server, so that what a person sees and what the database holds is proven on each.

/** Boost on whichever database the suite runs on, read with the driver's database helpers (`rows`...). */
export type AnyBoostHarness = BoostHarness<Boost>;

/** Starts Boost on the suite's database; the arguments of startBoost. */
export type StartBoost = (
  env?: Record<string, string>,
  clock?: TestClock,
  options?: StartOptions,
) => Promise<AnyBoostHarness>;

export type DatabaseName = 'SQLite' | 'PostgreSQL';

const DATABASES: Array<[database: DatabaseName, start: StartBoost]> = [
  ['SQLite', startBoost],
  ['PostgreSQL', startBoostOnPostgres],
];

/**
 * Declares the suite once per database ("on SQLite", "on PostgreSQL"), handing it the starter of Boost on that one,
 * and its name for the few suites that size their work by database.
 */
export function forEachDatabase(suite: (start: StartBoost, database: DatabaseName) => void): void {
  describe.each(DATABASES)('on %s', (database, start) => suite(start, database));
}
