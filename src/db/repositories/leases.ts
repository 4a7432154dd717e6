import { and, eq, gt, lte, or } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { leases } from '../schema.ts';

/** Work one instance at a time may hold: a lease is taken, renewed before it expires, and released. */
export function leasesRepository(db: Db) {
  return {
    /**
     * Takes or renews a lease until `until`, in one statement: true when `holder` has it now (it was free, had expired,
     * or was theirs already), false while another holder's lease runs.
     */
    claim(name: string, holder: string, now: number, until: number): boolean {
      const taken = db
        .insert(leases)
        .values({ name, holder, expiresAt: until })
        .onConflictDoUpdate({
          target: leases.name,
          set: { holder, expiresAt: until },
          setWhere: or(eq(leases.holder, holder), lte(leases.expiresAt, now)),
        })
        .returning({ holder: leases.holder })
        .get();
      return taken?.holder === holder;
    },

    /** Who holds the lease while it runs, with its end; undefined once it is free or has expired. */
    current(name: string, now: number): { holder: string; expiresAt: number } | undefined {
      return db
        .select({ holder: leases.holder, expiresAt: leases.expiresAt })
        .from(leases)
        .where(and(eq(leases.name, name), gt(leases.expiresAt, now)))
        .get();
    },

    /** Gives a lease back, if `holder` still has it. */
    release(name: string, holder: string): void {
      db.delete(leases)
        .where(and(eq(leases.name, name), eq(leases.holder, holder)))
        .run();
    },
  };
}
