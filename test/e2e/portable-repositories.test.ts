import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Db } from '../../src/db/connection.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { asRepositoryDb, tablesOf } from '../../src/db/dialect.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { botIdentitiesRepository } from '../../src/db/repositories/bot-identities.ts';
import { type CandidateRow, digestsRepository } from '../../src/db/repositories/digests.ts';
import { createRepositories } from '../../src/db/repositories/index.ts';
import { installationsRepository, oauthStatesRepository } from '../../src/db/repositories/installations.ts';
import { leasesRepository } from '../../src/db/repositories/leases.ts';
import { linksRepository } from '../../src/db/repositories/links.ts';
import { overviewRepository } from '../../src/db/repositories/overview.ts';
import { pacingRepository } from '../../src/db/repositories/pacing.ts';
import { participationsRepository } from '../../src/db/repositories/participations.ts';
import { privacyRepository } from '../../src/db/repositories/personal-data.ts';
import { profilesRepository } from '../../src/db/repositories/profiles.ts';
import { receiptsRepository } from '../../src/db/repositories/receipts.ts';
import { remindersRepository } from '../../src/db/repositories/reminders.ts';
import { requestsRepository } from '../../src/db/repositories/requests.ts';
import { retentionRepository } from '../../src/db/repositories/retention.ts';
import { settingsRepository } from '../../src/db/repositories/settings.ts';
import { thanksRepository } from '../../src/db/repositories/thanks.ts';
import { statsRepository } from '../../src/db/repositories/workspace-weekly-totals.ts';
import { workspacesRepository } from '../../src/db/repositories/workspaces.ts';
import { TokenCipher } from '../../src/db/token-cipher.ts';
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

  it('list the leases of a kind that ran out, oldest first', async () => {
    const leases = await open();
    await leases.claim('thanks:1:a', 'A', 0, 30);
    await leases.claim('thanks:2:b', 'B', 0, 20);
    await leases.claim('thanks:3:c', 'C', 0, 90);
    await leases.claim('retention', 'D', 0, 10);
    expect((await leases.expired('thanks:', 30, 10)).map((lease) => lease.name)).toEqual(['thanks:2:b', 'thanks:1:a']);
    expect((await leases.expired('thanks:', 30, 1)).map((lease) => lease.name)).toEqual(['thanks:2:b']);
  });

  it('give a due run to one of several instances claiming it at once, and make it due again after a later change', async () => {
    const pacing = pacingRepository(await openDb());
    await pacing.messageChanged(7, 0);
    const until = { notBefore: 1000, heldUntil: 5000 };
    const claims = await Promise.all(
      ['A', 'B', 'C'].map((holder) => pacing.claim('chat.update', '7', holder, 10, until)),
    );
    expect(claims.filter(Boolean)).toEqual([{ failures: 0, memo: null }]);
    // A change while it runs: one more run once the holder gives it back and the pace allows.
    await pacing.messageChanged(7, 20);
    expect(await pacing.claim('chat.update', '7', 'B', 30, until)).toBeUndefined();
    const holder = ['A', 'B', 'C'][claims.findIndex(Boolean)] as string;
    const end = { due: false, notBefore: 1000, failures: 0, memo: 'sent' };
    expect(await pacing.release('chat.update', '7', holder, 40, end)).toEqual({
      due: true,
      notBefore: 1000,
      heldUntil: 0,
    });
    expect(await pacing.claim('chat.update', '7', 'B', 999, until)).toBeUndefined();
    expect(await pacing.claim('chat.update', '7', 'B', 1000, until)).toEqual({ failures: 0, memo: 'sent' });
  });

  it('hand the run of an instance that died to another once its lease ran out, and share pauses', async () => {
    const pacing = pacingRepository(await openDb());
    await pacing.markDue('views.publish', 'T1:U1', 0);
    expect(await pacing.markDueIfKnown('views.publish', 'T1:U2', 0)).toBe(false);
    await pacing.claim('views.publish', 'T1:U1', 'A', 10, { notBefore: 3010, heldUntil: 5010 });
    expect(await pacing.overdue('views.publish', 5000, 4000, 10)).toEqual([]);
    expect(await pacing.overdue('views.publish', 5010, 4010, 10)).toEqual(['T1:U1']);
    expect(
      await pacing.claim('views.publish', 'T1:U1', 'B', 5010, { notBefore: 8010, heldUntil: 10_010 }),
    ).toBeTruthy();
    expect(await pacing.release('views.publish', 'T1:U1', 'A', 5020, { due: false, notBefore: 0, failures: 0 })).toBe(
      undefined,
    );

    await pacing.pause('T1:chat.update', 2000);
    await pacing.pause('T1:chat.update', 1500);
    expect(await pacing.pausedUntil('T1:chat.update')).toBe(2000);
    expect(await pacing.pausedUntil('T2:chat.update')).toBe(0);
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

  it('find the helpers to thank, claim each once, and give back a claim', async () => {
    const db = await openDb();
    const request = await requestWithHelpers(db, 100);
    const thanks = thanksRepository(db);
    expect(await thanks.pending(request.id, 1)).toEqual([]);
    const [helper, ...others] = await thanks.pending(request.id, 2);
    expect(others).toEqual([]);
    expect(helper?.userId).toBe('USHARED');
    const id = helper?.id ?? 0;
    expect((await Promise.all([thanks.claim(id, 10), thanks.claim(id, 10)])).sort()).toEqual([false, true]);
    expect(await thanks.pending(request.id, 20)).toEqual([]);
    await thanks.release(id, 11);
    expect(await thanks.claim(id, 12)).toBe(false);
    await thanks.release(id, 10);
    expect((await thanks.pending(request.id, 20)).map((row) => row.userId)).toEqual(['USHARED']);
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

  it('give each due item to exactly one of many claims made at once', async () => {
    const db = await openDb();
    const request = await requestWithHelpers(db, 100);
    // A claim answers true, or the row it took; false or undefined when another claim had it.
    const tenAtOnce = async (claim: () => Promise<unknown>) =>
      (await Promise.all(Array.from({ length: 10 }, claim))).filter((won) => won !== false && won !== undefined).length;
    const reminders = remindersRepository(db);
    const [reminder] = await reminders.due(60, 50, 10);
    expect(await tenAtOnce(() => reminders.claim(reminder?.participationId ?? 0, 60))).toBe(1);
    const digests = digestsRepository(db);
    expect(await tenAtOnce(() => digests.claim('T1', 'UASK', '2026-W01', 5))).toBe(1);
    const [helper] = await thanksRepository(db).pending(request.id, 2);
    expect(await tenAtOnce(() => thanksRepository(db).claim(helper?.id ?? 0, 10))).toBe(1);
    const leases = leasesRepository(db);
    expect(await tenAtOnce(() => leases.claim('retention', crypto.randomUUID(), 0, 10))).toBe(1);
    const requests = requestsRepository(db);
    await db.update(tablesOf(db).requests).set({ messageTs: null, noticeDueAt: 40 });
    await requests.recordPostFailure(request.id, { failure: 'retry', error: 'ratelimited', retryAt: 40 });
    expect(await tenAtOnce(() => requests.claimDueRetry(40, 70))).toBe(1);
    expect(await tenAtOnce(() => requests.claimDueNotice(40, 70))).toBe(1);
    expect(await tenAtOnce(() => requests.close(request.id, 'expired', null, 100))).toBe(1);
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
    expect((await thanksRepository(db).pending(request.id, 5)).map((row) => row.userId).sort()).toEqual([
      'UNEW',
      'USHARED',
    ]);
    expect(await participations.withdraw(request.id, 'UNEW')).toBe(true);
    expect(await participations.withdraw(request.id, 'UNEW')).toBe(false);
    expect((await participations.listForRequest(request.id)).map((row) => row.userId)).toEqual(['USHARED', 'UREMIND']);
  });

  it('store requests, post them once, lease their retries, and close them once', async () => {
    const db = await openDb();
    const requests = requestsRepository(db);
    const values = { teamId: 'T1', requesterId: 'UASK', url: 'https://example.com/', ask: 'Share', networks: ['x'] };
    const request = await requests.insert({ ...values, channelId: 'C1', createdAt: 0, deadlineAt: 100 });
    expect(await requests.get(request.id)).toMatchObject({ ...values, status: 'open', messageTs: null });
    expect(await requests.claimPostForRequester(request.id, 1, 31)).toMatchObject({ postState: 'posting' });
    expect(await requests.claimPostForRequester(request.id, 2, 32)).toBeUndefined();
    expect(await requests.lapsePostsPastLease(31)).toEqual([request.id]);
    await requests.recordPostFailure(request.id, { failure: 'retry', error: 'ratelimited', retryAt: 40 });
    expect(await requests.claimDueRetry(39, 70)).toBeUndefined();
    expect(await requests.claimDueRetry(40, 70)).toMatchObject({ id: request.id, postAttempts: 2 });
    expect(await requests.adoptMessage(request.id, '1.0001')).toBe(true);
    expect(await requests.adoptMessage(request.id, '1.0002')).toBe(false);
    expect(await requests.countOpen('T1')).toBe(1);
    expect(await requests.countOpenBy('T1', 'UASK')).toBe(1);
    expect((await requests.listOpen('T1', 5)).map((row) => row.id)).toEqual([request.id]);
    expect(await requests.listPastDeadline(100, 5)).toHaveLength(1);
    expect(await requests.close(request.id, 'expired', null, 100)).toBe(true);
    expect(await requests.close(request.id, 'closed', 'UASK', 101)).toBe(false);
    expect(await requests.countByRequester('T1', 'UASK')).toBe(1);
    expect(await requests.listByIds([request.id])).toMatchObject([{ status: 'expired', closedAt: 100 }]);
  });

  it("count a workspace's weekly requests, opt-ins, shares and helpers", async () => {
    const db = await openDb();
    await requestWithHelpers(db, 100);
    const { rows, helpersOverall } = await statsRepository(db).weekly('T1', 0);
    expect(rows).toEqual([{ week: 0, requests: 1, optIns: 2, shares: 1, helpers: 2 }]);
    expect(helpersOverall).toBe(2);
  });

  it('keep installations with their tokens sealed, rotate them once, and use an install state once', async () => {
    const db = await openDb();
    const installations = installationsRepository(db, new TokenCipher(Buffer.alloc(32, 7)));
    const bot = { token: 'xoxb-1', id: 'B1', userId: 'UBOT', scopes: ['chat:write'] };
    const key = { enterpriseId: 'E1', teamId: '' };
    const saved = await installations.save(
      { ...key, isEnterpriseInstall: true, name: 'Org', appId: 'A1', bot, installerUserId: 'U1' },
      1,
    );
    await installations.linkOrgWorkspace('T1', 'E1');
    expect((await installations.forWorkspace('T1'))?.bot).toEqual(bot);
    expect(await installations.orgWorkspaces('E1')).toEqual(['T1']);
    expect(await installations.rotate(key, saved.updatedAt, { ...bot, token: 'xoxb-2' }, 2)).toBe(true);
    expect(await installations.rotate(key, saved.updatedAt, { ...bot, token: 'xoxb-3' }, 3)).toBe(false);
    expect((await installations.find(key))?.bot.token).toBe('xoxb-2');
    expect(await installations.remove(key)).toBe(true);
    expect(await installations.forWorkspace('T1')).toBeUndefined();

    const states = oauthStatesRepository(db);
    await states.issue('nonce', '{}', 10);
    expect(await states.consume('nonce', 5)).toBe('{}');
    expect(await states.consume('nonce', 5)).toBeUndefined();
  });

  it('give each helper one link, count its clicks per day, and count none on a link that is gone', async () => {
    const db = await openDb();
    const request = await requestWithHelpers(db, 100);
    const links = linksRepository(db);
    const token = await links.ensure(request.id, 'USHARED', 3);
    expect(token).toBeDefined();
    expect(await links.ensure(request.id, 'USHARED', 4)).toBe(token);
    expect(await links.ensure(request.id, 'UNOBODY', 4)).toBeUndefined();
    // Two deliveries of one click at once: both find no link, both insert, one wins, and both end with its link.
    const [first, second] = await Promise.all([
      links.ensure(request.id, 'UREMIND', 5),
      links.ensure(request.id, 'UREMIND', 5),
    ]);
    expect(first).toBeDefined();
    expect(second).toBe(first);
    if (!token) return;
    expect(await links.target(token)).toBe('https://example.com/');
    const clicks = [
      { token, day: '2026-01-01' },
      { token, day: '2026-01-01' },
      { token, day: '2026-01-02' },
      { token: 'gone', day: '2026-01-02' },
    ];
    expect(await links.countAll(clicks)).toBe(3);
    expect(await links.countAll([{ token, day: '2026-01-02' }])).toBe(1);
    expect(await links.clicksOf(request.id, 'USHARED')).toBe(4);
    expect(await links.totalClicks(request.id)).toBe(4);
    expect(await links.clicksByDay(request.id, { from: '2026-01-02' })).toEqual([{ day: '2026-01-02', clicks: 2 }]);
    expect(await links.clicksByHelper(request.id)).toEqual(new Map([['USHARED', 4]]));
    expect(await links.clicksForUser('T1', 'USHARED')).toEqual(new Map([[request.id, 4]]));
    expect(await links.tokensOf('USHARED', [request.id])).toEqual(new Map([[request.id, token]]));
  });

  it('find who may get a digest with the facts to decide, and claim each digest once', async () => {
    const db = await openDb();
    const request = await requestWithHelpers(db, 100);
    await settingsRepository(db).update('T1', 'USUB', { digest: true }, 1);
    const digests = digestsRepository(db);
    const candidates = async (weeks: string[]) => {
      const found: CandidateRow[] = [];
      await digests.eachCandidate({ helperFrom: 0, splitAt: 2, requesterFrom: 0, weeks }, (row) => found.push(row));
      return found;
    };
    expect(await digests.claim('T1', 'UASK', '2026-W01', 5)).toBe(true);
    expect(await digests.claim('T1', 'UASK', '2026-W01', 6)).toBe(false);
    expect((await candidates(['2026-W01'])).map((row) => row.userId)).toEqual(['UREMIND', 'USHARED', 'USUB']);
    expect(await candidates(['2026-W01', '2026-W02'])).toMatchObject([
      { userId: 'UASK', digest: null, helpedLatestBefore: null, claimedWeeks: ['2026-W01'] },
      { userId: 'UREMIND', helpedLatestBefore: 1, helpedEarliestFrom: null, claimedWeeks: [] },
      { userId: 'USHARED', helpedLatestBefore: 1, helpedEarliestFrom: 2 },
      { userId: 'USUB', digest: true, settingsUpdatedAt: 1 },
    ]);
    expect((await digests.requestsOpenSince(0)).map((row) => row.id)).toEqual([request.id]);
    expect((await digests.requestsById([request.id, 999])).map((row) => row.id)).toEqual([request.id]);
    expect((await digests.helpersOf([request.id])).get(request.id)?.map((row) => row.userId)).toEqual([
      'USHARED',
      'UREMIND',
    ]);
    expect((await digests.contributionsOf('T1', ['USHARED'], 2)).get('USHARED')).toEqual([
      { requestId: request.id, optedInAt: 1, sharedAt: 2, thankedAt: null },
    ]);
    const [open] = await digests.openRequests(0, 5);
    expect(open?.counts).toEqual({ optedIn: 2, shared: 1 });
    await digests.markSent('T1', 'UASK', '2026-W01', 7);
    await digests.release('T1', 'UASK', '2026-W01');
    expect(await digests.delivery('T1', 'UASK', '2026-W01')).toMatchObject({ claimedAt: 5, sentAt: 7 });
  });

  it('count, export and forget what is held about a person, keeping the place of their posted message', async () => {
    const db = await openDb();
    const request = await requestWithHelpers(db, 100);
    await linksRepository(db).ensure(request.id, 'USHARED', 3);
    await settingsRepository(db).update('T1', 'UASK', { showName: true }, 1);
    const privacy = privacyRepository(db);
    expect(await privacy.holdsAnything('T1', 'UASK')).toBe(true);
    expect(await privacy.holdsAnything('T1', 'UNOBODY')).toBe(false);
    expect(await privacy.inventory('T1', 'UASK')).toEqual({
      requests: 1,
      openRequests: 1,
      helpersOnRequests: 2,
      participations: 0,
      shares: 0,
      trackedLinks: 0,
      settings: true,
      profile: false,
      digestDeliveries: 0,
      installations: 0,
    });
    const exported = await privacy.personalData('T1', 'USHARED');
    expect(exported.participations).toMatchObject([{ sharedAt: 2, request: { id: request.id } }]);
    expect(exported.trackedLinks).toHaveLength(1);
    const forgotten = await privacy.forget('T1', 'UASK', 9);
    expect(forgotten.removed).toMatchObject({ requests: 1, helpersOnRequests: 2, settings: 1 });
    expect(forgotten.removedRequestIds).toEqual([request.id]);
    expect(forgotten.otherHelpers.sort()).toEqual(['UREMIND', 'USHARED']);
    expect(await privacy.removedMessage(request.id)).toEqual({ teamId: 'T1', channelId: 'C1', messageTs: '1.000100' });
    expect(await privacy.holdsAnything('T1', 'UASK')).toBe(false);
  });

  it('commit what a transaction wrote together or not at all, and count a click delivered ten times at once once', async () => {
    const db = await openDb();
    const request = await requestWithHelpers(db, 100);
    const repos = createRepositories(db, { receiptSecret: 'test-receipt-secret' });
    const failing = repos.transaction(async (tx) => {
      await tx.participations.optIn(request.id, 'UFAIL', 3, false);
      throw new Error('refused');
    });
    await expect(failing).rejects.toThrow('refused');
    expect(await repos.participations.get(request.id, 'UFAIL')).toBeUndefined();

    const deliveries = Array.from({ length: 10 }, () =>
      repos.transaction(async (tx) => {
        if (!(await tx.receipts.claim('action:T1:UNEW:1', 5))) return false;
        return await tx.participations.optIn(request.id, 'UNEW', 5, false);
      }),
    );
    expect((await Promise.all(deliveries)).filter(Boolean)).toHaveLength(1);
    expect(await repos.participations.counts(request.id)).toEqual({ optedIn: 3, shared: 1 });
    const nested = await repos.transaction(async (tx) => {
      await tx.transaction(async (inner) => inner.settings.update('T1', 'UNEW', { showName: true }, 6));
      await tx
        .transaction(async (inner) => {
          await inner.settings.update('T1', 'UNEW', { digest: true }, 7);
          throw new Error('undone');
        })
        .catch(() => undefined);
      return await tx.settings.get('T1', 'UNEW');
    });
    expect(nested).toMatchObject({ showName: true, digest: null });
  });
});
