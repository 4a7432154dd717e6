import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, inArray } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { type BoostDatabase, openDatabase } from '../../src/db/connection.ts';
import type { StoredRow, StoredValue } from '../../src/db/raw-sql.ts';
import type { CandidateRow } from '../../src/db/repositories/digests.ts';
import { createRepositories, type Repositories } from '../../src/db/repositories/index.ts';
import { participations, requests, userSettings } from '../../src/db/schema.ts';
import { DIGEST_REQUEST_FIELDS, type DigestRequest } from '../../src/domain/digest.ts';

// The digest and the tracked-link redirect read rows with better-sqlite3 directly, around drizzle's decoding. Their
// SQL and row types are written from the schema; these tests check at run time what types cannot: that each row holds
// what drizzle itself would have read, under the names the types promise.

const T0 = Date.UTC(2026, 4, 4, 9);
const HOUR = 3_600_000;
const WEEK = '2026-W19';

let dir: string;
let database: BoostDatabase;
let repos: Repositories;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'boost-raw-rows-'));
  database = openDatabase(join(dir, 'boost.sqlite'));
  repos = createRepositories(database.db, { receiptSecret: 'test-receipt-secret' });
});

afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

async function request(requesterId: string, title: string | null, messageTs: string | null) {
  const created = await repos.requests.insert({
    teamId: 'T1',
    requesterId,
    url: `https://example.com/${requesterId}`,
    title,
    ask: 'Please share',
    networks: ['linkedin'],
    channelId: 'C1',
    createdAt: T0,
    deadlineAt: T0 + 48 * HOUR,
  });
  if (messageTs) await repos.requests.setMessageTs(created.id, 'C1', messageTs);
  return created;
}

describe('rows read around drizzle', () => {
  it('hold each request field a digest needs, exactly as drizzle reads it', async () => {
    const open = await request('UASK1', 'Launch', '1714000000.000100');
    const closed = await request('UASK2', null, '1714000000.000200');
    await repos.requests.close(closed.id, 'closed', 'UASK2', T0 + HOUR);
    const unposted = await request('UASK3', 'Not posted yet', null);
    expectTypeOf<StoredRow<typeof requests, (typeof DIGEST_REQUEST_FIELDS)[number]>>().toEqualTypeOf<DigestRequest>();

    const byDrizzle = database.db
      .select()
      .from(requests)
      .where(inArray(requests.id, [open.id, closed.id]))
      .orderBy(asc(requests.id))
      .all()
      .map((row) => Object.fromEntries(DIGEST_REQUEST_FIELDS.map((field) => [field, row[field]])));

    const byId = (await repos.digests.requestsById([open.id, closed.id])).sort((a, b) => a.id - b.id);
    expect(byId).toEqual(byDrizzle);
    expect(byId.every((row) => Object.keys(row).length === DIGEST_REQUEST_FIELDS.length)).toBe(true);
    expect((await repos.digests.requestsOpenSince(T0)).filter((row) => row.id !== unposted.id)).toEqual(byDrizzle);
    expect((await repos.digests.openRequests(T0, 3)).map((line) => line.request)).toEqual([byDrizzle[0]]);
  });

  it('hold each participation field of helpers and contributions, exactly as drizzle reads it', async () => {
    const posted = await request('UASK1', 'Launch', '1714000000.000100');
    await repos.participations.optIn(posted.id, 'UHELP1', T0 + HOUR, false);
    await repos.participations.optIn(posted.id, 'UHELP2', T0 + 2 * HOUR, false);
    await repos.participations.markShared(posted.id, 'UHELP2', T0 + 3 * HOUR, false);

    const byDrizzle = database.db
      .select({
        userId: participations.userId,
        optedInAt: participations.optedInAt,
        sharedAt: participations.sharedAt,
        thankedAt: participations.thankedAt,
      })
      .from(participations)
      .orderBy(asc(participations.optedInAt))
      .all();

    expect((await repos.digests.helpersOf([posted.id])).get(posted.id)).toEqual(byDrizzle);
    const contributions = await repos.digests.contributionsOf('T1', ['UHELP1', 'UHELP2'], T0);
    expect(contributions.get('UHELP2')).toEqual([
      { requestId: posted.id, optedInAt: T0 + 2 * HOUR, sharedAt: T0 + 3 * HOUR, thankedAt: null },
    ]);
  });

  it('give a digest candidate every fact under its own name, decoded as drizzle decodes it', async () => {
    const posted = await request('UASK1', 'Launch', '1714000000.000100');
    await repos.participations.optIn(posted.id, 'UHELP1', T0 + HOUR, false);
    await repos.participations.markShared(posted.id, 'UHELP1', T0 + 3 * HOUR, false);
    await repos.settings.update('T1', 'UHELP1', { digest: true }, T0 + 4 * HOUR);
    await repos.profiles.save('T1', 'UHELP1', {
      tz: 'Europe/Paris',
      tzOffsetSeconds: 7200,
      isAdmin: false,
      locale: 'fr-FR',
      fetchedAt: T0,
    });
    await repos.digests.claim('T1', 'UHELP1', WEEK, T0 + 5 * HOUR);

    // Stored as 0 or 1, typed so, and decoded to what drizzle reads.
    expectTypeOf<StoredValue<typeof userSettings.digest>>().toEqualTypeOf<number | null>();
    const candidates: CandidateRow[] = [];
    await repos.digests.eachCandidate(
      { helperFrom: T0 - HOUR, splitAt: T0 + 2 * HOUR, requesterFrom: T0, weeks: [WEEK, '2026-W20'] },
      (row) => candidates.push(row),
    );

    const settings = database.db.select().from(userSettings).get();
    expect(candidates.find((row) => row.userId === 'UHELP1')).toEqual({
      teamId: 'T1',
      userId: 'UHELP1',
      digest: settings?.digest,
      settingsUpdatedAt: settings?.updatedAt,
      helpedLatestBefore: T0 + HOUR,
      helpedEarliestFrom: T0 + 3 * HOUR,
      tz: 'Europe/Paris',
      tzOffsetSeconds: 7200,
      profileFetchedAt: T0,
      claimedWeeks: [WEEK],
    });
    expect(settings?.digest).toBe(true);
    expect(candidates.find((row) => row.userId === 'UASK1')).toEqual({
      teamId: 'T1',
      userId: 'UASK1',
      digest: null,
      settingsUpdatedAt: null,
      helpedLatestBefore: null,
      helpedEarliestFrom: null,
      tz: null,
      tzOffsetSeconds: null,
      profileFetchedAt: null,
      claimedWeeks: [],
    });
  });

  it('leave out every workspace that uninstalled Boost, as the other repositories do', async () => {
    const posted = await request('UASK1', 'Launch', '1714000000.000100');
    await repos.participations.optIn(posted.id, 'UHELP1', T0 + HOUR, false);
    await repos.participations.setRemindMe(posted.id, 'UHELP1', true);
    await repos.workspaces.seen('T1', 'Acme', T0, true);
    const work = async () => {
      const candidates: CandidateRow[] = [];
      await repos.digests.eachCandidate(
        { helperFrom: T0 - HOUR, splitAt: T0, requesterFrom: T0, weeks: [WEEK] },
        (row) => candidates.push(row),
      );
      return {
        candidates: candidates.map((row) => row.userId),
        openRequests: (await repos.digests.openRequests(T0, 3)).length,
        reminders: (await repos.reminders.due(T0, 72 * HOUR, 10)).length,
        pastDeadline: (await repos.requests.listPastDeadline(T0 + 72 * HOUR, 10)).length,
        active: await repos.workspaces.isActive('T1'),
        activeTeams: await repos.workspaces.activeTeams(),
      };
    };
    expect(await work()).toEqual({
      candidates: ['UASK1', 'UHELP1'],
      openRequests: 1,
      reminders: 1,
      pastDeadline: 1,
      active: true,
      activeTeams: ['T1'],
    });

    await repos.workspaces.markUninstalled('T1', T0 + HOUR);
    expect(await work()).toEqual({
      candidates: [],
      openRequests: 0,
      reminders: 0,
      pastDeadline: 0,
      active: false,
      activeTeams: [],
    });
  });
});
