/** A person's own Boost settings; the defaults count people without naming them and send nothing unasked. */
export interface PersonalSettings {
  /** null: never chose (a digest only when there is news about what they asked or helped with); true: every week; false: never. */
  digest: boolean | null;
  /** Be named on the public request messages one joins (rule 3); off by default. */
  showName: boolean;
  /** Offer "Remind me before the deadline" after opting in. */
  reminders: boolean;
  /** The language Boost speaks to them in; null follows their Slack language. */
  language: string | null;
}

export type DigestChoice = 'auto' | 'weekly' | 'off';

export const DIGEST_CHOICES: readonly DigestChoice[] = ['auto', 'weekly', 'off'];

export function digestChoice(digest: boolean | null): DigestChoice {
  if (digest === null) return 'auto';
  return digest ? 'weekly' : 'off';
}

export function digestFromChoice(choice: DigestChoice): boolean | null {
  if (choice === 'auto') return null;
  return choice === 'weekly';
}

export function isDigestChoice(value: string | undefined): value is DigestChoice {
  return (DIGEST_CHOICES as readonly (string | undefined)[]).includes(value);
}

/**
 * Only what the person changed in the form: a setting changed elsewhere meanwhile (a "Stop these digests" click while
 * the form was open) is not overwritten by the value the form happened to show.
 */
export function settingsChanges(shown: PersonalSettings, submitted: PersonalSettings): Partial<PersonalSettings> {
  const changes: Partial<PersonalSettings> = {};
  if (shown.digest !== submitted.digest) changes.digest = submitted.digest;
  if (shown.showName !== submitted.showName) changes.showName = submitted.showName;
  if (shown.reminders !== submitted.reminders) changes.reminders = submitted.reminders;
  if (shown.language !== submitted.language) changes.language = submitted.language;
  return changes;
}
