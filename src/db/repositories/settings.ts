import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { type UserSettingsRow, userSettings } from '../schema.ts';

export type UserSettings = Pick<UserSettingsRow, 'digest' | 'showName' | 'reminders' | 'language'>;

export const DEFAULT_SETTINGS: UserSettings = { digest: null, showName: false, reminders: true, language: null };

export function settingsRepository(db: Db) {
  // Read on every click: prepared once, so a click pays neither query building nor SQL compilation.
  const one = db
    .select()
    .from(userSettings)
    .where(and(eq(userSettings.teamId, sql.placeholder('teamId')), eq(userSettings.userId, sql.placeholder('userId'))))
    .prepare();

  return {
    get(teamId: string, userId: string): UserSettings {
      const row = one.get({ teamId, userId });
      return row
        ? { digest: row.digest, showName: row.showName, reminders: row.reminders, language: row.language }
        : DEFAULT_SETTINGS;
    },

    update(teamId: string, userId: string, changes: Partial<UserSettings>, now: number): void {
      db.insert(userSettings)
        .values({ ...DEFAULT_SETTINGS, ...changes, teamId, userId, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({
          target: [userSettings.teamId, userSettings.userId],
          set: { ...changes, updatedAt: now },
        })
        .run();
    },
  };
}

export type SettingsRepository = ReturnType<typeof settingsRepository>;
