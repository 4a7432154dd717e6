import { lt, sql } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { receipts } from '../schema.ts';

export function receiptsRepository(db: Db) {
  // Run on every click: prepared once, so a click pays neither query building nor SQL compilation.
  const insert = db
    .insert(receipts)
    .values({ key: sql.placeholder('key'), receivedAt: sql.placeholder('now') })
    .onConflictDoNothing()
    .prepare();

  return {
    /** Records a delivery key; false when it was already recorded (Slack delivered the same thing again). */
    claim(key: string, now: number): boolean {
      return insert.run({ key, now }).changes === 1;
    },

    /** Slack retries within minutes; a day of keys is plenty. */
    purgeOlderThan(cutoff: number): number {
      return db.delete(receipts).where(lt(receipts.receivedAt, cutoff)).run().changes;
    },
  };
}

export type ReceiptsRepository = ReturnType<typeof receiptsRepository>;
