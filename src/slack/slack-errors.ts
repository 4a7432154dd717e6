import { ErrorCode } from '@slack/web-api';

// How Boost reads a failed Web API call. @slack/web-api throws four kinds of errors: a platform error (Slack answered
// `ok: false` with a code such as `not_in_channel`), an HTTP error (a 5xx page), a request error (no answer: timeout,
// refused connection) and, with rejectRateLimitedCalls, a rate-limit error carrying Retry-After.

/** Network failures where the request never reached Slack: sending it again cannot post anything twice. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/** Codes meaning the bot's token no longer works; every call fails the same way until someone fixes the install. */
const AUTH_FAILURES = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'not_allowed_token_type',
  'no_permission',
  'team_access_not_granted',
  'ekm_access_denied',
]);

/** Codes meaning the thing acted on is gone for good: the message or its channel was deleted. */
const GONE = new Set(['message_not_found', 'channel_not_found', 'cant_update_message', 'edit_window_closed']);

/** Codes (including the ones slackErrorCode makes up) for trouble on Slack's side that passes: worth a later try. */
const PASSING = new Set([
  'ratelimited',
  'timeout',
  'network_error',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

/**
 * `transient`: Slack or the network had a problem that passes; `auth`: the token is refused; `gone`: the message or
 * channel no longer exists; `refused`: Slack refused this call for a reason of its own (not_in_channel, is_archived...).
 */
export type SlackFailure = 'transient' | 'auth' | 'gone' | 'refused';

/** The Slack error code of a failed Web API call (`not_in_channel`, `ratelimited`, `http_503`, `timeout`...). */
export function slackErrorCode(error: unknown): string {
  if (error && typeof error === 'object') {
    const data = (error as { data?: { error?: unknown } }).data;
    if (typeof data?.error === 'string') return data.error;
    const code = (error as { code?: unknown }).code;
    if (code === ErrorCode.RateLimitedError) return 'ratelimited';
    if (code === ErrorCode.HTTPError) return `http_${(error as { statusCode?: unknown }).statusCode}`;
    if (code === ErrorCode.RequestError) return requestErrorCode((error as { original?: unknown }).original);
    if (typeof code === 'string') return code;
  }
  return error instanceof Error ? error.message : String(error);
}

function requestErrorCode(original: unknown): string {
  if (!original || typeof original !== 'object') return 'network_error';
  const { name, code, cause, message } = original as {
    name?: unknown;
    code?: unknown;
    cause?: { code?: unknown };
    message?: unknown;
  };
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  // The client's own "wait and try again" after a 429 is reported as a request error wrapping this message.
  if (typeof message === 'string' && message.startsWith('A rate limit was exceeded')) return 'ratelimited';
  const networkCode = typeof code === 'string' ? code : cause?.code;
  return typeof networkCode === 'string' && NOT_SENT.has(networkCode) ? networkCode : 'network_error';
}

/** True for a code meaning Slack refused Boost's token. */
export const isAuthFailure = (code: string): boolean => AUTH_FAILURES.has(code);

export function classifySlackFailure(error: unknown): SlackFailure {
  const code = slackErrorCode(error);
  if (AUTH_FAILURES.has(code)) return 'auth';
  if (GONE.has(code)) return 'gone';
  if (PASSING.has(code) || /^http_5\d\d$/.test(code) || NOT_SENT.has(code)) return 'transient';
  return 'refused';
}

/**
 * True when Slack may have carried out a call that failed: a timeout or a 5xx other than 503 (which promises nothing
 * was done). Such a call must not be sent again blindly: a second chat.postMessage would post the message twice.
 */
export function mayHaveBeenApplied(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === ErrorCode.HTTPError) return Number((error as { statusCode?: unknown }).statusCode) !== 503;
  if (code === ErrorCode.RequestError) {
    const reason = slackErrorCode(error);
    return reason !== 'ratelimited' && !NOT_SENT.has(reason);
  }
  return false;
}

/** Milliseconds Slack asked us to wait, for a call rejected as rate limited. */
export function retryAfterMs(error: unknown): number | undefined {
  if (error && typeof error === 'object' && (error as { code?: unknown }).code === ErrorCode.RateLimitedError) {
    const seconds = Number((error as { retryAfter?: unknown }).retryAfter);
    return Number.isFinite(seconds) ? Math.max(seconds, 1) * 1000 : 1000;
  }
  return undefined;
}

/** Slack's own words for "something went wrong on our side; part of it may have been done". */
const MAYBE_DONE = new Set(['internal_error', 'fatal_error']);

/**
 * What a failed chat.postMessage of a request means for posting it later (see domain/posting.ts): `unconfirmed` when
 * the message may be in the channel already, `retry` when it certainly is not and the cause passes (a bad token
 * passes once someone fixes it), `refused` otherwise.
 */
export function postFailureOf(error: unknown): 'retry' | 'unconfirmed' | 'refused' {
  if (mayHaveBeenApplied(error) || MAYBE_DONE.has(slackErrorCode(error))) return 'unconfirmed';
  const kind = classifySlackFailure(error);
  return kind === 'transient' || kind === 'auth' ? 'retry' : 'refused';
}

/** Slack's answers meaning the bot token itself is refused: no later try will pass until someone replaces it. */
const TOKEN_REFUSED = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired']);

/** True when Slack answered that the bot token is refused, as opposed to not answering or failing on its side. */
export function isTokenRefused(error: unknown): boolean {
  return TOKEN_REFUSED.has(slackErrorCode(error));
}
