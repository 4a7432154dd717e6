import type { ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';

/** What the health and readiness checks are told about Slack. */
export interface SlackStatus {
  /** Whether Slack has answered auth.test since this process started. */
  reached(): boolean;
  /** Whether Boost can serve Slack's deliveries now: the bot's ids are known (from Slack or saved), socket connected. */
  serving(): boolean;
}

/** Whether the database answers a trivial query now; see BoostDatabase.answers. */
export type DatabaseCheck = () => Promise<boolean>;

function answer(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

const slackField = (slack: SlackStatus) => (slack.reached() ? 'reached' : 'not_reached_yet');

/**
 * GET /healthz, liveness: 200 while the database answers, 503 otherwise. `slack` says whether Slack has been reached
 * since start; a Slack outage does not make Boost unhealthy (restarting it would not help).
 */
export function healthRoute(databaseAnswers: DatabaseCheck, slack: SlackStatus): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: async (_req, res) => {
      const healthy = await databaseAnswers();
      answer(res, healthy ? 200 : 503, { ok: healthy, slack: slackField(slack) });
    },
  };
}

/**
 * GET /readyz, readiness (what a load balancer should route by): 200 once Boost can serve Slack's deliveries (the bot's
 * identity is known, from Slack or saved at an earlier start) and the database answers; 503 until then.
 */
export function readinessRoute(databaseAnswers: DatabaseCheck, slack: SlackStatus): CustomRoute {
  return {
    path: '/readyz',
    method: ['GET'],
    handler: async (_req, res) => {
      const database = await databaseAnswers();
      const ready = database && slack.serving();
      answer(res, ready ? 200 : 503, {
        ready,
        database: database ? 'ok' : 'unavailable',
        slack: slackField(slack),
      });
    },
  };
}
