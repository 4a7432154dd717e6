import { readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, SETTING_NAMES } from '../../src/config.ts';

const README = 'README.md, section "Settings"';
const ENV_EXAMPLE = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');

/** The least environment Boost starts with. */
const minimal = { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 'test-signing-secret' };

/** The ConfigError thrown for an environment, so a test can read both its message and its list of problems. */
function failure(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(minimal);
    expect(config).toMatchObject({
      SOCKET_MODE: false,
      PORT: 3000,
      HOST: '0.0.0.0',
      DATABASE_PATH: './data/boost.sqlite',
      DIGEST_CRON: '0 9 * * 1',
      DIGEST_TIMEZONE: 'user',
      BOOST_ADMINS: [],
      MAX_OPEN_REQUESTS_PER_USER: 3,
      DEFAULT_LOCALE: 'en',
      MASTODON_INSTANCE: 'mastodon.social',
      DATA_RETENTION_DAYS: 365,
      LOG_LEVEL: 'info',
    });
    expect(config.SLACK_API_URL).toBeUndefined();
    expect(config.PUBLIC_BASE_URL).toBeUndefined();
  });

  it('treats a blank value as unset, so `PORT=` in .env means the default', () => {
    expect(loadConfig({ ...minimal, PORT: '', MAX_OPEN_REQUESTS_PER_USER: ' ', SLACK_API_URL: '' })).toMatchObject({
      PORT: 3000,
      MAX_OPEN_REQUESTS_PER_USER: 3,
      SLACK_API_URL: undefined,
    });
  });

  it('stops with the name of a missing SLACK_BOT_TOKEN and where to read about it', () => {
    const error = failure({ SLACK_SIGNING_SECRET: 'test-signing-secret' });
    expect(error.problems).toEqual([expect.stringMatching(/^SLACK_BOT_TOKEN is not set \(must be a bot token/)]);
    expect(error.message).toContain('  - SLACK_BOT_TOKEN is not set (');
    expect(error.message).toContain(README);
    expect(error.name).toBe('ConfigError');
  });

  it('stops with the name of a SLACK_BOT_TOKEN that is not a bot token', () => {
    const error = failure({ ...minimal, SLACK_BOT_TOKEN: 'xoxp-a-user-token' });
    expect(error.problems).toEqual([expect.stringMatching(/^SLACK_BOT_TOKEN must be a bot token starting with xoxb-/)]);
    expect(error.message).toContain(README);
    expect(error.message).not.toContain('xoxp-a-user-token');
  });

  it('lists every missing secret at once', () => {
    const error = failure({ SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: undefined });
    expect(error.problems.map((problem) => problem.split(' ')[0])).toEqual(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']);
    expect(error.message).toMatch(/^Boost cannot start: some settings are missing or invalid\./);
  });

  it('needs an xapp- SLACK_APP_TOKEN in Socket Mode', () => {
    expect(failure({ ...minimal, SOCKET_MODE: 'true' }).problems).toEqual([
      expect.stringMatching(/^SLACK_APP_TOKEN is not set \(.*xapp-.*SOCKET_MODE=true\)$/),
    ]);
    expect(failure({ ...minimal, SOCKET_MODE: 'true', SLACK_APP_TOKEN: 'xoxb-wrong-kind' }).problems).toEqual([
      expect.stringMatching(/^SLACK_APP_TOKEN must be an app-level token starting with xapp-/),
    ]);
    expect(loadConfig({ ...minimal, SOCKET_MODE: 'true', SLACK_APP_TOKEN: 'xapp-test-token' })).toMatchObject({
      SOCKET_MODE: true,
      SLACK_APP_TOKEN: 'xapp-test-token',
    });
  });

  it('reads SOCKET_MODE as a yes/no flag and rejects anything else', () => {
    expect(loadConfig({ ...minimal, SOCKET_MODE: 'false' }).SOCKET_MODE).toBe(false);
    expect(loadConfig({ ...minimal, SOCKET_MODE: '0' }).SOCKET_MODE).toBe(false);
    expect(failure({ ...minimal, SOCKET_MODE: 'sometimes' }).problems).toEqual(['SOCKET_MODE must be true or false']);
  });

  it('reads BOOST_ADMINS as a list of Slack user ids', () => {
    expect(loadConfig({ ...minimal, BOOST_ADMINS: 'U1, U2' }).BOOST_ADMINS).toEqual(['U1', 'U2']);
    expect(loadConfig({ ...minimal, BOOST_ADMINS: ' U0123ABCD W0456EFGH,' }).BOOST_ADMINS).toEqual([
      'U0123ABCD',
      'W0456EFGH',
    ]);
  });

  it('rejects BOOST_ADMINS that are not user ids, naming the variable and the bad entry', () => {
    expect(failure({ ...minimal, BOOST_ADMINS: 'U1, @alice' }).problems).toEqual([
      'BOOST_ADMINS must be Slack user ids such as U0123ABCD, not "@alice"',
    ]);
    expect(failure({ ...minimal, BOOST_ADMINS: 'C0123ABCD' }).problems).toEqual([
      expect.stringMatching(/^BOOST_ADMINS must be Slack user ids/),
    ]);
  });

  it('accepts only http(s) URLs for SLACK_API_URL', () => {
    expect(loadConfig({ ...minimal, SLACK_API_URL: 'http://127.0.0.1:4010/api/' }).SLACK_API_URL).toBe(
      'http://127.0.0.1:4010/api/',
    );
    expect(loadConfig({ ...minimal, SLACK_API_URL: 'https://slack-gov.com/api/' }).SLACK_API_URL).toBe(
      'https://slack-gov.com/api/',
    );
    for (const bad of ['ftp://slack.example/api/', 'slack.com/api', 'javascript:alert(1)']) {
      expect(failure({ ...minimal, SLACK_API_URL: bad }).problems).toEqual([
        'SLACK_API_URL must be an http:// or https:// URL',
      ]);
    }
  });

  it('rejects numbers out of range with a plain reason', () => {
    expect(failure({ ...minimal, PORT: 'eighty' }).problems).toEqual(['PORT must be a whole number']);
    expect(failure({ ...minimal, MAX_OPEN_REQUESTS_PER_USER: '0' }).problems).toEqual([
      'MAX_OPEN_REQUESTS_PER_USER must be at least 1',
    ]);
  });
});

describe('.env.example', () => {
  const documented = [...ENV_EXAMPLE.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]);

  it('documents every setting', () => {
    expect(SETTING_NAMES.filter((name) => !documented.includes(name))).toEqual([]);
  });

  it('holds nothing that is not a setting, each once', () => {
    expect(documented.filter((name) => name === undefined || !SETTING_NAMES.includes(name))).toEqual([]);
    expect(new Set(documented).size).toBe(documented.length);
  });

  it('holds placeholders, not secrets, and shows the real defaults', () => {
    const example = parse(ENV_EXAMPLE);
    expect(example.SLACK_BOT_TOKEN).toMatch(/^xoxb-[a-z-]+$/);
    expect(example.SLACK_SIGNING_SECRET).toMatch(/^[a-z-]+$/);
    const secrets = { SLACK_BOT_TOKEN: example.SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET: example.SLACK_SIGNING_SECRET };
    expect(loadConfig(example)).toEqual(loadConfig(secrets));
  });

  it('comments every setting it lists', () => {
    const lines = ENV_EXAMPLE.split('\n');
    const uncommented = lines.filter(
      (line, index) => /^[A-Z][A-Z0-9_]*=/.test(line) && !/^[#A-Z]/.test(lines[index - 1] ?? ''),
    );
    expect(uncommented).toEqual([]);
  });
});
