import { and, inArray, isNotNull, lt, ne } from 'drizzle-orm';
import type { RetentionCutoffs } from '../../domain/privacy-rules.ts';
import type { Db } from '../connection.ts';
import {
  digestDeliveries,
  receipts,
  removedMessages,
  requests,
  userProfiles,
  userSettings,
  workspaces,
} from '../schema.ts';

export interface Purged {
  closedRequests: number;
  uninstalledWorkspaces: number;
  profiles: number;
  digestDeliveries: number;
  receipts: number;
  removedMessages: number;
}

/** Deletes what Boost no longer needs (see retentionCutoffs); each call is a handful of set-based statements. */
export function retentionRepository(db: Db) {
  return {
    purge(cutoffs: RetentionCutoffs): Purged {
      // Participations, tracked links and their clicks go with their request: the foreign keys cascade.
      const closedRequests = db
        .delete(requests)
        .where(
          and(ne(requests.status, 'open'), isNotNull(requests.closedAt), lt(requests.closedAt, cutoffs.closedBefore)),
        )
        .run().changes;

      // A workspace that uninstalled Boost long ago keeps nothing, open requests included; its row only says it left.
      const gone = db
        .select({ teamId: workspaces.teamId })
        .from(workspaces)
        .where(and(isNotNull(workspaces.uninstalledAt), lt(workspaces.uninstalledAt, cutoffs.uninstalledBefore)))
        .all()
        .map((row) => row.teamId);
      if (gone.length > 0) {
        db.delete(requests).where(inArray(requests.teamId, gone)).run();
        db.delete(userSettings).where(inArray(userSettings.teamId, gone)).run();
        db.delete(userProfiles).where(inArray(userProfiles.teamId, gone)).run();
        db.delete(digestDeliveries).where(inArray(digestDeliveries.teamId, gone)).run();
        db.delete(removedMessages).where(inArray(removedMessages.teamId, gone)).run();
      }

      return {
        closedRequests,
        uninstalledWorkspaces: gone.length,
        profiles: db.delete(userProfiles).where(lt(userProfiles.fetchedAt, cutoffs.profilesBefore)).run().changes,
        digestDeliveries: db
          .delete(digestDeliveries)
          .where(lt(digestDeliveries.claimedAt, cutoffs.deliveriesBefore))
          .run().changes,
        receipts: db.delete(receipts).where(lt(receipts.receivedAt, cutoffs.receiptsBefore)).run().changes,
        removedMessages: db
          .delete(removedMessages)
          .where(lt(removedMessages.removedAt, cutoffs.removedMessagesBefore))
          .run().changes,
      };
    },
  };
}

export type RetentionRepository = ReturnType<typeof retentionRepository>;
