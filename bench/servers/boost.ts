import { createBoost } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { appStatsMeter } from '../lib/app-stats.ts';
import { serveParent } from '../lib/processes.ts';

// Boost itself, built exactly as src/index.ts builds it (createBoost + start), with the settings the parent passes in
// BENCH_SETTINGS (JSON) and nothing else from the environment.

const settings = JSON.parse(process.env.BENCH_SETTINGS ?? '{}') as Record<string, string>;
const config = loadConfig(settings);
const boost = createBoost({ config });
const { port } = await boost.start();

const stats = appStatsMeter();
serveParent(
  { port, url: `http://127.0.0.1:${port}` },
  {
    /** Message updates still waiting or in flight. */
    /** CPU time and event loop delay since the previous call. */
    stats,
    pendingUpdates: () => boost.context.updater.pending,
    stop: () => boost.stop(),
  },
);
