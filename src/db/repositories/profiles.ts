import { and, eq } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { tablesOf } from '../dialect.ts';
import type { UserProfileRow } from '../schema.ts';

export type UserProfile = Pick<UserProfileRow, 'tz' | 'tzOffsetSeconds' | 'isAdmin' | 'locale' | 'fetchedAt'>;

/** What Slack told about people, cached. Written for both databases (see dialect.ts). */
export function profilesRepository(db: Db) {
  const { userProfiles } = tablesOf(db);
  return {
    async get(teamId: string, userId: string): Promise<UserProfile | undefined> {
      const [profile] = await db
        .select()
        .from(userProfiles)
        .where(and(eq(userProfiles.teamId, teamId), eq(userProfiles.userId, userId)));
      return profile;
    },

    async save(teamId: string, userId: string, profile: UserProfile): Promise<void> {
      await db
        .insert(userProfiles)
        .values({ teamId, userId, ...profile })
        .onConflictDoUpdate({ target: [userProfiles.teamId, userProfiles.userId], set: profile });
    },
  };
}

export type ProfilesRepository = ReturnType<typeof profilesRepository>;
