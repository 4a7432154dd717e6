import type { Repositories } from '../db/repositories/index.ts';
import type { UserProfile } from '../db/repositories/profiles.ts';

// Bookkeeping Slack's deliveries tell Boost about: which workspaces have it installed, and what it cached about people.

export interface WorkspaceContact {
  teamId: string;
  name: string | null;
  /** A person acted (command, click, form, shortcut), which only an installed app receives. */
  byPerson: boolean;
}

/**
 * Records a workspace on first contact, so installs are known (and a reinstall after an uninstall is noticed). It runs
 * on every delivery, before the ack: the repository remembers the workspaces it recorded, so most calls touch nothing.
 */
export async function recordContact(repos: Repositories, contact: WorkspaceContact, now: number): Promise<void> {
  await repos.workspaces.seen(contact.teamId, contact.name, now, contact.byPerson);
}

/** Boost was removed from a workspace (or lost its token): false when that was known already. */
export function stopWorkFor(repos: Repositories, teamId: string, now: number): Promise<boolean> {
  return repos.workspaces.markUninstalled(teamId, now);
}

/** What Slack said of a person in a user_change event. */
export interface ProfileChange {
  tz?: string;
  tzOffsetSeconds?: number;
  isAdmin: boolean;
  /** The Slack locale (`it-IT`), when the event carries one. */
  locale?: string;
}

/**
 * Slack told of a change to someone's account: what Boost cached about them (admin flag, time zone) follows, only if it
 * cached anything, as Boost never starts keeping data about someone because Slack told it about them.
 */
export function updateCachedProfile(
  repos: Repositories,
  teamId: string,
  userId: string,
  change: ProfileChange,
  now: number,
): Promise<void> {
  return repos.transaction(async (tx) => {
    const cached = await tx.profiles.get(teamId, userId);
    if (!cached) return;
    const profile: UserProfile = {
      tz: change.tz ?? cached.tz,
      tzOffsetSeconds: change.tzOffsetSeconds ?? cached.tzOffsetSeconds,
      isAdmin: change.isAdmin,
      locale: change.locale || cached.locale,
      fetchedAt: now,
    };
    await tx.profiles.save(teamId, userId, profile);
  });
}
