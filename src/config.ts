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

const BOT_TOKEN_REASON =
  'must be a bot token starting with xoxb-, from "OAuth & Permissions" (or, to serve many workspaces, set ' +
  'SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET instead)';

/** The three settings that select distribution mode (installs through "Add to Slack"), in the order they are named. */
export const DISTRIBUTION_SETTINGS = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

/** Slack's authorize page; GovSlack has its own (https://slack-gov.com/oauth/v2/authorize). */
export const SLACK_AUTHORIZE_URL = 'https://slack.com/oauth/v2/authorize';

/** The settings, one key per environment variable; kept apart from the cross-field rules so its shape stays readable. */
const settingsObject = z.object({
  SLACK_BOT_TOKEN: z.string({ error: BOT_TOKEN_REASON }).regex(/^xoxb-/, BOT_TOKEN_REASON),
  SLACK_SIGNING_SECRET: z.string({ error: 'must be the Signing Secret from "Basic Information" > "App Credentials"' }),
  SLACK_CLIENT_ID: z
    .string()
    .regex(/^[0-9]+\.[0-9]+$/, 'must be the Client ID from "Basic Information" > "App Credentials", such as 1234.5678')
    .optional(),
  SLACK_CLIENT_SECRET: z.string().optional(),
  SLACK_STATE_SECRET: z.string().min(16, 'must be at least 16 characters of your own choosing').optional(),
  TOKEN_ENCRYPTION_KEY: z.string().optional(),
  SLACK_AUTHORIZE_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .default(SLACK_AUTHORIZE_URL),
  SOCKET_MODE: flag,
  SLACK_APP_TOKEN: z.string().optional(),
  PORT: wholeNumber(0, 65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  MAX_CONNECTIONS: wholeNumber(1, 100_000).default(256),
  DATABASE_PATH: z.string().default('./data/boost.sqlite'),
  /** Set: Boost runs on this PostgreSQL database instead of the SQLite file at DATABASE_PATH. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }).optional(),
  DATABASE_POOL_SIZE: wholeNumber(1, 1000).default(10),
  DATABASE_STATEMENT_TIMEOUT_MS: wholeNumber(100, 600_000).default(5000),
  /** How long PostgreSQL is waited for a connection; a click must be answered within Slack's 3 seconds. */
  DATABASE_CONNECT_TIMEOUT_MS: wholeNumber(100, 60_000).default(2000),
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
  /** Seconds between the background jobs' ticks (expiry, reminders, digests, thanks, retention, unposted requests). */
  JOB_INTERVAL_SECONDS: wholeNumber(1, 3600).default(60),
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error'], { error: 'must be one of debug, info, warn, error' })
    .default('info'),
});

/** The name of every environment variable Boost reads (documented one by one in .env.example). */
export const SETTING_NAMES: readonly string[] = Object.freeze(Object.keys(settingsObject.shape));

type Settings = z.infer<typeof settingsObject>;

/** The bytes of TOKEN_ENCRYPTION_KEY, or undefined when it is not 32 bytes in base64. */
export function tokenKeyBytes(value: string | undefined): Buffer | undefined {
  if (!value || !/^[A-Za-z0-9+/]{43}=$/.test(value)) return undefined;
  const bytes = Buffer.from(value, 'base64');
  return bytes.length === 32 ? bytes : undefined;
}

/** The rules of distribution mode: all three OAuth settings, a key for the tokens, a public address, no bot token. */
function checkDistribution(settings: Settings, ctx: z.RefinementCtx): void {
  for (const name of DISTRIBUTION_SETTINGS) {
    if (settings[name] === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `must be set with ${DISTRIBUTION_SETTINGS.filter((other) => other !== name).join(' and ')} to serve many workspaces`,
      });
    }
  }
  if (settings.SLACK_BOT_TOKEN !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['SLACK_BOT_TOKEN'],
      message:
        'must not be set with SLACK_CLIENT_ID: a bot token means one workspace, the OAuth settings mean many; keep one of them',
    });
  }
  if (!tokenKeyBytes(settings.TOKEN_ENCRYPTION_KEY)) {
    ctx.addIssue({
      code: 'custom',
      path: ['TOKEN_ENCRYPTION_KEY'],
      message:
        "must be 32 random bytes in base64 (44 characters; `openssl rand -base64 32` makes one) to encrypt the workspaces' tokens",
    });
  }
  if (settings.PUBLIC_BASE_URL === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['PUBLIC_BASE_URL'],
      message:
        'must be set to serve many workspaces: Slack sends installers back to PUBLIC_BASE_URL/slack/oauth_redirect',
    });
  }
  if (settings.SOCKET_MODE) {
    ctx.addIssue({
      code: 'custom',
      path: ['SOCKET_MODE'],
      message: 'must be false to serve many workspaces: installs need Slack to reach Boost over HTTP',
    });
  }
}

/** Distribution mode takes no bot token; the rest of the settings are the same. */
const distributionObject = settingsObject.extend({ SLACK_BOT_TOKEN: settingsObject.shape.SLACK_BOT_TOKEN.optional() });

const settingsSchema = settingsObject.superRefine((settings, ctx) => checkCommon(settings, ctx));
const distributionSchema = distributionObject.superRefine((settings, ctx) => {
  checkCommon(settings as Settings, ctx);
  checkDistribution(settings as Settings, ctx);
});

function checkCommon(settings: Settings, ctx: z.RefinementCtx): void {
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
}

/** In single-workspace mode SLACK_BOT_TOKEN is set; in distribution mode it is not. */
export type Config = z.infer<typeof distributionSchema>;

/** Whether Boost serves many workspaces, each installed through "Add to Slack" (OAuth), rather than one bot token. */
export function isDistribution(config: Config): boolean {
  return config.SLACK_CLIENT_ID !== undefined;
}

/** What an operator should check when Slack refuses Boost's token, in the words of the mode Boost runs in. */
export function refusedTokenHint(config: Config): string {
  return isDistribution(config)
    ? 'the workspace may have uninstalled Boost or revoked its token: install it again from /slack/install'
    : 'check SLACK_BOT_TOKEN and that the app is installed';
}

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

  // Any OAuth setting selects distribution mode, whose rules then name whatever else it lacks.
  const distribution = DISTRIBUTION_SETTINGS.some((name) => settings[name] !== undefined);
  const result = (distribution ? distributionSchema : settingsSchema).safeParse(settings);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    // The variable is the first path segment; deeper segments (BOOST_ADMINS.1) point inside its parsed value.
    const name = String(issue.path[0] ?? 'settings');
    return settings[name] === undefined ? `${name} is not set (${issue.message})` : `${name} ${issue.message}`;
  });
  throw new ConfigError(problems);
}
