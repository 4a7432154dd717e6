import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute, HTTPReceiver, Logger } from '@slack/bolt';
import type { Repositories } from '../db/repositories/index.ts';
import { isPreviewBot } from '../domain/preview-bots.ts';
import { dayCache, isLinkToken, LINK_PATH_PREFIX, TOKEN_SOURCE } from '../domain/tracked-links.ts';
import type { Clock } from '../domain/types.ts';
import { LANGUAGES, type Language, languageOfLocale, type MessageKey, t } from '../i18n/index.ts';
import { requestListenerOf, setRequestListener } from '../slack/bolt-internals.ts';
import { ClickBatch } from './click-batch.ts';

export interface TrackedLinkDeps {
  links: Pick<Repositories['links'], 'target' | 'countAll'>;
  /** The app's clock: clicks are counted under its UTC day. */
  clock: Clock;
  logger: Pick<Logger, 'warn' | 'error'>;
}

const html = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A page in every language, written once: whoever opens a link is nobody Boost knows, so their browser says which. */
function pages(title: MessageKey, text: MessageKey, head = ''): ReadonlyMap<Language, string> {
  return new Map(
    LANGUAGES.map((language) => [
      language,
      `<!doctype html><html lang="${language}"><head><meta charset="utf-8">${head}` +
        `<title>${html(t(language, title))}</title></head><body><p>${html(t(language, text))}</p></body></html>`,
    ]),
  );
}

const NOT_FOUND_PAGES = pages('page.notFound.title', 'page.notFound.text', '<meta name="robots" content="noindex">');
const UNAVAILABLE_PAGES = pages('page.unavailable.title', 'page.unavailable.text');

/** The first language of the browser's Accept-Language that Boost has (`it-CH,it;q=0.9` → it), else `fallback`. */
export function pageLanguage(acceptLanguage: string | string[] | undefined, fallback: Language = 'en'): Language {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '');
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { tag, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter(({ tag, q }) => tag && q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const language = languageOfLocale(tag);
    if (language) return language;
  }
  return fallback;
}

const pageIn = (pagesByLanguage: ReadonlyMap<Language, string>, req?: Pick<IncomingMessage, 'headers'>) =>
  pagesByLanguage.get(pageLanguage(req?.headers['accept-language'])) ?? (pagesByLanguage.get('en') as string);

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
export function answerNotFound(res: ServerResponse, req?: Pick<IncomingMessage, 'headers'>): void {
  page(res, 404, pageIn(NOT_FOUND_PAGES, req));
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
        page(res, 503, pageIn(UNAVAILABLE_PAGES, req));
        return;
      }
      if (target === undefined) {
        answerNotFound(res, req);
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
