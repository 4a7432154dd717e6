import { eq } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { tablesOf } from '../dialect.ts';

export interface SavedIdentity {
  teamId: string;
  botId: string;
  botUserId: string;
}

/** The bot identity last confirmed by Slack for a token, found by the token's hash. Written for both databases. */
export function botIdentitiesRepository(db: Db) {
  const { botIdentities } = tablesOf(db);
  return {
    async find(tokenHash: string): Promise<SavedIdentity | undefined> {
      const [identity] = await db
        .select({ teamId: botIdentities.teamId, botId: botIdentities.botId, botUserId: botIdentities.botUserId })
        .from(botIdentities)
        .where(eq(botIdentities.tokenHash, tokenHash));
      return identity;
    },

    async save(tokenHash: string, identity: SavedIdentity, checkedAt: number): Promise<void> {
      const row = { ...identity, checkedAt };
      await db
        .insert(botIdentities)
        .values({ tokenHash, ...row })
        .onConflictDoUpdate({ target: botIdentities.tokenHash, set: row });
    },

    /** Slack refused the token: what it once said about that token must not let a restart serve without asking. */
    async forget(tokenHash: string): Promise<void> {
      await db.delete(botIdentities).where(eq(botIdentities.tokenHash, tokenHash));
    },
  };
}

export type BotIdentitiesRepository = ReturnType<typeof botIdentitiesRepository>;
