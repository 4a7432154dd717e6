import type { Config } from '../config.ts';
import { isLanguage, type Language, languageOfLocale, t } from '../i18n/index.ts';
import type { BoostContext } from './context.ts';
import { lookUpProfile } from './profiles.ts';

// Whose language a text is written in. Public channel messages are read by many: the workspace's (DEFAULT_LOCALE).
// Private ones (replies, forms, Home, direct messages) follow the person: the language they picked in `/boost
// settings`, else their Slack locale (cached with their profile), else the workspace's.

/** A text to be written once the reader's language is known. */
export type Words = (language: Language) => string;

type LanguageContext = Pick<BoostContext, 'repos' | 'slack' | 'clock' | 'logger' | 'config' | 'deliveries'>;

/** The language of what everyone in a channel reads. */
export const workspaceLanguage = (config: Pick<Config, 'DEFAULT_LOCALE'>): Language => config.DEFAULT_LOCALE;

/**
 * A person's language, asking Slack (users.info) when their profile is not cached or is stale. Never before an ack.
 * What Slack says is kept with the profile when the person opens something of Boost's (`opening`), or else when Boost
 * holds something about them: a reply on its way while they are being forgotten must not bring their profile back.
 */
export async function languageOf(
  ctx: LanguageContext,
  teamId: string,
  userId: string,
  { opening = false } = {},
): Promise<Language> {
  const chosen = await chosenLanguage(ctx, teamId, userId);
  if (chosen) return chosen;
  // The cached profile while it is fresh, else Slack's answer (the cached one if Slack does not answer).
  const keep = opening
    ? () => true
    : (repos: LanguageContext['repos']) => holdsAnythingAbout({ repos }, teamId, userId);
  const profile = await lookUpProfile(ctx, teamId, userId, keep);
  return languageOfLocale(profile?.locale) ?? workspaceLanguage(ctx.config);
}

/**
 * A person's language from what Boost holds (their choice, their cached profile), without waiting on Slack: for
 * answers given in the ack itself. Undefined when Boost does not know it yet.
 */
export async function knownLanguageOf(
  ctx: Pick<BoostContext, 'repos'>,
  teamId: string,
  userId: string,
): Promise<Language | undefined> {
  const chosen = await chosenLanguage(ctx, teamId, userId);
  if (chosen) return chosen;
  const cached = await ctx.repos.profiles.get(teamId, userId);
  return languageOfLocale(cached?.locale);
}

/** A person's language from what Boost holds, else the workspace's: for direct messages sent by jobs, in bulk. */
export async function storedLanguageOf(
  ctx: Pick<BoostContext, 'repos'> & { config: Pick<Config, 'DEFAULT_LOCALE'> },
  teamId: string,
  userId: string,
): Promise<Language> {
  return (await knownLanguageOf(ctx, teamId, userId)) ?? workspaceLanguage(ctx.config);
}

/** How long an answer given in the ack waits for Slack to name a new person's language: well inside Slack's 3 s. */
const ACK_LANGUAGE_WAIT_MS = 1000;

/**
 * The language of an answer given in the ack itself: what Boost knows. For a person Boost has never seen, Slack is asked
 * at once and the answer waits for it a little, so that even their first answer is in their language; past the wait
 * (Slack slow or down) it goes in the workspace's, and the profile is kept for the next one.
 */
export async function ackLanguageOf(ctx: LanguageContext, teamId: string, userId: string): Promise<Language> {
  const known = await knownLanguageOf(ctx, teamId, userId);
  if (known) return known;
  const asked = lookUpProfile(ctx, teamId, userId);
  ctx.deliveries.later("look up a person's language", () => asked);
  const profile = await within(
    asked.catch(() => undefined),
    ACK_LANGUAGE_WAIT_MS,
  );
  return languageOfLocale(profile?.locale) ?? workspaceLanguage(ctx.config);
}

/** What `promise` resolves to if it does within `ms`, else undefined. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, waited]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A person's language as Slack has it (users.info), for an answer given while the database cannot be read: nothing is
 * kept, and past `waitMs` (Slack slow or down too) the answer goes in the workspace's language.
 */
export async function languageFromSlack(
  ctx: Pick<BoostContext, 'slack' | 'config'>,
  teamId: string,
  userId: string,
  waitMs: number,
): Promise<Language> {
  const asked = ctx.slack
    .forTeam(teamId)
    .then(({ bot }) => bot.users.info({ user: userId, include_locale: true }))
    .then(
      ({ user }) => languageOfLocale(user?.locale),
      () => undefined,
    );
  return (await within(asked, waitMs)) ?? workspaceLanguage(ctx.config);
}

async function holdsAnythingAbout(ctx: Pick<BoostContext, 'repos'>, teamId: string, userId: string) {
  return ctx.repos.privacy.holdsAnything(teamId, userId);
}

async function chosenLanguage(ctx: Pick<BoostContext, 'repos'>, teamId: string, userId: string) {
  const { language } = await ctx.repos.settings.get(teamId, userId);
  return isLanguage(language) ? language : undefined;
}

/** The disclosure in a helper's suggested wording: DISCLOSURE_TEXT when an admin set it, else the language's own. */
export const disclosureIn = (config: Pick<Config, 'DISCLOSURE_TEXT'>, language: Language): string =>
  config.DISCLOSURE_TEXT ?? t(language, 'disclosure');
