import type { CustomRoute } from '@slack/bolt';
import type Database from 'better-sqlite3';

/** GET /healthz: 200 while the database answers, 503 otherwise (for load balancers and uptime checks). */
export function healthRoute(sqlite: Database.Database): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      let healthy = false;
      try {
        healthy = sqlite.open && sqlite.prepare('select 1 as ok').get() !== undefined;
      } catch {
        healthy = false;
      }
      res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: healthy }));
    },
  };
}
