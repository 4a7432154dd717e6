import { and, eq, lt, ne } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { installations, oauthStates, orgWorkspaces } from '../schema.ts';
import type { TokenCipher } from '../token-cipher.ts';

// Installations in distribution mode. Tokens are sealed here, on their way in and out: nothing above this file sees a
// sealed value, and nothing below it (the database, a copy of it, a backup) sees a token in clear.

/** Who an installation belongs to: a workspace (team id), or an Enterprise Grid organisation (team id ''). */
export interface InstallationKey {
  /** '' outside Enterprise Grid. */
  enterpriseId: string;
  /** '' for an org-wide install. */
  teamId: string;
}

export interface BotCredentials {
  token: string;
  /** With token rotation on: the refresh token and when the bot token expires (epoch ms). */
  refreshToken?: string;
  expiresAt?: number;
}

export interface StoredInstallation extends InstallationKey {
  id: number;
  isEnterpriseInstall: boolean;
  name: string | null;
  appId: string | null;
  bot: BotCredentials & { id: string; userId: string; scopes: string[] };
  installerUserId: string | null;
  installedAt: number;
  updatedAt: number;
}

export type NewInstallation = Omit<StoredInstallation, 'id' | 'installedAt' | 'updatedAt'>;

type Row = typeof installations.$inferSelect;

/** The additional data each sealed token is bound to: the installation it belongs to. */
const ownerOf = (key: InstallationKey) => `${key.enterpriseId}/${key.teamId}`;

const whereKey = (key: InstallationKey) =>
  and(eq(installations.enterpriseId, key.enterpriseId), eq(installations.teamId, key.teamId));

export function installationsRepository(db: Db, cipher: TokenCipher) {
  const open = (row: Row): StoredInstallation => {
    const owner = ownerOf(row);
    return {
      id: row.id,
      enterpriseId: row.enterpriseId,
      teamId: row.teamId,
      isEnterpriseInstall: row.isEnterpriseInstall,
      name: row.name,
      appId: row.appId,
      bot: {
        token: cipher.open(row.botToken, owner),
        id: row.botId,
        userId: row.botUserId,
        scopes: row.botScopes.split(',').filter(Boolean),
        ...(row.botRefreshToken ? { refreshToken: cipher.open(row.botRefreshToken, owner) } : {}),
        ...(row.botTokenExpiresAt === null ? {} : { expiresAt: row.botTokenExpiresAt }),
      },
      installerUserId: row.installerUserId,
      installedAt: row.installedAt,
      updatedAt: row.updatedAt,
    };
  };

  const sealed = (key: InstallationKey, credentials: BotCredentials) => ({
    botToken: cipher.seal(credentials.token, ownerOf(key)),
    botRefreshToken: credentials.refreshToken ? cipher.seal(credentials.refreshToken, ownerOf(key)) : null,
    botTokenExpiresAt: credentials.expiresAt ?? null,
  });

  const find = async (key: InstallationKey): Promise<StoredInstallation | undefined> => {
    const row = db.select().from(installations).where(whereKey(key)).get();
    return row && open(row);
  };

  return {
    find,

    /**
     * The installation that serves a workspace: its own, or its organisation's org-wide one (known once a delivery from
     * the workspace named its organisation: see linkOrgWorkspace).
     */
    async forWorkspace(teamId: string): Promise<StoredInstallation | undefined> {
      const own = db.select().from(installations).where(eq(installations.teamId, teamId)).get();
      if (own) return open(own);
      const org = db
        .select({ enterpriseId: orgWorkspaces.enterpriseId })
        .from(orgWorkspaces)
        .where(eq(orgWorkspaces.teamId, teamId))
        .get();
      return org ? find({ enterpriseId: org.enterpriseId, teamId: '' }) : undefined;
    },

    /** An install or a reinstall (new scopes, a new token): one row per workspace or organisation, kept up to date. */
    async save(installation: NewInstallation, now: number): Promise<StoredInstallation> {
      const values = {
        isEnterpriseInstall: installation.isEnterpriseInstall,
        name: installation.name,
        appId: installation.appId,
        botId: installation.bot.id,
        botUserId: installation.bot.userId,
        botScopes: installation.bot.scopes.join(','),
        installerUserId: installation.installerUserId,
        ...sealed(installation, installation.bot),
        updatedAt: now,
      };
      const row = db
        .insert(installations)
        .values({ enterpriseId: installation.enterpriseId, teamId: installation.teamId, installedAt: now, ...values })
        .onConflictDoUpdate({ target: [installations.enterpriseId, installations.teamId], set: values })
        .returning()
        .get();
      return open(row);
    },

    /**
     * Replaces the bot token and refresh token in one statement, only if the row is still the one the refresh started
     * from (`seenUpdatedAt`): a refresh that lost a race leaves the winner's tokens in place. False when it lost.
     */
    async rotate(key: InstallationKey, seenUpdatedAt: number, next: BotCredentials, now: number): Promise<boolean> {
      const result = db
        .update(installations)
        .set({ ...sealed(key, next), updatedAt: now })
        .where(and(whereKey(key), eq(installations.updatedAt, seenUpdatedAt)))
        .run();
      return result.changes === 1;
    },

    /** Uninstalled or revoked: the tokens go at once. True when there was an installation to delete. */
    async remove(key: InstallationKey): Promise<boolean> {
      return db.delete(installations).where(whereKey(key)).run().changes > 0;
    },

    /** The same, for a workspace's own installation whatever its organisation (the event may not name it). */
    async removeWorkspace(teamId: string): Promise<boolean> {
      const result = db
        .delete(installations)
        .where(and(eq(installations.teamId, teamId), ne(installations.teamId, '')))
        .run();
      return result.changes > 0;
    },

    /** Team ids of the workspaces an organisation's install was seen serving. */
    async orgWorkspaces(enterpriseId: string): Promise<string[]> {
      return db
        .select({ teamId: orgWorkspaces.teamId })
        .from(orgWorkspaces)
        .where(eq(orgWorkspaces.enterpriseId, enterpriseId))
        .all()
        .map((row) => row.teamId);
    },

    /** A delivery from this workspace was served by its organisation's install. */
    async linkOrgWorkspace(teamId: string, enterpriseId: string): Promise<void> {
      db.insert(orgWorkspaces)
        .values({ teamId, enterpriseId })
        .onConflictDoUpdate({ target: orgWorkspaces.teamId, set: { enterpriseId } })
        .run();
    },

    /** Opens one stored token, if any: throws TokenSealBroken when TOKEN_ENCRYPTION_KEY is not the key they were sealed with. */
    async checkKey(): Promise<void> {
      const row = db.select().from(installations).limit(1).get();
      if (row) open(row);
    },
  };
}

/** The `state` of installs under way: single use, and only until it expires. */
export function oauthStatesRepository(db: Db) {
  return {
    async issue(nonce: string, installOptions: string, expiresAt: number): Promise<void> {
      db.insert(oauthStates).values({ nonce, installOptions, expiresAt }).run();
    },

    /** The install options of a state still valid at `now`, deleting it in the same statement; undefined otherwise. */
    async consume(nonce: string, now: number): Promise<string | undefined> {
      const row = db
        .delete(oauthStates)
        .where(eq(oauthStates.nonce, nonce))
        .returning({ installOptions: oauthStates.installOptions, expiresAt: oauthStates.expiresAt })
        .get();
      return row && row.expiresAt > now ? row.installOptions : undefined;
    },

    async purgeExpired(now: number): Promise<void> {
      db.delete(oauthStates).where(lt(oauthStates.expiresAt, now)).run();
    },
  };
}

export type InstallationsRepository = ReturnType<typeof installationsRepository>;
export type OAuthStatesRepository = ReturnType<typeof oauthStatesRepository>;
