import { defineConfig } from 'drizzle-kit';

// The PostgreSQL schema's migrations (DATABASE_URL=postgres://...); drizzle.config.ts has SQLite's.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema-pg.ts',
  out: './drizzle-pg',
});
