import { z } from 'zod';

/** Where the README explains each group of settings; named in start-up errors. */
const README_SECTION = 'README.md, section "Settings"';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .default('false')
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(z.url({ protocol: /^https?$/ }).optional());

const userIdList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(/[\s,]+/)
      .map((id) => id.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[UW][A-Z0-9]+$/, 'must be Slack user ids such as U0123ABCD')));

const settingsSchema = z
  .object({
    SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'must be a bot token starting with xoxb-'),
    SLACK_SIGNING_SECRET: z.string().min(1, 'is required'),
    SOCKET_MODE: flag,
    SLACK_APP_TOKEN: z
      .string()
      .optional()
      .transform((value) => value || undefined),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_PATH: z.string().min(1).default('./data/boost.sqlite'),
    SLACK_API_URL: optionalUrl,
    PUBLIC_BASE_URL: optionalUrl,
    DIGEST_CRON: z.string().default('0 9 * * 1'),
    DIGEST_TIMEZONE: z.string().default('user'),
    BOOST_ADMINS: userIdList,
    MAX_OPEN_REQUESTS_PER_USER: z.coerce.number().int().min(1).max(100).default(3),
    DISCLOSURE_TEXT: z.string().max(200).default('(I work here.)'),
    MASTODON_INSTANCE: z
      .string()
      .trim()
      .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'must be a host name such as mastodon.social')
      .default('mastodon.social'),
    DATA_RETENTION_DAYS: z.coerce.number().int().min(1).default(365),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  })
  .superRefine((settings, ctx) => {
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
  const result = settingsSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || 'settings';
    const value = env[name];
    return value === undefined || value === '' ? `${name} is not set (${issue.message})` : `${name} ${issue.message}`;
  });
  throw new ConfigError(problems);
}
