import { randomBytes } from 'node:crypto';
import type { Network } from './networks.ts';

// Personal tracked links: `${PUBLIC_BASE_URL}/r/<token>`, one per helper per request. The token is the only thing in
// the link; it is unguessable, so nobody can count clicks on someone else's link or enumerate links.

/** 18 random bytes: 144 bits, comfortably above the 128 an unguessable token needs; 24 URL-safe characters. */
const TOKEN_BYTES = 18;
export const TOKEN_LENGTH = 24;
/** A token as a piece of a regular expression: base64url characters, TOKEN_LENGTH of them. */
export const TOKEN_SOURCE = `[A-Za-z0-9_-]{${TOKEN_LENGTH}}`;
const TOKEN_PATTERN = new RegExp(`^${TOKEN_SOURCE}$`);

/** The path prefix the redirect is served under, on the same server as /slack/events. */
export const LINK_PATH_PREFIX = '/r/';

/** A fresh token: base64url (A–Z, a–z, 0–9, `-`, `_`), no padding. */
export function newLinkToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** Whether text could be a token at all; anything else is answered 404 without touching the database. */
export function isLinkToken(text: string): boolean {
  return TOKEN_PATTERN.test(text);
}

/** `path` with the token of any personal link in it (`/r/<token>`, in any case) replaced by `…`, for logs. */
export function withoutLinkTokens(path: string): string {
  return path.replace(/\/r\/[^/?#]*/gi, '/r/…');
}

/** The public address of a personal link; a trailing slash on the base (or a path prefix behind a proxy) is kept sane. */
export function trackedLinkUrl(publicBaseUrl: string, token: string): string {
  return `${withoutTrailingSlashes(publicBaseUrl)}${LINK_PATH_PREFIX}${token}`;
}

/** `text` without the slashes it ends with; a loop, as `/\/+$/` is quadratic on a long run of slashes. */
export function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '/') end -= 1;
  return text.slice(0, end);
}

/**
 * Link aggregators get the original link: a submission there *is* the link (Hacker News and Reddit dedupe and rank by
 * it, and frown on redirects), so a personal link would hurt the post. Everywhere else people post in their own words.
 */
export const ORIGINAL_LINK_NETWORKS: ReadonlySet<Network> = new Set<Network>(['reddit', 'hackernews']);

const DAY_MS = 86_400_000;

/** The UTC calendar day (YYYY-MM-DD) clicks at `ms` are counted under. */
export function utcDay(ms: number): string {
  return new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * utcDay for a hot path: the same string is handed back all day long, so a click costs no Date or string allocation.
 */
export function dayCache(): (ms: number) => string {
  let dayNumber = Number.NaN;
  let day = '';
  return (ms) => {
    const current = Math.floor(ms / DAY_MS);
    if (current !== dayNumber) {
      dayNumber = current;
      day = utcDay(ms);
    }
    return day;
  };
}

/** "1 click", "12 clicks". */
export function formatClicks(clicks: number): string {
  return `${clicks} ${clicks === 1 ? 'click' : 'clicks'}`;
}
