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
import { overviewRepository } from '../../src/db/repositories/overview.ts';
import { participationsRepository } from '../../src/db/repositories/participations.ts';
import { profilesRepository } from '../../src/db/repositories/profiles.ts';
import { receiptsRepository } from '../../src/db/repositories/receipts.ts';
import { remindersRepository } from '../../src/db/repositories/reminders.ts';
import { retentionRepository } from '../../src/db/repositories/retention.ts';
import { settingsRepository } from '../../src/db/repositories/settings.ts';
import { thanksRepository } from '../../src/db/repositories/thanks.ts';
import { workspacesRepository } from '../../src/db/repositories/workspaces.ts';
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
    const profile = { tz: 'Europe/Rome', tzOffsetSeconds: 3600, locale: 'it-IT', isAdmin: true, fetchedAt: 5 };
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

  it('know which workspaces still have Boost installed', async () => {
    const db = await openDb();
    const workspaces = workspacesRepository(db);
    await workspaces.seen('T1', 'Acme', 1, false);
    await workspaces.seen('T2', null, 1, false);
    expect(await workspaces.markUninstalled('T2', 2)).toBe(true);
    expect(await workspaces.markUninstalled('T2', 3)).toBe(false);
    expect(await workspaces.isActive('T2')).toBe(false);
    expect(await workspaces.activeTeams()).toEqual(['T1']);
    // A person acting there again means Boost was installed again (a fresh repository: nothing remembered).
    await workspacesRepository(db).seen('T2', 'Beta', 4, true);
    expect(await workspaces.get('T2')).toMatchObject({ name: 'Beta', installedAt: 4, uninstalledAt: null });
  });

  it("read a person's overview and count helpers per request", async () => {
    const db = await openDb();
    const request = await requestWithHelpers(db, 100);
    const overview = overviewRepository(db);
    const mine = await overview.requestsBy('T1', 'UASK', 10);
    expect(mine.total).toBe(1);
    expect(mine.items.map((item) => item.id)).toEqual([request.id]);
    expect((await overview.countsFor([request.id])).get(request.id)).toEqual({ optedIn: 2, shared: 1 });
    expect((await overview.openRequests('T1', 50, 10)).total).toBe(1);
    expect((await overview.contributionsOf('T1', 'USHARED', 10)).total).toBe(1);
    expect(await overview.setShowNameOnOpen('T1', 'UREMIND', true)).toEqual([request.id]);
    expect(await overview.setShowNameOnOpen('T1', 'UREMIND', true)).toEqual([]);
  });

  it('purge requests closed before the retention cutoff, with their helpers', async () => {
    const db = await openDb();
    const request = await requestWithHelpers(db, 100);
    const { requests } = tablesOf(db);
    await db.update(requests).set({ status: 'closed', closedAt: 10 });
    const cutoffs = {
      closedBefore: 11,
      uninstalledBefore: 0,
      profilesBefore: 0,
      deliveriesBefore: 0,
      receiptsBefore: 0,
      removedMessagesBefore: 0,
    };
    expect(await retentionRepository(db).purge(cutoffs)).toMatchObject({ closedRequests: 1, receipts: 0 });
    expect(await overviewRepository(db).participantsOf([request.id])).toEqual(new Map([[request.id, []]]));
  });

  it("keep a person's settings, and apply a repeated delivery once", async () => {
    const db = await openDb();
    const settings = settingsRepository(db);
    expect(await settings.get('T1', 'U1')).toEqual({ digest: null, showName: false, reminders: true, language: null });
    await settings.update('T1', 'U1', { digest: false }, 1);
    await settings.update('T1', 'U1', { showName: true }, 2);
    expect(await settings.get('T1', 'U1')).toEqual({ digest: false, showName: true, reminders: true, language: null });

    const receipts = receiptsRepository(db, 'test-receipt-secret');
    expect(await receipts.claim('action:T1:U1:1', 5)).toBe(true);
    expect(await receipts.claim('action:T1:U1:1', 6)).toBe(false);
    expect(await receipts.purgeOlderThan(10)).toBe(1);
  });

  it('opt people in once, mark shares, name those who chose it, and withdraw', async () => {
    const db = await openDb();
    const request = await requestWithHelpers(db, 100);
    const participations = participationsRepository(db);
    expect(await participations.optIn(request.id, 'UNEW', 3, true)).toBe(true);
    expect(await participations.optIn(request.id, 'UNEW', 4, true)).toBe(false);
    await participations.markShared(request.id, 'UNEW', 5, true, { shareUrl: 'https://x.com/p/1', network: 'x' });
    expect(await participations.get(request.id, 'UNEW')).toMatchObject({ sharedAt: 5, shareUrl: 'https://x.com/p/1' });
    expect(await participations.counts(request.id)).toEqual({ optedIn: 3, shared: 2 });
    expect(await participations.publicNames(request.id, 5)).toEqual(['UNEW']);
    expect(await participations.setRemindMe(request.id, 'UNEW', true)).toBe(true);
    expect((await participations.listSharedUnthanked(request.id)).map((row) => row.userId).sort()).toEqual([
      'UNEW',
      'USHARED',
    ]);
    expect(await participations.withdraw(request.id, 'UNEW')).toBe(true);
    expect(await participations.withdraw(request.id, 'UNEW')).toBe(false);
    expect((await participations.listForRequest(request.id)).map((row) => row.userId)).toEqual(['USHARED', 'UREMIND']);
  });
});
