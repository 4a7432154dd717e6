import { eq } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { botIdentities } from '../schema.ts';

export interface SavedIdentity {
  teamId: string;
  botId: string;
  botUserId: string;
}

/** The bot identity last confirmed by Slack for a token, found by the token's hash. */
export function botIdentitiesRepository(db: Db) {
  return {
    find(tokenHash: string): SavedIdentity | undefined {
      return db
        .select({ teamId: botIdentities.teamId, botId: botIdentities.botId, botUserId: botIdentities.botUserId })
        .from(botIdentities)
        .where(eq(botIdentities.tokenHash, tokenHash))
        .get();
    },

    save(tokenHash: string, identity: SavedIdentity, checkedAt: number): void {
      const row = { ...identity, checkedAt };
      db.insert(botIdentities)
        .values({ tokenHash, ...row })
        .onConflictDoUpdate({ target: botIdentities.tokenHash, set: row })
        .run();
    },

    /** Slack refused the token: what it once said about that token must not let a restart serve without asking. */
    forget(tokenHash: string): void {
      db.delete(botIdentities).where(eq(botIdentities.tokenHash, tokenHash)).run();
    },
  };
}

export type BotIdentitiesRepository = ReturnType<typeof botIdentitiesRepository>;
