import type { Repositories } from '../db/repositories/index.ts';
import type { Forgotten } from '../db/repositories/personal-data.ts';
import { buildExport, type Export, type Inventory } from '../domain/privacy-rules.ts';

export interface Forgetting {
  teamId: string;
  userId: string;
  now: number;
  /** Identifies the click or event; Slack may deliver it twice, and the second one then changes nothing. */
  deliveryKey: string;
}

/**
 * Deletes everything Boost holds about a person in a workspace, in one transaction with the delivery's receipt.
 * Undefined when this delivery was already handled (a Slack retry): nothing more to do, nothing to tell.
 */
export function forgetPerson(repos: Repositories, who: Forgetting): Promise<Forgotten | undefined> {
  return repos.transaction(async (tx) => {
    if (!(await tx.receipts.claim(who.deliveryKey, who.now))) return undefined;
    return tx.privacy.forget(who.teamId, who.userId, who.now);
  });
}

/** The person's own data, read in one transaction so the export is a consistent snapshot. */
export function exportPerson(repos: Repositories, teamId: string, userId: string, now: number): Promise<Export> {
  return repos.transaction(async (tx) => buildExport(await tx.privacy.personalData(teamId, userId), now));
}

/** What forgetting would delete, for the person to confirm first; nothing is deleted. */
export function inventoryOf(repos: Repositories, teamId: string, userId: string): Promise<Inventory> {
  return repos.transaction((tx) => tx.privacy.inventory(teamId, userId));
}
