import type { Repositories } from '../db/repositories/index.ts';
import type { PersonalSettings } from '../domain/settings.ts';
import type { Actor } from './requests.ts';

export interface SavedSettings {
  settings: PersonalSettings;
  /** Open requests whose public message must change because the person's show-my-name choice changed. */
  republish: number[];
}

/**
 * Saves what the person changed. Show-my-name applies to new participations (copied at opt-in) and, when it changes, to
 * their participations in open requests too, so the public messages follow their latest choice.
 */
export function saveSettings(
  repos: Repositories,
  actor: Actor,
  changes: Partial<PersonalSettings>,
): Promise<SavedSettings> {
  return repos.transaction(async (tx) => {
    if (Object.keys(changes).length > 0) await tx.settings.update(actor.teamId, actor.userId, changes, actor.now);
    const republish =
      changes.showName === undefined
        ? []
        : await tx.overview.setShowNameOnOpen(actor.teamId, actor.userId, changes.showName);
    return { settings: await tx.settings.get(actor.teamId, actor.userId), republish };
  });
}

/** The person's settings as saved (defaults for someone who never changed them). */
export function settingsOf(repos: Repositories, teamId: string, userId: string): Promise<PersonalSettings> {
  return repos.settings.get(teamId, userId);
}
