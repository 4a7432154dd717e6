import { and, type Column, eq, not, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { workspaces } from '../schema.ts';

export type Workspace = typeof workspaces.$inferSelect;

/** Workspaces that uninstalled Boost or revoked its tokens: no work is done for them until someone uses Boost again. */
const gone = sql`(${workspaces.uninstalledAt} is not null)`;

/**
 * For queries of other tables: the team in this column still has Boost installed (a workspace never recorded counts as
 * installed). The one statement of that rule; isActive and activeTeams below apply the same one.
 */
export const stillInstalled = (teamId: Column | SQL): SQL =>
  sql`${teamId} not in (select ${workspaces.teamId} from ${workspaces} where ${gone})`;

/** Workspaces Boost has heard from, and whether Boost is still installed there. */
export function workspacesRepository(db: Db) {
  // Teams known to be recorded (and active, for people's own actions), so the hot path costs no write per click.
  // Only this process marks workspaces uninstalled, so the memo cannot go stale behind its back.
  const recorded = new Set<string>();

  /** False only for a workspace known to have uninstalled Boost; an unknown one is assumed installed. */
  const isActive = (teamId: string): boolean => {
    const uninstalled = db
      .select({ teamId: workspaces.teamId })
      .from(workspaces)
      .where(and(eq(workspaces.teamId, teamId), gone))
      .get();
    return uninstalled === undefined;
  };

  return {
    /**
     * Records first contact with a workspace. `byPerson` says a person acted there (command, click, form): only an
     * installed app receives those, so a workspace marked uninstalled is installed again. Events never reinstate it,
     * since a late redelivery may follow an uninstall.
     */
    seen(teamId: string, name: string | null, now: number, byPerson: boolean): void {
      if (recorded.has(teamId)) return;
      db.insert(workspaces).values({ teamId, name, installedAt: now }).onConflictDoNothing().run();
      if (name) {
        db.update(workspaces)
          .set({ name })
          .where(and(eq(workspaces.teamId, teamId), sql`${workspaces.name} is not ${name}`))
          .run();
      }
      if (byPerson) {
        db.update(workspaces)
          .set({ installedAt: now, uninstalledAt: null })
          .where(and(eq(workspaces.teamId, teamId), gone))
          .run();
      }
      if (byPerson || isActive(teamId)) recorded.add(teamId);
    },

    /** app_uninstalled, tokens_revoked: no more work for this workspace until someone uses Boost there again. */
    markUninstalled(teamId: string, now: number): boolean {
      recorded.delete(teamId);
      db.insert(workspaces).values({ teamId, installedAt: now }).onConflictDoNothing().run();
      return (
        db
          .update(workspaces)
          .set({ uninstalledAt: now })
          .where(and(eq(workspaces.teamId, teamId), not(gone)))
          .run().changes === 1
      );
    },

    isActive,

    /** Team ids of every recorded workspace where Boost is installed. */
    activeTeams(): string[] {
      return db
        .select({ teamId: workspaces.teamId })
        .from(workspaces)
        .where(not(gone))
        .orderBy(workspaces.teamId)
        .all()
        .map((row) => row.teamId);
    },

    get(teamId: string): Workspace | undefined {
      return db.select().from(workspaces).where(eq(workspaces.teamId, teamId)).get();
    },
  };
}

export type WorkspacesRepository = ReturnType<typeof workspacesRepository>;
