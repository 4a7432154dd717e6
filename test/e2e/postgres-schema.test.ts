import { readdirSync } from 'node:fs';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openPostgres, type PostgresDatabase } from '../../src/db/postgres.ts';
import { freshDatabase } from '../harness/postgres-server.ts';

const MIGRATIONS = readdirSync(new URL('../../drizzle-pg/', import.meta.url)).filter((file) => file.endsWith('.sql'));
const OPTIONS = { poolSize: 4, statementTimeoutMs: 5000 };

describe('Boost on PostgreSQL', () => {
  const opened: PostgresDatabase[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((database) => database.close()));
  });

  async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(text)).rows;
    } finally {
      await client.end();
    }
  }

  it('applies each migration once when two instances start at the same moment', async () => {
    const url = await freshDatabase(inject('postgresUrl'));
    opened.push(...(await Promise.all([openPostgres(url, OPTIONS), openPostgres(url, OPTIONS)])));

    const applied = await query<{ n: string }>(url, 'select count(*) as n from drizzle.__drizzle_migrations');
    expect(Number(applied[0]?.n)).toBe(MIGRATIONS.length);
    const tables = await query<{ table_name: string }>(
      url,
      "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
    );
    expect(tables.map((row) => row.table_name)).toContain('requests');
    expect(tables.map((row) => row.table_name)).toContain('link_clicks');
  });

  it('opens an already migrated database without migrating it again', async () => {
    const url = await freshDatabase(inject('postgresUrl'));
    opened.push(await openPostgres(url, OPTIONS));
    opened.push(await openPostgres(url, OPTIONS));
    const applied = await query<{ n: string }>(url, 'select count(*) as n from drizzle.__drizzle_migrations');
    expect(Number(applied[0]?.n)).toBe(MIGRATIONS.length);
  });

  it('answers the health check while the server answers', async () => {
    const database = await openPostgres(await freshDatabase(inject('postgresUrl')), OPTIONS);
    opened.push(database);
    expect(await database.answers()).toBe(true);
  });
});
