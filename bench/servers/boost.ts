import { createBoost, runsOnSqlite } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { appStatsMeter } from '../lib/app-stats.ts';
import { serveParent } from '../lib/processes.ts';
import { profileStart, profileStop } from '../lib/window-profile.ts';

// Boost itself, built exactly as src/index.ts builds it (createBoost + start), with the settings the parent passes in
// BENCH_SETTINGS (JSON) and nothing else from the environment: on SQLite, or on PostgreSQL when they set DATABASE_URL.

const settings = JSON.parse(process.env.BENCH_SETTINGS ?? '{}') as Record<string, string>;
const config = loadConfig(settings);
// BENCH_NO_JOBS=1 (diagnostics only) leaves out the minute tick of the background jobs.
const boost = createBoost({ config, runJobs: !process.env.BENCH_NO_JOBS });
const { port } = await boost.start();

const stats = appStatsMeter();
serveParent(
  { port, url: `http://127.0.0.1:${port}` },
  {
    /** CPU time and event loop delay since the previous call. */
    stats,
    profileStart,
    profileStop,
    /** Message updates still waiting or in flight. */
    pendingUpdates: () => boost.context.updater.pending,
    /** Clicks counted on tracked links so far (read from the SQLite file; the redirect benchmark runs on SQLite). */
    linkClicks: () => {
      if (!runsOnSqlite(boost)) throw new Error('linkClicks reads Boost on SQLite only');
      return (
        boost.database.sqlite.prepare('select coalesce(sum(count), 0) as n from link_clicks').get() as { n: number }
      ).n;
    },
    stop: () => boost.stop(),
  },
);
