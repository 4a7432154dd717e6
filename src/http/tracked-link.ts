import type { ServerResponse } from 'node:http';
import type { CustomRoute, HTTPReceiver, Logger } from '@slack/bolt';
import type { Repositories } from '../db/repositories/index.ts';
import { isPreviewBot } from '../domain/preview-bots.ts';
import { dayCache, isLinkToken, LINK_PATH_PREFIX, TOKEN_SOURCE } from '../domain/tracked-links.ts';
import type { Clock } from '../domain/types.ts';
import { requestListenerOf, setRequestListener } from '../slack/bolt-internals.ts';
import { ClickBatch } from './click-batch.ts';

export interface TrackedLinkDeps {
  links: Pick<Repositories['links'], 'target' | 'countAll'>;
  /** The app's clock: clicks are counted under its UTC day. */
  clock: Clock;
  logger: Pick<Logger, 'warn' | 'error'>;
}

const NOT_FOUND_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">' +
  '<title>Link not found</title></head><body><p>This link does not exist, or no longer does.</p></body></html>';
const UNAVAILABLE_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Try again</title></head>' +
  '<body><p>This link cannot be opened right now. Please try again in a moment.</p></body></html>';

// No cookie is ever set, and the address and User-Agent of whoever clicks are read only to tell a preview bot from a
// person, never stored or logged. `no-store` makes every click reach us (a cached redirect would go uncounted), and
// `no-referrer` keeps the personal link out of the destination's analytics.
const PRIVATE = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } as const;
const PAGE_HEADERS = { ...PRIVATE, 'content-type': 'text/html; charset=utf-8', 'x-content-type-options': 'nosniff' };

function page(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { ...PAGE_HEADERS, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** The plain 404 page of a link that does not exist; also the answer to any path Boost does not serve. */
export function answerNotFound(res: ServerResponse): void {
  page(res, 404, NOT_FOUND_PAGE);
}

function redirect(res: ServerResponse, target: string): void {
  res.writeHead(302, { ...PRIVATE, location: target, 'content-length': 0 });
  res.end();
}

/**
 * GET and HEAD `/r/:token`, on the same server as /slack/events (and on the HTTP server Bolt runs beside Socket Mode):
 * a 302 to the request's link, closed or not. A GET from a person counts one click for today (UTC); HEAD requests and
 * link-preview bots are redirected without counting. One prepared lookup, one upsert (committed with the clicks that
 * arrived alongside), no Slack call.
 */
export function trackedLinkRoute({ links, clock, logger }: TrackedLinkDeps): CustomRoute {
  const today = dayCache();
  const clicks = new ClickBatch(links.countAll, (error, count) => {
    logger.warn(`${count} click(s) could not be counted: ${(error as Error).message}`);
  });
  return {
    path: `${LINK_PATH_PREFIX}:token`,
    method: ['GET', 'HEAD'],
    handler: async (req, res) => {
      const param = req.params?.token;
      const token = typeof param === 'string' ? param : '';
      let target: string | undefined;
      try {
        target = isLinkToken(token) ? await links.target(token) : undefined;
      } catch (error) {
        logger.error(`A tracked link could not be looked up: ${(error as Error).message}`);
        page(res, 503, UNAVAILABLE_PAGE);
        return;
      }
      if (target === undefined) {
        answerNotFound(res);
        return;
      }
      if (req.method === 'GET' && !isPreviewBot(req.headers['user-agent'])) {
        // Counted first, answered once written: see ClickBatch.
        const location = target;
        clicks.record(token, today(clock()), () => redirect(res, location));
        return;
      }
      redirect(res, target);
    },
  };
}

/** A link as Boost writes it, `/r/<token>`, with the trailing slash or query string Bolt's route accepts too. */
const WRITTEN_LINK = new RegExp(`^${LINK_PATH_PREFIX}(${TOKEN_SOURCE})/?(?:\\?|$)`);

/**
 * Answers GET and HEAD on links written as Boost writes them before Bolt's router sees the request: the router compiles
 * every custom route's path pattern (path-to-regexp) on each request, on the hottest path Boost has. The route's own
 * handler answers, so statuses, headers and counting stay the route's; any other spelling of the path (percent-encoded,
 * dot segments, `/R/`) still reaches the same route through Bolt's router. The route stays in customRoutes for Socket
 * Mode, whose HTTP server has no requestListener to wrap.
 */
export function serveTrackedLinksFirst(receiver: HTTPReceiver, route: CustomRoute): void {
  const next = requestListenerOf(receiver);
  setRequestListener(receiver, (req, res) => {
    const link = req.method === 'GET' || req.method === 'HEAD' ? WRITTEN_LINK.exec(req.url ?? '') : null;
    if (link) route.handler(Object.assign(req, { params: { token: link[1] ?? '' } }), res);
    else next(req, res);
  });
}
