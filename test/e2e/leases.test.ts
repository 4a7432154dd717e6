import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import { asRepositoryDb } from '../../src/db/dialect.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { leasesRepository } from '../../src/db/repositories/leases.ts';
import { freshDatabase } from '../harness/postgres-server.ts';

type Leases = ReturnType<typeof leasesRepository>;

/** The same repository on each database, and how to close it. */
const databases: Record<string, () => Promise<{ leases: Leases; close(): Promise<void> }>> = {
  SQLite: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'boost-leases-'));
    const database = openDatabase(join(dir, 'boost.sqlite'));
    return {
      leases: leasesRepository(database.db),
      close: async () => {
        database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  PostgreSQL: async () => {
    const database = await openPostgres(await freshDatabase(inject('postgresUrl')), {
      poolSize: 2,
      statementTimeoutMs: 5000,
    });
    return { leases: leasesRepository(asRepositoryDb(database.db)), close: () => database.close() };
  },
};

describe.each(Object.keys(databases))('leases on %s', (name) => {
  let opened: { leases: Leases; close(): Promise<void> } | undefined;
  const open = async () => {
    opened = await databases[name]?.();
    if (!opened) throw new Error(`no ${name}`);
    return opened.leases;
  };
  afterEach(async () => {
    await opened?.close();
  });

  it('go to the first who asks, and to nobody else while they run', async () => {
    const leases = await open();
    expect(await leases.claim('socket-mode', 'A', 0, 30)).toBe(true);
    expect(await leases.claim('socket-mode', 'B', 10, 40)).toBe(false);
    expect(await leases.current('socket-mode', 10)).toEqual({ holder: 'A', expiresAt: 30 });
  });

  it('are renewed by their holder, and taken over once they ran out', async () => {
    const leases = await open();
    await leases.claim('socket-mode', 'A', 0, 30);
    expect(await leases.claim('socket-mode', 'A', 20, 50)).toBe(true);
    expect(await leases.claim('socket-mode', 'B', 49, 79)).toBe(false);
    expect(await leases.claim('socket-mode', 'B', 50, 80)).toBe(true);
    expect(await leases.current('socket-mode', 50)).toEqual({ holder: 'B', expiresAt: 80 });
  });

  it('are released only by their holder', async () => {
    const leases = await open();
    await leases.claim('socket-mode', 'A', 0, 30);
    await leases.release('socket-mode', 'B');
    expect(await leases.current('socket-mode', 1)).toEqual({ holder: 'A', expiresAt: 30 });
    await leases.release('socket-mode', 'A');
    expect(await leases.current('socket-mode', 1)).toBeUndefined();
    expect(await leases.claim('socket-mode', 'B', 1, 31)).toBe(true);
  });
});
