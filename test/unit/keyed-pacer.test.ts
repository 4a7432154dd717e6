import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BoostDatabase, openDatabase } from '../../src/db/connection.ts';
import { createRepositories, type Repositories } from '../../src/db/repositories/index.ts';
import { KeyedPacer, type KeyedPacerOptions, type RunResult } from '../../src/pacing/keyed-pacer.ts';
import { type PaceStore, pacedWorkOf, SharedPauses } from '../../src/pacing/store.ts';

// The pacer over the real paced-work tables of a SQLite file: two pacers on one file stand for two instances.

const INTERVAL_MS = 150;
const quiet = { warn: () => undefined };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await sleep(5);
  }
}

let dir: string;
let database: BoostDatabase;
let repos: Repositories;
const pacers: KeyedPacer[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'boost-pacer-'));
  database = openDatabase(join(dir, 'boost.sqlite'));
  repos = createRepositories(database.db, { receiptSecret: 'test-receipt-secret' });
});

afterEach(async () => {
  for (const pacer of pacers.splice(0)) await pacer.flush();
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

/** When each run of a key started and ended, on whichever pacer ran it. */
interface Runs {
  starts: number[];
  ends: number[];
  /** Runs of a key in flight at once, at most, across pacers. */
  mostAtOnce: number;
}

function recorder(): { runs: Runs; run: (result?: () => RunResult, takesMs?: number) => KeyedPacerOptions['run'] } {
  const runs: Runs = { starts: [], ends: [], mostAtOnce: 0 };
  let inFlight = 0;
  return {
    runs,
    run:
      (result = () => 'sent', takesMs = 30) =>
      async () => {
        runs.starts.push(Date.now());
        inFlight += 1;
        runs.mostAtOnce = Math.max(runs.mostAtOnce, inFlight);
        await sleep(takesMs);
        inFlight -= 1;
        runs.ends.push(Date.now());
        return result();
      },
  };
}

function pacerOn(run: KeyedPacerOptions['run'], options: Partial<KeyedPacerOptions> = {}): KeyedPacer {
  const pacer = new KeyedPacer({
    run,
    scopeOf: () => 'T1:chat.update',
    minIntervalMs: INTERVAL_MS,
    store: pacedWorkOf(repos, 'test'),
    pauses: new SharedPauses(repos, quiet),
    logger: quiet,
    sweepEveryMs: 50,
    ...options,
  });
  pacers.push(pacer);
  pacer.start();
  return pacer;
}

const gaps = (times: number[]) => times.slice(1).map((time, i) => time - (times[i] ?? 0));

describe('a keyed pacer', () => {
  it('runs a key asked for many times once, then once more for what was asked while it ran', async () => {
    const { runs, run } = recorder();
    const pacer = pacerOn(run(() => 'sent', 60));
    pacer.request('k');
    await until(() => runs.starts.length === 1, 'the first run');
    for (let i = 0; i < 20; i++) pacer.request('k');
    await until(() => pacer.pending === 0, 'the key to settle');
    expect(runs.starts).toHaveLength(2);
    expect(gaps(runs.starts)[0]).toBeGreaterThanOrEqual(INTERVAL_MS - 5);
  });

  it('counts a key as pending until its last run is given back, also when asked for again as it is given back', async () => {
    const { runs, run } = recorder();
    const store = pacedWorkOf(repos, 'test');
    let releases = 0;
    // A slow database: each run's end takes a while to be written, and the key is asked for again meanwhile.
    const slowRelease: PaceStore = {
      ...store,
      release: async (...args) => {
        releases += 1;
        if (releases === 1) {
          pacer.request('k');
          await sleep(80);
        }
        return store.release(...args);
      },
    };
    const pacer = pacerOn(run(), { store: slowRelease });
    pacer.request('k');
    const seen: number[] = [];
    while (runs.ends.length < 2) {
      seen.push(pacer.pending);
      await sleep(2);
      if (seen.length > 2500) throw new Error('the second run never came');
    }
    // From the first ask to the second run's end, the key was pending all along.
    expect(seen.every((pending) => pending === 1)).toBe(true);
    await until(() => pacer.pending === 0, 'the key to settle');
    expect(runs.starts).toHaveLength(2);
  });

  it('waits, when flushed at shutdown, for a run whose claim was already on its way to the database', async () => {
    const { runs, run } = recorder();
    const store = pacedWorkOf(repos, 'test');
    let claiming = false;
    const slowClaim: PaceStore = {
      ...store,
      claim: async (...args) => {
        claiming = true;
        await sleep(80);
        return store.claim(...args);
      },
    };
    const pacer = pacerOn(run(), { store: slowClaim });
    pacer.request('k');
    await until(() => claiming, 'the claim to start');
    await pacer.flush();
    // Ended before the flush did: nothing of it is left to touch a database that is closed next.
    expect(runs.ends).toHaveLength(1);
    expect(await store.state('k')).toMatchObject({ due: false, heldUntil: 0 });
  });

  it('never runs a key on two instances at once, and keeps the interval across them', async () => {
    const { runs, run } = recorder();
    const first = pacerOn(run(() => 'sent', 40));
    const second = pacerOn(run(() => 'sent', 40));
    for (let i = 0; i < 30; i++) {
      (i % 2 === 0 ? first : second).request('k');
      await sleep(20);
    }
    await until(() => first.pending === 0 && second.pending === 0, 'both to settle');
    expect(runs.mostAtOnce).toBe(1);
    expect(runs.starts.length).toBeGreaterThanOrEqual(2);
    for (const gap of gaps(runs.starts)) expect(gap).toBeGreaterThanOrEqual(INTERVAL_MS - 5);
    expect(await pacedWorkOf(repos, 'test').state('k')).toMatchObject({ due: false });
  });

  it('runs a failed key again after the wait it asked for, and a dropped one not at all', async () => {
    const results: RunResult[] = [{ retryAfterMs: 200 }, 'sent'];
    const { runs, run } = recorder();
    const pacer = pacerOn(run(() => results.shift() ?? 'sent'));
    pacer.request('k');
    await until(() => runs.ends.length === 2, 'the retry');
    expect(gaps(runs.starts)[0]).toBeGreaterThanOrEqual(200 - 5);

    const dropping = recorder();
    const other = pacerOn(dropping.run(() => 'dropped'));
    other.request('d');
    await until(() => dropping.runs.ends.length === 1 && other.pending === 0, 'the dropped run');
    await sleep(INTERVAL_MS * 2);
    expect(dropping.runs.starts).toHaveLength(1);
    expect(await pacedWorkOf(repos, 'test').state('d')).toMatchObject({ due: false });
  });

  it("holds back every key of the scope, on every instance, while a rate limit's pause runs", async () => {
    const { runs, run } = recorder();
    const results: RunResult[] = [{ pauseScopeMs: 400 }];
    const limited = pacerOn(run(() => results.shift() ?? 'sent'));
    const other = pacerOn(run());
    limited.request('a');
    await until(() => runs.ends.length === 1, 'the rate-limited run');
    const pausedAt = runs.ends[0] ?? 0;
    other.request('b');
    await until(() => runs.ends.length === 3, 'both keys after the pause');
    for (const start of runs.starts.slice(1)) expect(start).toBeGreaterThanOrEqual(pausedAt + 400 - 10);
  });

  it('takes over a key whose instance died holding it, once its lease runs out', async () => {
    const store = pacedWorkOf(repos, 'test');
    const now = Date.now();
    await store.markDue('k', now);
    // An instance claimed it with a lease of 300 ms and died before giving it back.
    expect(await store.claim('k', 'dead-instance', now, { notBefore: now, heldUntil: now + 300 })).toBeDefined();
    const { runs, run } = recorder();
    pacerOn(run());
    await until(() => runs.ends.length === 1, 'the key to be taken over');
    expect(runs.starts[0]).toBeGreaterThanOrEqual(now + 300);
    expect(await store.state('k')).toMatchObject({ due: false, heldUntil: 0 });
  });
});
