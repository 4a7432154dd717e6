import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema>;

export interface BoostDatabase {
  db: Db;
  sqlite: Database.Database;
  /** Whether the database answers a trivial query now (health and readiness checks). */
  answers(): Promise<boolean>;
  close(): void;
}

/**
 * A migrations folder at the root of the project (drizzle/ for SQLite, drizzle-pg/ for PostgreSQL): found upwards from
 * this module, which is src/db/connection.ts when run from source and dist/index.js once bundled.
 */
export function findMigrationsFolder(name = 'drizzle'): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, name);
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Could not find the ${name}/ migrations folder above this module`);
    dir = parent;
  }
}

const migrationsFolder = findMigrationsFolder();

/** Opens (creating when missing) the SQLite file, tunes it for a small busy server, and applies migrations. */
export function openDatabase(path: string): BoostDatabase {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  // WAL lets the health check and jobs read while a click writes; NORMAL sync is safe with WAL.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // Another process (npm run digest) may hold the write lock for a moment.
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  const check = sqlite.prepare('select 1 as ok');
  return {
    db,
    sqlite,
    answers: async () => {
      try {
        return sqlite.open && check.get() !== undefined;
      } catch {
        return false;
      }
    },
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}
