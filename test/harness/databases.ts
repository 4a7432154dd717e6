import { describe } from 'vitest';
import type { Boost } from '../../src/app.ts';
import { type BoostHarness, type StartOptions, startBoost, startBoostOnPostgres, type TestClock } from './boost.ts';
import { createRequest, type Posted } from './driver.ts';

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

/**
 * Boost at production pacing (one update per second per message, the pace under test), with a request `title` posted
 * in its channel: what the tests of a message's pace start from.
 */
export async function startWithPacedRequest(
  start: StartBoost,
  title: string,
): Promise<{ h: AnyBoostHarness; posted: Posted }> {
  const h = await start({}, undefined, { productionPacing: true });
  return { h, posted: await createRequest(h, { title }) };
}
