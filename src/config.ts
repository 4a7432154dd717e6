import { z } from 'zod';
import { isCronPattern, isTimeZone } from './domain/schedule.ts';
import { DEFAULT_MASTODON_INSTANCE } from './domain/share-links.ts';
import { LANGUAGES, languageOfLocale } from './i18n/index.ts';

/** Where the README explains each group of settings; named in start-up errors. */
const README_SECTION = 'README.md, section "Settings"';

// Every reason below completes a sentence that starts with the variable's name ("PORT must be ..."), or follows
// "NAME is not set" in parentheses, so a start-up error reads as plain English.

const flag = z.stringbool({ error: 'must be true or false' }).default(false);

const optionalUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional();

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const userIdList = z
  .string()
  .default('')
  .transform((value) => value.split(/[\s,]+/).filter(Boolean))
  .pipe(
    z.array(
      z.string().regex(/^[UW][A-Z0-9]+$/, {
        error: (issue) => `must be Slack user ids such as U0123ABCD, not "${issue.input}"`,
      }),
    ),
  );

/** The settings, one key per environment variable; kept apart from the cross-field rules so its shape stays readable. */
const settingsObject = z.object({
  SLACK_BOT_TOKEN: z
    .string({ error: 'must be a bot token starting with xoxb-, from "OAuth & Permissions"' })
    .regex(/^xoxb-/, 'must be a bot token starting with xoxb-, from "OAuth & Permissions"'),
  SLACK_SIGNING_SECRET: z.string({ error: 'must be the Signing Secret from "Basic Information" > "App Credentials"' }),
  SOCKET_MODE: flag,
  SLACK_APP_TOKEN: z.string().optional(),
  PORT: wholeNumber(0, 65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  MAX_CONNECTIONS: wholeNumber(1, 100_000).default(256),
  DATABASE_PATH: z.string().default('./data/boost.sqlite'),
  SLACK_API_URL: optionalUrl,
  PUBLIC_BASE_URL: optionalUrl,
  DIGEST_CRON: z.string().default('0 9 * * 1'),
  DIGEST_TIMEZONE: z.string().default('user'),
  BOOST_ADMINS: userIdList,
  MAX_OPEN_REQUESTS_PER_USER: wholeNumber(1, 100).default(3),
  /** Unset: each person's language has its own disclosure (en: "(I work here.)"); set, it wins in every language. */
  DISCLOSURE_TEXT: z.string().max(200, 'must be at most 200 characters').optional(),
  /** The language of public channel messages, and of private ones while a person's language is unknown. */
  DEFAULT_LOCALE: z
    .string()
    .default('en')
    .transform((locale, ctx) => {
      const language = languageOfLocale(locale);
      if (!language) ctx.addIssue({ code: 'custom', message: `must be a language Boost has: ${LANGUAGES.join(', ')}` });
      return language ?? 'en';
    }),
  MASTODON_INSTANCE: z
    .string()
    .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, `must be a host name such as ${DEFAULT_MASTODON_INSTANCE}`)
    .default(DEFAULT_MASTODON_INSTANCE),
  DATA_RETENTION_DAYS: wholeNumber(1, 36500).default(365),
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error'], { error: 'must be one of debug, info, warn, error' })
    .default('info'),
});

/** The name of every environment variable Boost reads (documented one by one in .env.example). */
export const SETTING_NAMES: readonly string[] = Object.freeze(Object.keys(settingsObject.shape));

const settingsSchema = settingsObject.superRefine((settings, ctx) => {
  if (!isCronPattern(settings.DIGEST_CRON)) {
    ctx.addIssue({
      code: 'custom',
      path: ['DIGEST_CRON'],
      message: 'must be a cron pattern such as "0 9 * * 1" (minute hour day-of-month month weekday)',
    });
  }
  if (settings.DIGEST_TIMEZONE !== 'user' && !isTimeZone(settings.DIGEST_TIMEZONE)) {
    ctx.addIssue({
      code: 'custom',
      path: ['DIGEST_TIMEZONE'],
      message: 'must be "user" (each person\'s own time zone) or a time zone name such as Europe/Paris',
    });
  }
  if (settings.SOCKET_MODE && !settings.SLACK_APP_TOKEN?.startsWith('xapp-')) {
    ctx.addIssue({
      code: 'custom',
      path: ['SLACK_APP_TOKEN'],
      message: 'must be an app-level token starting with xapp- when SOCKET_MODE=true',
    });
  }
});

export type Config = z.infer<typeof settingsSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Boost cannot start: ${problems.length === 1 ? 'a setting is' : 'some settings are'} missing or invalid.\n` +
        problems.map((problem) => `  - ${problem}`).join('\n') +
        `\nSee ${README_SECTION} and .env.example.`,
    );
    this.name = 'ConfigError';
  }
}

/** Parses settings from an environment (process.env by default); throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // A blank or whitespace-only value (`PORT=` in .env) means "not set": the default applies, or a required one is missing.
  const settings: Record<string, string | undefined> = {};
  for (const name of SETTING_NAMES) settings[name] = env[name]?.trim() || undefined;

  const result = settingsSchema.safeParse(settings);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    // The variable is the first path segment; deeper segments (BOOST_ADMINS.1) point inside its parsed value.
    const name = String(issue.path[0] ?? 'settings');
    return settings[name] === undefined ? `${name} is not set (${issue.message})` : `${name} ${issue.message}`;
  });
  throw new ConfigError(problems);
}
