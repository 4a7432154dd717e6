import { createHmac } from 'node:crypto';
import { lt, sql } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { affected, prepareOnce, tablesOf } from '../dialect.ts';

/**
 * Delivery keys name whoever clicked (`action:T…:U…:…`), so they are stored only as an HMAC-SHA256 under a key derived
 * from a secret Boost already has: the table still tells a repeated delivery from a new one, but holds no Slack id that
 * forgetting a person would have to find. A plain hash would not do: the received time narrows the action_ts in a key so
 * much that anyone could test a guessed user id against it. Written for both databases (see dialect.ts).
 */
export function receiptsRepository(db: Db, secret: string) {
  const { receipts } = tablesOf(db);
  const key = createHmac('sha256', secret).update('boost delivery receipts').digest();
  const digestOf = (deliveryKey: string) => createHmac('sha256', key).update(deliveryKey).digest('base64url');
  // Run on every click: prepared once, so a click pays neither query building nor SQL compilation.
  const insert = prepareOnce(
    db
      .insert(receipts)
      .values({ key: sql.placeholder('key'), receivedAt: sql.placeholder('now') })
      .onConflictDoNothing(),
    'claim_receipt',
  );

  return {
    /** Records a delivery key; false when it was already recorded (Slack delivered the same thing again). */
    async claim(deliveryKey: string, now: number): Promise<boolean> {
      return affected(await insert.execute({ key: digestOf(deliveryKey), now })) === 1;
    },

    /** Slack retries within minutes; a day of keys is plenty. */
    async purgeOlderThan(cutoff: number): Promise<number> {
      return affected(await db.delete(receipts).where(lt(receipts.receivedAt, cutoff)));
    },
  };
}

export type ReceiptsRepository = ReturnType<typeof receiptsRepository>;
