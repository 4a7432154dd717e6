import { afterEach, describe, expect, inject, it } from 'vitest';
import { asRepositoryDb } from '../../src/db/dialect.ts';
import { openPostgres, type PostgresDatabase } from '../../src/db/postgres.ts';
import { RECORDED_FOR_MS, workspacesRepository } from '../../src/db/repositories/workspaces.ts';
import { freshDatabase } from '../harness/postgres-server.ts';

// Each instance remembers which workspaces it has recorded, so a click costs no write. Another instance on the same
// database may meanwhile see the workspace uninstall: what this one remembers must not keep it marked uninstalled once
// people use Boost there again.

describe('workspaces across instances on one PostgreSQL database', () => {
  const opened: PostgresDatabase[] = [];

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((database) => database.close()));
  });

  async function instance(url: string) {
    const database = await openPostgres(url, { poolSize: 2, statementTimeoutMs: 5000 });
    opened.push(database);
    return workspacesRepository(asRepositoryDb(database.db));
  }

  it('reinstates a workspace another instance saw uninstall once a person acts there again', async () => {
    const url = await freshDatabase(inject('postgresUrl'));
    const [alpha, beta] = [await instance(url), await instance(url)];
    const t0 = Date.UTC(2026, 11, 1, 9);

    await alpha.seen('TONE', 'One', t0, true);
    await beta.markUninstalled('TONE', t0 + 1000);
    expect(await alpha.isActive('TONE')).toBe(false);

    // Reinstalled, and someone uses Boost through the instance that had it recorded.
    await alpha.seen('TONE', 'One', t0 + RECORDED_FOR_MS, true);
    expect(await beta.isActive('TONE')).toBe(true);
    expect(await alpha.activeTeams()).toEqual(['TONE']);
  });
});
