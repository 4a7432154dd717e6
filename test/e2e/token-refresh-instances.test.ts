import { afterEach, describe, expect, inject, it } from 'vitest';
import { asRepositoryDb } from '../../src/db/dialect.ts';
import { openPostgres, type PostgresDatabase } from '../../src/db/postgres.ts';
import { installationsRepository } from '../../src/db/repositories/installations.ts';
import { leasesRepository } from '../../src/db/repositories/leases.ts';
import { TokenCipher } from '../../src/db/token-cipher.ts';
import { CACHE_FOR_MS, Installations, REFRESH_AHEAD_MS } from '../../src/slack/installations.ts';
import { LeasedRefreshLock } from '../../src/slack/refresh-lock.ts';
import { freshDatabase } from '../harness/postgres-server.ts';

// Several instances on one PostgreSQL database, each with its own installation store: a rotating token due at the same
// moment on all of them is refreshed once between them, and what one instance learns (an uninstall, a reinstall) reaches
// the others. Slack's side of a refresh is the one thing stood in for, as in test/unit/installations.test.ts.

const HOUR = 3_600_000;
const KEY = Buffer.alloc(32, 7);
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const query = { teamId: 'TONE', enterpriseId: undefined, isEnterpriseInstall: false as const };

describe('installations across instances on one PostgreSQL database', () => {
  const opened: PostgresDatabase[] = [];

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((database) => database.close()));
  });

  /** One instance's own connection to the shared database. */
  async function connect(url: string) {
    const database = await openPostgres(url, { poolSize: 2, statementTimeoutMs: 5000 });
    opened.push(database);
    return asRepositoryDb(database.db);
  }

  it('refreshes a token due on three instances at once only once, and each instance then hands out the new token', async () => {
    const url = await freshDatabase(inject('postgresUrl'));
    let now = Date.now();
    const refreshes: string[] = [];
    let slackAnswers: () => void = () => undefined;
    const slackAnswered = new Promise<void>((resolve) => {
      slackAnswers = resolve;
    });

    const instances = await Promise.all(
      ['alpha', 'beta', 'gamma'].map(async (holder) => {
        const db = await connect(url);
        return new Installations({
          repo: installationsRepository(db, new TokenCipher(KEY)),
          clock: () => now,
          logger: quiet,
          lock: new LeasedRefreshLock({ leases: leasesRepository(db), holder, clock: () => now, pollMs: 10 }),
          refresh: async (refreshToken) => {
            refreshes.push(refreshToken);
            // Slack takes its time, so every instance is asking while the first refresh is still under way.
            await slackAnswered;
            return { token: 'xoxe.xoxb-2', refreshToken: 'xoxe-2', expiresInS: 43_200 };
          },
        });
      }),
    );
    const [first] = instances;
    await first?.storeInstallation({
      team: { id: 'TONE', name: 'One' },
      enterprise: undefined,
      isEnterpriseInstall: false,
      appId: 'A1',
      user: { id: 'UADMIN', token: undefined, scopes: undefined },
      bot: {
        token: 'xoxe.xoxb-1',
        id: 'BONE',
        userId: 'UONEBOT',
        scopes: ['commands'],
        refreshToken: 'xoxe-1',
        expiresAt: Math.floor((now + 12 * HOUR) / 1000),
      },
    });
    for (const instance of instances) expect((await instance.botFor('TONE'))?.token).toBe('xoxe.xoxb-1');

    now += 12 * HOUR - REFRESH_AHEAD_MS + 1000;
    const asked = instances.flatMap((instance) => [instance.botFor('TONE'), instance.fetchInstallation(query)]);
    const refreshStarted = async () => {
      while (refreshes.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    };
    await refreshStarted();
    slackAnswers();
    const answers = await Promise.all(asked);

    expect(refreshes).toEqual(['xoxe-1']);
    const tokens = answers.map((answer) => (answer && 'key' in answer ? answer.token : answer?.bot?.token));
    expect(tokens).toEqual(Array(6).fill('xoxe.xoxb-2'));
  });
  it('stops handing out a token within CACHE_FOR_MS once another instance saw the workspace uninstall, and picks up a reinstall', async () => {
    const url = await freshDatabase(inject('postgresUrl'));
    let now = Date.now();
    const [alpha, beta] = await Promise.all(
      ['alpha', 'beta'].map(async () => {
        return new Installations({
          repo: installationsRepository(await connect(url), new TokenCipher(KEY)),
          clock: () => now,
          logger: quiet,
          refresh: () => Promise.reject(new Error('no rotation here')),
        });
      }),
    );
    const install = (token: string) => ({
      team: { id: 'TONE', name: 'One' },
      enterprise: undefined,
      isEnterpriseInstall: false,
      appId: 'A1',
      user: { id: 'UADMIN', token: undefined, scopes: undefined },
      bot: { token, id: 'BONE', userId: 'UONEBOT', scopes: ['commands'] },
    });
    await alpha?.storeInstallation(install('xoxb-first'));
    expect((await beta?.fetchInstallation(query))?.bot?.token).toBe('xoxb-first');

    await alpha?.removeWorkspace('TONE');
    now += CACHE_FOR_MS;
    await expect(beta?.fetchInstallation(query)).rejects.toThrow('not installed');
    expect(await beta?.botFor('TONE')).toBeUndefined();

    await alpha?.storeInstallation(install('xoxb-second'));
    expect((await beta?.botFor('TONE'))?.token).toBe('xoxb-second');
    expect((await beta?.fetchInstallation(query))?.bot?.token).toBe('xoxb-second');
  });
});
