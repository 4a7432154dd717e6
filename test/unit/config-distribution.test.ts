import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError, isDistribution, loadConfig, refusedTokenHint } from '../../src/config.ts';
import { BOT_SCOPES } from '../../src/http/install-pages.ts';
import { REDIRECT_PATH } from '../../src/wiring/receiver.ts';

const KEY = Buffer.alloc(32, 1).toString('base64');

/** The least environment Boost serves many workspaces with. */
const distribution = {
  SLACK_SIGNING_SECRET: 'test-signing-secret',
  SLACK_CLIENT_ID: '1234567890.1234567890',
  SLACK_CLIENT_SECRET: 'client-secret-value',
  SLACK_STATE_SECRET: 'a-state-secret-of-our-own',
  TOKEN_ENCRYPTION_KEY: KEY,
  PUBLIC_BASE_URL: 'https://boost.example.org',
};

function problems(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

describe('distribution mode settings', () => {
  it('serves many workspaces with the three OAuth settings, a key and a public address, and no bot token', () => {
    const config = loadConfig(distribution);
    expect(isDistribution(config)).toBe(true);
    expect(config.SLACK_BOT_TOKEN).toBeUndefined();
    expect(config.SLACK_AUTHORIZE_URL).toBe('https://slack.com/oauth/v2/authorize');
  });

  it('keeps single-workspace mode for a bot token alone', () => {
    expect(isDistribution(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }))).toBe(false);
  });

  it('tells an operator what to check about a refused token in the words of each mode', () => {
    expect(refusedTokenHint(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }))).toContain(
      'SLACK_BOT_TOKEN',
    );
    const hint = refusedTokenHint(loadConfig(distribution));
    expect(hint).not.toContain('SLACK_BOT_TOKEN');
    expect(hint).toContain('/slack/install');
  });

  it('refuses a bot token and the OAuth settings together, naming both ways', () => {
    expect(problems({ ...distribution, SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN must not be set with SLACK_CLIENT_ID: .*keep one of them$/),
    ]);
  });

  it('refuses neither, saying both ways', () => {
    expect(problems({ SLACK_SIGNING_SECRET: 's' })).toEqual([
      expect.stringMatching(
        /^SLACK_BOT_TOKEN is not set \(.*SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET/,
      ),
    ]);
  });

  it('names each OAuth setting that is missing once one is given', () => {
    expect(problems({ ...distribution, SLACK_CLIENT_SECRET: undefined, SLACK_STATE_SECRET: '' })).toEqual([
      expect.stringMatching(/^SLACK_CLIENT_SECRET is not set \(must be set with/),
      expect.stringMatching(/^SLACK_STATE_SECRET is not set \(must be set with/),
    ]);
  });

  it.each([
    ['missing', undefined],
    ['not base64 of 32 bytes', 'too-short'],
    ['16 bytes', Buffer.alloc(16, 1).toString('base64')],
  ])('stops at start when TOKEN_ENCRYPTION_KEY is %s, saying what it must be without echoing it', (_, key) => {
    const found = problems({ ...distribution, TOKEN_ENCRYPTION_KEY: key });
    expect(found).toEqual([expect.stringMatching(/^TOKEN_ENCRYPTION_KEY .*must be 32 random bytes in base64/)]);
    if (key) expect(found.join()).not.toContain(key);
  });

  it('needs PUBLIC_BASE_URL, where Slack sends installers back', () => {
    expect(problems({ ...distribution, PUBLIC_BASE_URL: undefined })).toEqual([
      expect.stringMatching(/^PUBLIC_BASE_URL is not set \(.*\/slack\/oauth_redirect\)$/),
    ]);
  });

  it('takes the GovSlack authorize page as a setting', () => {
    const config = loadConfig({ ...distribution, SLACK_AUTHORIZE_URL: 'https://slack-gov.com/oauth/v2/authorize' });
    expect(config.SLACK_AUTHORIZE_URL).toBe('https://slack-gov.com/oauth/v2/authorize');
  });
});

describe('the install page', () => {
  const manifest = parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as {
    oauth_config: { scopes: { bot: string[] }; redirect_urls: string[] };
  };

  it('explains exactly the bot scopes manifest.yml asks for', () => {
    expect(BOT_SCOPES.map(({ scope }) => scope)).toEqual(manifest.oauth_config.scopes.bot);
  });

  it("sends Slack's redirect to the path manifest.yml names", () => {
    expect(manifest.oauth_config.redirect_urls.map((url) => new URL(url).pathname)).toEqual([REDIRECT_PATH]);
  });
});
