import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BoostDatabase, openDatabase } from '../../src/db/connection.ts';
import { installationsRepository } from '../../src/db/repositories/installations.ts';
import { TokenCipher, TokenSealBroken } from '../../src/db/token-cipher.ts';
import { Installations, REFRESH_AHEAD_MS } from '../../src/slack/installations.ts';

// The installation store on a real (in-memory) database: what Bolt and background work are given, and when what was
// remembered is dropped. Slack's side of a refresh is the one thing stood in for.

const HOUR = 3_600_000;
const KEY = Buffer.alloc(32, 5);
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** An installation as @slack/oauth hands it over; with rotation, `expiresAt` is in seconds since 1970. */
const installation = (token: string, rotation?: { refreshToken: string; expiresAt: number }) => ({
  team: { id: 'TONE', name: 'One' },
  enterprise: undefined,
  isEnterpriseInstall: false,
  appId: 'A1',
  user: { id: 'UADMIN', token: undefined, scopes: undefined },
  bot: { token, id: 'BONE', userId: 'UONEBOT', scopes: ['commands'], ...rotation },
});

const query = { teamId: 'TONE', enterpriseId: undefined, isEnterpriseInstall: false as const };

describe('the installation store', () => {
  let database: BoostDatabase;
  let now: number;
  let refreshes: string[];
  let installations: Installations;

  beforeEach(() => {
    database = openDatabase(':memory:');
    now = Date.now();
    refreshes = [];
    installations = new Installations({
      repo: installationsRepository(database.db, new TokenCipher(KEY)),
      clock: () => now,
      logger: quiet,
      refresh: async (refreshToken) => {
        refreshes.push(refreshToken);
        return {
          token: `xoxe.xoxb-${refreshes.length + 1}`,
          refreshToken: `xoxe-${refreshes.length + 1}`,
          expiresInS: 43_200,
        };
      },
    });
  });

  afterEach(() => database.close());

  it('answers from memory, and forgets a workspace the moment it uninstalls', async () => {
    await installations.storeInstallation(installation('xoxb-one'));
    expect((await installations.fetchInstallation(query)).bot?.token).toBe('xoxb-one');
    expect((await installations.botFor('TONE'))?.token).toBe('xoxb-one');
    await installations.removeWorkspace('TONE');
    await expect(installations.fetchInstallation(query)).rejects.toThrow('not installed');
    expect(await installations.botFor('TONE')).toBeUndefined();
  });

  it('gives the new token after a reinstall', async () => {
    await installations.storeInstallation(installation('xoxb-one'));
    await installations.fetchInstallation(query);
    await installations.storeInstallation(installation('xoxb-two'));
    expect((await installations.fetchInstallation(query)).bot?.token).toBe('xoxb-two');
    expect((await installations.botFor('TONE'))?.token).toBe('xoxb-two');
  });

  it('refreshes a rotating token once when it nears expiry, however many ask at once, and never hands Bolt the refresh token', async () => {
    const expiresAtS = Math.floor((Date.now() + 12 * HOUR) / 1000);
    await installations.storeInstallation(
      installation('xoxe.xoxb-1', { refreshToken: 'xoxe-1', expiresAt: expiresAtS }),
    );
    const first = await installations.fetchInstallation(query);
    expect(first.bot).toEqual({ token: 'xoxe.xoxb-1', id: 'BONE', userId: 'UONEBOT', scopes: ['commands'] });

    now += 12 * HOUR - REFRESH_AHEAD_MS + 1000;
    const answers = await Promise.all([
      ...Array.from({ length: 5 }, () => installations.fetchInstallation(query)),
      ...Array.from({ length: 5 }, () => installations.botFor('TONE')),
    ]);
    expect(refreshes).toEqual(['xoxe-1']);
    const tokens = answers.map((answer) => (answer && 'key' in answer ? answer.token : answer?.bot?.token));
    expect(tokens).toEqual(Array(10).fill('xoxe.xoxb-2'));
  });

  it('keeps tokens sealed in the table, and refuses to open them with another key', async () => {
    await installations.storeInstallation(installation('xoxb-secret-token'));
    const raw = JSON.stringify(database.sqlite.prepare('select * from installations').all());
    expect(raw).not.toContain('xoxb-secret-token');
    const other = installationsRepository(database.db, new TokenCipher(Buffer.alloc(32, 6)));
    await expect(other.checkKey()).rejects.toBeInstanceOf(TokenSealBroken);
  });
});
