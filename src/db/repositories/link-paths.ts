import type Database from 'better-sqlite3';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { affected, prepareOnce, rowsOf, tablesOf } from '../dialect.ts';
import { columnName, type StoredValue, sqlText } from '../raw-sql.ts';
import { linkClicks, requests, trackedLinks } from '../schema.ts';

/** One click to count: on which link, and on which UTC day. */
export interface LinkClick {
  token: string;
  day: string;
}

/** A link inserted; the helper's link there already (two deliveries at once); or no participation to hang it on. */
export type LinkInsert = 'inserted' | 'exists' | 'not_taking_part';

/**
 * What a redirect and every "I'm in" run: statements prepared once. SQLite runs them with better-sqlite3 directly and
 * answers at once; PostgreSQL runs them as named prepared statements.
 */
export interface LinkHotPath {
  /** Where a link leads, or undefined for an unknown token. */
  target(token: string): Promise<string | undefined> | string | undefined;
  /** Counts clicks together; returns how many were counted (those on links deleted meanwhile are not). */
  countAll(clicks: readonly LinkClick[]): Promise<number> | number;
  tokenFor(requestId: number, userId: string): Promise<string | undefined> | string | undefined;
  /** Creates a helper's link unless they have one, or says why not (no participation to hang it on). */
  insertLink(token: string, requestId: number, userId: string, now: number): Promise<LinkInsert> | LinkInsert;
  clicksOf(requestId: number, userId: string): Promise<number> | number;
}

type Token = StoredValue<typeof trackedLinks.token>;
/** A helper's link is theirs for one request: (request id, user id). */
type HelperKey = [StoredValue<typeof trackedLinks.requestId>, StoredValue<typeof trackedLinks.userId>];

/** better-sqlite3's error, or node-postgres's (which drizzle hands on as the cause of its own). */
const isForeignKeyViolation = (error: unknown) => {
  const { code, cause } = error as { code?: string; cause?: { code?: string } };
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || (cause?.code ?? code) === '23503';
};

/** On SQLite: better-sqlite3 directly (no query building, no row mapping); a click is one upsert, atomic in SQLite. */
export function sqliteLinkPath(db: Db): LinkHotPath {
  const sqlite = (db as Db & { $client: Database.Database }).$client;
  const targetOf = sqlite
    .prepare<[Token], StoredValue<typeof requests.url>>(
      sqlText(sql`select ${requests.url} from ${trackedLinks} join ${requests} on ${requests.id} = ${trackedLinks.requestId}
                   where ${trackedLinks.token} = ?`),
    )
    .pluck();
  const count = columnName(linkClicks.count);
  const countClick = sqlite.prepare<[Token, StoredValue<typeof linkClicks.day>]>(
    sqlText(sql`insert into ${linkClicks} (${columnName(linkClicks.token)}, ${columnName(linkClicks.day)}, ${count})
                values (?, ?, 1)
                on conflict (${columnName(linkClicks.token)}, ${columnName(linkClicks.day)}) do update set ${count} = ${count} + 1`),
  );
  // Committing (a WAL write) is most of what a click costs; the clicks that arrive together share one commit.
  const countClicks = sqlite.transaction((clicks: readonly LinkClick[]): number => {
    let counted = 0;
    for (const { token, day } of clicks) {
      try {
        countClick.run(token, day);
        counted += 1;
      } catch (error) {
        // The link was deleted (its helper withdrew) since it was looked up: that click has nothing left to count.
        if (!isForeignKeyViolation(error)) throw error;
      }
    }
    return counted;
  });

  const ofHelper = sql`${trackedLinks.requestId} = ? and ${trackedLinks.userId} = ?`;
  const tokenOf = sqlite
    .prepare<HelperKey, Token>(sqlText(sql`select ${trackedLinks.token} from ${trackedLinks} where ${ofHelper}`))
    .pluck();
  const insertLink = sqlite.prepare<[Token, ...HelperKey, StoredValue<typeof trackedLinks.createdAt>]>(
    sqlText(
      sql`insert into ${trackedLinks} (${sql.join(
        [trackedLinks.token, trackedLinks.requestId, trackedLinks.userId, trackedLinks.createdAt].map(columnName),
        sql`, `,
      )}) values (?, ?, ?, ?) on conflict do nothing`,
    ),
  );
  const clicksOfHelper = sqlite
    .prepare<HelperKey, number>(
      sqlText(sql`select coalesce(sum(${linkClicks.count}), 0) from ${trackedLinks}
                    join ${linkClicks} on ${linkClicks.token} = ${trackedLinks.token}
                   where ${ofHelper}`),
    )
    .pluck();

  return {
    target: (token) => targetOf.get(token),
    countAll: (clicks) => countClicks(clicks),
    tokenFor: (requestId, userId) => tokenOf.get(requestId, userId),
    insertLink(token, requestId, userId, now) {
      try {
        return insertLink.run(token, requestId, userId, now).changes > 0 ? 'inserted' : 'exists';
      } catch (error) {
        if (isForeignKeyViolation(error)) return 'not_taking_part';
        throw error;
      }
    },
    clicksOf: (requestId, userId) => clicksOfHelper.get(requestId, userId) ?? 0,
  };
}

/** On PostgreSQL: named prepared statements; the clicks of a batch are counted by one upsert. */
export function postgresLinkPath(db: Db): LinkHotPath {
  const { linkClicks, requests, trackedLinks } = tablesOf(db);
  const ofHelper = and(
    eq(trackedLinks.requestId, sql.placeholder('requestId')),
    eq(trackedLinks.userId, sql.placeholder('userId')),
  );
  const targetOf = prepareOnce(
    db
      .select({ url: requests.url })
      .from(trackedLinks)
      .innerJoin(requests, eq(requests.id, trackedLinks.requestId))
      .where(eq(trackedLinks.token, sql.placeholder('token'))),
    'link_target',
  );
  const tokenOf = prepareOnce(
    db.select({ token: trackedLinks.token }).from(trackedLinks).where(ofHelper),
    'link_of_helper',
  );
  const insertLink = prepareOnce(
    db
      .insert(trackedLinks)
      .values({
        token: sql.placeholder('token'),
        requestId: sql.placeholder('requestId'),
        userId: sql.placeholder('userId'),
        createdAt: sql.placeholder('now'),
      })
      .onConflictDoNothing(),
    'insert_link',
  );
  const clicksOfHelper = prepareOnce(
    db
      .select({ clicks: sql<number>`coalesce(sum(${linkClicks.count}), 0)`.mapWith(Number) })
      .from(trackedLinks)
      .innerJoin(linkClicks, eq(linkClicks.token, trackedLinks.token))
      .where(ofHelper),
    'clicks_of_helper',
  );

  return {
    target: async (token) => (await targetOf.execute({ token }))[0]?.url,
    async countAll(clicks) {
      if (clicks.length === 0) return 0;
      const perLinkAndDay = new Map<string, LinkClick & { count: number }>();
      for (const click of clicks) {
        const key = `${click.token} ${click.day}`;
        const found = perLinkAndDay.get(key);
        if (found) found.count += 1;
        else perLinkAndDay.set(key, { ...click, count: 1 });
      }
      const batch = [...perLinkAndDay.values()];
      const values = sql.join(
        batch.map(({ token, day, count }) => sql`(${token}, ${day}, ${count}::integer)`),
        sql`, `,
      );
      // Links deleted since they were looked up (their helper withdrew) are left out: nothing left to count.
      const counted = await rowsOf<LinkClick>(
        db,
        sql`insert into ${linkClicks} (token, day, count)
            select token, day, count from (values ${values}) as batch (token, day, count)
             where token in (select ${trackedLinks.token} from ${trackedLinks})
            on conflict (token, day) do update set count = ${linkClicks.count} + excluded.count
            returning token, day`,
      );
      return counted.reduce((sum, { token, day }) => sum + (perLinkAndDay.get(`${token} ${day}`)?.count ?? 0), 0);
    },
    tokenFor: async (requestId, userId) => (await tokenOf.execute({ requestId, userId }))[0]?.token,
    async insertLink(token, requestId, userId, now) {
      try {
        return affected(await insertLink.execute({ token, requestId, userId, now })) > 0 ? 'inserted' : 'exists';
      } catch (error) {
        if (isForeignKeyViolation(error)) return 'not_taking_part';
        throw error;
      }
    },
    clicksOf: async (requestId, userId) => (await clicksOfHelper.execute({ requestId, userId }))[0]?.clicks ?? 0,
  };
}
