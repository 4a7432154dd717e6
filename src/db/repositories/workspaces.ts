import { and, type Column, eq, not, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { tablesOf } from '../dialect.ts';
import { workspaces } from '../schema.ts';

export type Workspace = typeof workspaces.$inferSelect;

/** Workspaces that uninstalled Boost or revoked its tokens: no work is done for them until someone uses Boost again. */
const gone = sql`(${workspaces.uninstalledAt} is not null)`;

/**
 * For queries of other tables: the team in this column still has Boost installed (a workspace never recorded counts as
 * installed). The one statement of that rule; isActive and activeTeams below apply the same one. It names columns
 * only, so it reads the same on both databases.
 */
export const stillInstalled = (teamId: Column | SQL): SQL =>
  sql`${teamId} not in (select ${workspaces.teamId} from ${workspaces} where ${gone})`;

/**
 * How long a workspace, once recorded, is taken as recorded without looking again. Another instance may mark it
 * uninstalled meanwhile; after this long, a person acting there reinstates it here too.
 */
export const RECORDED_FOR_MS = 30_000;

/** Workspaces Boost has heard from, and whether Boost is still installed there. Written for both databases. */
export function workspacesRepository(db: Db) {
  const { workspaces } = tablesOf(db);
  const gone = sql`(${workspaces.uninstalledAt} is not null)`;
  // Teams known to be recorded (and active, for people's own actions), with when that was last checked, so the hot
  // path costs no write per click.
  const recorded = new Map<string, number>();

  /** False only for a workspace known to have uninstalled Boost; an unknown one is assumed installed. */
  const isActive = async (teamId: string): Promise<boolean> => {
    const [uninstalled] = await db
      .select({ teamId: workspaces.teamId })
      .from(workspaces)
      .where(and(eq(workspaces.teamId, teamId), gone));
    return uninstalled === undefined;
  };

  return {
    /**
     * Records first contact with a workspace. `byPerson` says a person acted there (command, click, form): only an
     * installed app receives those, so a workspace marked uninstalled is installed again. Events never reinstate it,
     * since a late redelivery may follow an uninstall.
     */
    async seen(teamId: string, name: string | null, now: number, byPerson: boolean): Promise<void> {
      const checkedAt = recorded.get(teamId);
      if (checkedAt !== undefined && now - checkedAt < RECORDED_FOR_MS && now >= checkedAt) return;
      await db.insert(workspaces).values({ teamId, name, installedAt: now }).onConflictDoNothing();
      if (name) {
        await db
          .update(workspaces)
          .set({ name })
          .where(and(eq(workspaces.teamId, teamId), sql`${workspaces.name} is distinct from ${name}`));
      }
      if (byPerson) {
        await db
          .update(workspaces)
          .set({ installedAt: now, uninstalledAt: null })
          .where(and(eq(workspaces.teamId, teamId), gone));
      }
      if (byPerson || (await isActive(teamId))) recorded.set(teamId, now);
      else recorded.delete(teamId);
    },

    /** app_uninstalled, tokens_revoked: no more work for this workspace until someone uses Boost there again. */
    async markUninstalled(teamId: string, now: number): Promise<boolean> {
      recorded.delete(teamId);
      await db.insert(workspaces).values({ teamId, installedAt: now }).onConflictDoNothing();
      const marked = await db
        .update(workspaces)
        .set({ uninstalledAt: now })
        .where(and(eq(workspaces.teamId, teamId), not(gone)))
        .returning({ teamId: workspaces.teamId });
      return marked.length === 1;
    },

    isActive,

    /** Team ids of every recorded workspace where Boost is installed. */
    async activeTeams(): Promise<string[]> {
      const rows = await db
        .select({ teamId: workspaces.teamId })
        .from(workspaces)
        .where(not(gone))
        .orderBy(workspaces.teamId);
      return rows.map((row) => row.teamId);
    },

    async get(teamId: string): Promise<Workspace | undefined> {
      const [workspace] = await db.select().from(workspaces).where(eq(workspaces.teamId, teamId));
      return workspace;
    },
  };
}

export type WorkspacesRepository = ReturnType<typeof workspacesRepository>;
