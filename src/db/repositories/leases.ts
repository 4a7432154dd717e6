import { and, eq, gt, lte, or } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { tablesOf } from '../dialect.ts';

/**
 * Work one instance at a time may hold: a lease is taken, renewed before it expires, and released. Written for both
 * databases (see dialect.ts).
 */
export function leasesRepository(db: Db) {
  const { leases } = tablesOf(db);
  return {
    /**
     * Takes or renews a lease until `until`, in one statement: true when `holder` has it now (it was free, had expired,
     * or was theirs already), false while another holder's lease runs.
     */
    async claim(name: string, holder: string, now: number, until: number): Promise<boolean> {
      const [taken] = await db
        .insert(leases)
        .values({ name, holder, expiresAt: until })
        .onConflictDoUpdate({
          target: leases.name,
          set: { holder, expiresAt: until },
          setWhere: or(eq(leases.holder, holder), lte(leases.expiresAt, now)),
        })
        .returning({ holder: leases.holder });
      return taken?.holder === holder;
    },

    /** Who holds the lease while it runs, with its end; undefined once it is free or has expired. */
    async current(name: string, now: number): Promise<{ holder: string; expiresAt: number } | undefined> {
      const [held] = await db
        .select({ holder: leases.holder, expiresAt: leases.expiresAt })
        .from(leases)
        .where(and(eq(leases.name, name), gt(leases.expiresAt, now)));
      return held;
    },

    /** Gives a lease back, if `holder` still has it. */
    async release(name: string, holder: string): Promise<void> {
      await db.delete(leases).where(and(eq(leases.name, name), eq(leases.holder, holder)));
    },
  };
}

export type LeasesRepository = ReturnType<typeof leasesRepository>;
