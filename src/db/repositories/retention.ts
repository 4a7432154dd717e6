import { and, inArray, isNotNull, lt, ne } from 'drizzle-orm';
import type { RetentionCutoffs } from '../../domain/privacy-rules.ts';
import type { Db } from '../connection.ts';
import { affected, tablesOf } from '../dialect.ts';
import { homesOfWorkspaces } from './pacing.ts';

export interface Purged {
  closedRequests: number;
  uninstalledWorkspaces: number;
  profiles: number;
  digestDeliveries: number;
  receipts: number;
  removedMessages: number;
}

/**
 * Deletes what Boost no longer needs (see retentionCutoffs); each call is a handful of set-based statements. Written for
 * both databases (see dialect.ts).
 */
export function retentionRepository(db: Db) {
  const { digestDeliveries, pacedWork, receipts, removedMessages, requests, userProfiles, userSettings, workspaces } =
    tablesOf(db);
  return {
    async purge(cutoffs: RetentionCutoffs): Promise<Purged> {
      // Participations, tracked links and their clicks go with their request: the foreign keys cascade.
      const closedRequests = affected(
        await db
          .delete(requests)
          .where(
            and(ne(requests.status, 'open'), isNotNull(requests.closedAt), lt(requests.closedAt, cutoffs.closedBefore)),
          ),
      );

      // A workspace that uninstalled Boost long ago keeps nothing, open requests included; its row only says it left.
      const gone = (
        await db
          .select({ teamId: workspaces.teamId })
          .from(workspaces)
          .where(and(isNotNull(workspaces.uninstalledAt), lt(workspaces.uninstalledAt, cutoffs.uninstalledBefore)))
      ).map((row) => row.teamId);
      if (gone.length > 0) {
        await db.delete(requests).where(inArray(requests.teamId, gone));
        await db.delete(userSettings).where(inArray(userSettings.teamId, gone));
        await db.delete(userProfiles).where(inArray(userProfiles.teamId, gone));
        await db.delete(digestDeliveries).where(inArray(digestDeliveries.teamId, gone));
        await db.delete(removedMessages).where(inArray(removedMessages.teamId, gone));
        await db.delete(pacedWork).where(homesOfWorkspaces(pacedWork, gone));
      }

      return {
        closedRequests,
        uninstalledWorkspaces: gone.length,
        profiles: affected(await db.delete(userProfiles).where(lt(userProfiles.fetchedAt, cutoffs.profilesBefore))),
        digestDeliveries: affected(
          await db.delete(digestDeliveries).where(lt(digestDeliveries.claimedAt, cutoffs.deliveriesBefore)),
        ),
        receipts: affected(await db.delete(receipts).where(lt(receipts.receivedAt, cutoffs.receiptsBefore))),
        removedMessages: affected(
          await db.delete(removedMessages).where(lt(removedMessages.removedAt, cutoffs.removedMessagesBefore)),
        ),
      };
    },
  };
}

export type RetentionRepository = ReturnType<typeof retentionRepository>;
