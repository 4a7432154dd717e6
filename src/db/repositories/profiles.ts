import { and, eq } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { type UserProfileRow, userProfiles } from '../schema.ts';

export type UserProfile = Pick<UserProfileRow, 'tz' | 'tzOffsetSeconds' | 'isAdmin' | 'locale' | 'fetchedAt'>;

export function profilesRepository(db: Db) {
  return {
    get(teamId: string, userId: string): UserProfile | undefined {
      return db
        .select()
        .from(userProfiles)
        .where(and(eq(userProfiles.teamId, teamId), eq(userProfiles.userId, userId)))
        .get();
    },

    save(teamId: string, userId: string, profile: UserProfile): void {
      db.insert(userProfiles)
        .values({ teamId, userId, ...profile })
        .onConflictDoUpdate({ target: [userProfiles.teamId, userProfiles.userId], set: profile })
        .run();
    },
  };
}

export type ProfilesRepository = ReturnType<typeof profilesRepository>;
