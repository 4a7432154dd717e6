import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { prepareMigratedTemplate, startPostgresServer } from './harness/postgres-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres://… of the throwaway PostgreSQL server the suite runs against; see harness/postgres-server.ts. */
    postgresUrl: string;
  }
}

/**
 * Builds dist/index.js once, as `npm start` does, for the tests that run Boost as a process of its own; starts a
 * throwaway PostgreSQL server for the whole run, with the migrated template its tests' databases are copied from, and
 * stops it after.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  execFileSync('sh', ['scripts/build.sh'], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'inherit' });
  const postgres = await startPostgresServer();
  try {
    await prepareMigratedTemplate(postgres.url);
  } catch (error) {
    postgres.stop();
    throw error;
  }
  project.provide('postgresUrl', postgres.url);
  return () => postgres.stop();
}
