import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Db } from '../../src/db/connection.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { asRepositoryDb, tablesOf } from '../../src/db/dialect.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { botIdentitiesRepository } from '../../src/db/repositories/bot-identities.ts';
import { leasesRepository } from '../../src/db/repositories/leases.ts';
import { profilesRepository } from '../../src/db/repositories/profiles.ts';
import { remindersRepository } from '../../src/db/repositories/reminders.ts';
import { thanksRepository } from '../../src/db/repositories/thanks.ts';
import { freshDatabase } from '../harness/postgres-server.ts';

// The repositories written once for both databases (src/db/dialect.ts), run against SQLite and the test PostgreSQL.

interface Opened {
  db: Db;
  close(): Promise<void>;
}

const databases: Record<string, () => Promise<Opened>> = {
  SQLite: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'boost-leases-'));
    const database = openDatabase(join(dir, 'boost.sqlite'));
    return {
      db: database.db,
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
    return { db: asRepositoryDb(database.db), close: () => database.close() };
  },
};

describe.each(Object.keys(databases))('repositories written for both databases, on %s', (name) => {
  let opened: Opened | undefined;
  const openDb = async () => {
    opened = await databases[name]?.();
    if (!opened) throw new Error(`no ${name}`);
    return opened.db;
  };
  const open = async () => leasesRepository(await openDb());

  /** A request with helpers, written through the database's own tables. */
  async function requestWithHelpers(db: Db, deadlineAt: number) {
    const { requests, participations } = tablesOf(db);
    const [request] = await db
      .insert(requests)
      .values({
        teamId: 'T1',
        requesterId: 'UASK',
        url: 'https://example.com/',
        ask: 'Please share',
        networks: ['x'],
        channelId: 'C1',
        messageTs: '1.000100',
        createdAt: 0,
        deadlineAt,
      })
      .returning();
    if (!request) throw new Error('no request');
    await db.insert(participations).values([
      { requestId: request.id, userId: 'USHARED', optedInAt: 1, sharedAt: 2, showName: false },
      { requestId: request.id, userId: 'UREMIND', optedInAt: 1, remindMe: true, showName: false },
    ]);
    return request;
  }
  afterEach(async () => {
    await opened?.close();
  });

  it('give a lease to the first who asks, and to nobody else while they run', async () => {
    const leases = await open();
    expect(await leases.claim('socket-mode', 'A', 0, 30)).toBe(true);
    expect(await leases.claim('socket-mode', 'B', 10, 40)).toBe(false);
    expect(await leases.current('socket-mode', 10)).toEqual({ holder: 'A', expiresAt: 30 });
  });

  it('renew a lease for its holder, and let another take it once it ran out', async () => {
    const leases = await open();
    await leases.claim('socket-mode', 'A', 0, 30);
    expect(await leases.claim('socket-mode', 'A', 20, 50)).toBe(true);
    expect(await leases.claim('socket-mode', 'B', 49, 79)).toBe(false);
    expect(await leases.claim('socket-mode', 'B', 50, 80)).toBe(true);
    expect(await leases.current('socket-mode', 50)).toEqual({ holder: 'B', expiresAt: 80 });
  });

  it('release a lease only for its holder', async () => {
    const leases = await open();
    await leases.claim('socket-mode', 'A', 0, 30);
    await leases.release('socket-mode', 'B');
    expect(await leases.current('socket-mode', 1)).toEqual({ holder: 'A', expiresAt: 30 });
    await leases.release('socket-mode', 'A');
    expect(await leases.current('socket-mode', 1)).toBeUndefined();
    expect(await leases.claim('socket-mode', 'B', 1, 31)).toBe(true);
  });

  it('keep profiles and bot identities, and forget them', async () => {
    const db = await openDb();
    const profiles = profilesRepository(db);
    const profile = { tz: 'Europe/Rome', tzOffsetSeconds: 3600, isAdmin: true, fetchedAt: 5 };
    await profiles.save('T1', 'U1', profile);
    await profiles.save('T1', 'U1', { ...profile, isAdmin: false });
    expect(await profiles.get('T1', 'U1')).toMatchObject({ ...profile, isAdmin: false });
    expect(await profiles.get('T1', 'U2')).toBeUndefined();

    const identities = botIdentitiesRepository(db);
    await identities.save('hash', { teamId: 'T1', botId: 'B1', botUserId: 'UBOT' }, 1);
    expect(await identities.find('hash')).toEqual({ teamId: 'T1', botId: 'B1', botUserId: 'UBOT' });
    await identities.forget('hash');
    expect(await identities.find('hash')).toBeUndefined();
  });

  it('claim thanks once per helper who shared, and give back a claim', async () => {
    const db = await openDb();
    const request = await requestWithHelpers(db, 100);
    const thanks = thanksRepository(db);
    expect((await thanks.claim(request.id, 10)).map((helper) => helper.userId)).toEqual(['USHARED']);
    expect(await thanks.claim(request.id, 11)).toEqual([]);
    await thanks.release(request.id, ['USHARED'], 10);
    expect((await thanks.claim(request.id, 12)).map((helper) => helper.userId)).toEqual(['USHARED']);
  });

  it('find a reminder once it is due, and claim it once', async () => {
    const db = await openDb();
    const request = await requestWithHelpers(db, 100);
    const reminders = remindersRepository(db);
    expect(await reminders.due(0, 50, 10)).toEqual([]);
    const [due, ...more] = await reminders.due(60, 50, 10);
    expect(more).toEqual([]);
    expect(due).toMatchObject({ userId: 'UREMIND', request: { id: request.id, networks: ['x'] } });
    expect(await reminders.claim(due?.participationId ?? 0, 60)).toBe(true);
    expect(await reminders.claim(due?.participationId ?? 0, 61)).toBe(false);
    await reminders.release(due?.participationId ?? 0, 60);
    expect(await reminders.claim(due?.participationId ?? 0, 62)).toBe(true);
  });
});
