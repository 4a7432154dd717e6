import { createHmac } from 'node:crypto';
import { lt, sql } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { receipts } from '../schema.ts';

/**
 * Delivery keys name whoever clicked (`action:T…:U…:…`), so they are stored only as an HMAC-SHA256 under a key derived
 * from a secret Boost already has: the table still tells a repeated delivery from a new one, but holds no Slack id that
 * forgetting a person would have to find. A plain hash would not do: the received time narrows the action_ts in a key so
 * much that anyone could test a guessed user id against it.
 */
export function receiptsRepository(db: Db, secret: string) {
  const key = createHmac('sha256', secret).update('boost delivery receipts').digest();
  const digestOf = (deliveryKey: string) => createHmac('sha256', key).update(deliveryKey).digest('base64url');
  // Run on every click: prepared once, so a click pays neither query building nor SQL compilation.
  const insert = db
    .insert(receipts)
    .values({ key: sql.placeholder('key'), receivedAt: sql.placeholder('now') })
    .onConflictDoNothing()
    .prepare();

  return {
    /** Records a delivery key; false when it was already recorded (Slack delivered the same thing again). */
    claim(deliveryKey: string, now: number): boolean {
      return insert.run({ key: digestOf(deliveryKey), now }).changes === 1;
    },

    /** Slack retries within minutes; a day of keys is plenty. */
    purgeOlderThan(cutoff: number): number {
      return db.delete(receipts).where(lt(receipts.receivedAt, cutoff)).run().changes;
    },
  };
}

export type ReceiptsRepository = ReturnType<typeof receiptsRepository>;
