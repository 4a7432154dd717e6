import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { prepareOnce, tablesOf } from '../dialect.ts';
import type { UserSettingsRow } from '../schema.ts';

export type UserSettings = Pick<UserSettingsRow, 'digest' | 'showName' | 'reminders' | 'language'>;

export const DEFAULT_SETTINGS: UserSettings = { digest: null, showName: false, reminders: true, language: null };

/** A person's own settings. Written for both databases (see dialect.ts). */
export function settingsRepository(db: Db) {
  const { userSettings } = tablesOf(db);
  // Read on every click: prepared once, so a click pays neither query building nor SQL compilation.
  const one = prepareOnce(
    db
      .select()
      .from(userSettings)
      .where(
        and(eq(userSettings.teamId, sql.placeholder('teamId')), eq(userSettings.userId, sql.placeholder('userId'))),
      ),
    'settings_of_person',
  );

  return {
    async get(teamId: string, userId: string): Promise<UserSettings> {
      const [row] = await one.execute({ teamId, userId });
      return row
        ? { digest: row.digest, showName: row.showName, reminders: row.reminders, language: row.language }
        : DEFAULT_SETTINGS;
    },

    async update(teamId: string, userId: string, changes: Partial<UserSettings>, now: number): Promise<void> {
      await db
        .insert(userSettings)
        .values({ ...DEFAULT_SETTINGS, ...changes, teamId, userId, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({
          target: [userSettings.teamId, userSettings.userId],
          set: { ...changes, updatedAt: now },
        });
    },
  };
}

export type SettingsRepository = ReturnType<typeof settingsRepository>;
