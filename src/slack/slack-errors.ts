import { ErrorCode, type WebAPICallError } from '@slack/web-api';
import { isDatabaseUnreachable } from '../db/reachability.ts';

// How Boost reads a failed Web API call: one guard, one table of codes, one classifier, for every caller. @slack/web-api
// throws four kinds of errors: a platform error (Slack answered `ok: false` with a code such as `not_in_channel`), an
// HTTP error (a 5xx page), a request error (no answer: timeout, refused connection) and, with rejectRateLimitedCalls, a
// rate-limit error carrying Retry-After.

const CALL_ERRORS: ReadonlySet<unknown> = new Set([
  ErrorCode.PlatformError,
  ErrorCode.RequestError,
  ErrorCode.HTTPError,
  ErrorCode.RateLimitedError,
]);

/** A failed Web API call as @slack/web-api throws it (told by its code rather than its class, which holds across copies). */
export function isWebApiCallError(error: unknown): error is WebAPICallError {
  return typeof error === 'object' && error !== null && 'code' in error && CALL_ERRORS.has(error.code);
}

/**
 * - `rate_limited`: Slack asked us to wait (Retry-After); nothing was done.
 * - `not_sent`: certainly not carried out, for a reason that passes (a 503, a refused connection): safe to send again.
 * - `uncertain`: Slack may have carried it out (a timeout, a 500, internal_error): sending again could post twice.
 * - `auth`: the bot's token is refused; every call fails the same way until someone fixes the install.
 * - `gone`: what the call addresses is gone or out of reach for good: a deleted message or channel, a person Slack
 *   will not deliver to.
 * - `refused`: Slack refused this call as it is and will refuse it again (not_in_channel, is_archived, invalid blocks).
 */
export type SlackFailureKind = 'rate_limited' | 'not_sent' | 'uncertain' | 'auth' | 'gone' | 'refused';

export interface SlackFailure {
  kind: SlackFailureKind;
  /** Slack's error code, or one made up for errors without one (`http_503`, `timeout`, `ECONNREFUSED`...). */
  code: string;
  /** Milliseconds Slack asked us to wait (`rate_limited` only). */
  retryAfterMs?: number;
}

/** Network failures where the request never reached Slack: sending it again cannot post anything twice. */
const NOT_SENT_NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/** The one table of Slack's codes (and the ones slackErrorCode makes up); a code not listed is `refused`. */
const CODES: Readonly<Record<string, SlackFailureKind>> = {
  invalid_auth: 'auth',
  not_authed: 'auth',
  account_inactive: 'auth',
  token_revoked: 'auth',
  token_expired: 'auth',
  missing_scope: 'auth',
  not_allowed_token_type: 'auth',
  no_permission: 'auth',
  team_access_not_granted: 'auth',
  ekm_access_denied: 'auth',
  // Boost holds no token for the workspace (distribution mode: never installed, uninstalled, revoked).
  not_installed: 'auth',
  message_not_found: 'gone',
  channel_not_found: 'gone',
  cant_update_message: 'gone',
  edit_window_closed: 'gone',
  ratelimited: 'not_sent',
  service_unavailable: 'not_sent',
  internal_error: 'uncertain',
  fatal_error: 'uncertain',
  // Slack documents it as POST data missing or cut short: nothing was done.
  request_timeout: 'not_sent',
  timeout: 'uncertain',
  network_error: 'uncertain',
  ...Object.fromEntries([...NOT_SENT_NETWORK].map((code) => [code, 'not_sent'])),
};

/**
 * The same codes on a message to a person (chat.postMessage with a user id as the channel), where Slack documents them
 * as that person being out of reach: the others are still sent to.
 *
 * `account_inactive` can also mean that the token's owner is deactivated. Read as the person here, because that reading
 * loses nothing: a bot token's owner is the install itself, so when it is the token, the workspace is deleted and there
 * is no one left to deliver to; whereas halting on one deactivated person would hold back every other DM, at every run.
 * `no_permission` on a DM concerns that one conversation: this message is refused, the sender goes on.
 */
const TO_PERSON: Readonly<Record<string, SlackFailureKind>> = {
  account_inactive: 'gone',
  channel_not_found: 'gone',
  cannot_dm_bot: 'gone',
  user_not_found: 'gone',
  user_disabled: 'gone',
  user_not_visible: 'gone',
  is_archived: 'gone',
  messages_tab_disabled: 'gone',
  restricted_action: 'gone',
  no_permission: 'refused',
};

/** What a failed call means. `to: 'person'` for a message addressed to a user id (see TO_PERSON). */
export function classifySlackError(error: unknown, to: 'person' | 'other' = 'other'): SlackFailure {
  // The database out of reach while the call was being prepared or recorded: what failed may pass, and is tried again.
  if (!isWebApiCallError(error) && isDatabaseUnreachable(error))
    return { kind: 'not_sent', code: 'database_unavailable' };
  const code = slackErrorCode(error);
  if (!isWebApiCallError(error)) return { kind: CODES[code] ?? 'refused', code };
  switch (error.code) {
    case ErrorCode.RateLimitedError:
      return { kind: 'rate_limited', code, retryAfterMs: waitMs(error.retryAfter) };
    case ErrorCode.HTTPError:
      // 503 promises nothing was done, 429 is a rate limit without Retry-After; another 5xx may have been carried out.
      if (error.statusCode === 503 || error.statusCode === 429) return { kind: 'not_sent', code };
      return { kind: error.statusCode >= 500 ? 'uncertain' : 'refused', code };
    case ErrorCode.RequestError:
      return { kind: CODES[code] === 'not_sent' ? 'not_sent' : 'uncertain', code };
    default:
      return { kind: (to === 'person' ? TO_PERSON[code] : undefined) ?? CODES[code] ?? 'refused', code };
  }
}

/**
 * The same, in the coarser words of listeners and notes: `transient` is anything that may pass (a rate limit, an
 * outage, an answer that never came).
 */
export type SlackFailureClass = 'transient' | 'auth' | 'gone' | 'refused';

export function classifySlackFailure(error: unknown): SlackFailureClass {
  const { kind } = classifySlackError(error);
  return kind === 'rate_limited' || kind === 'not_sent' || kind === 'uncertain' ? 'transient' : kind;
}

/** True for a code meaning Slack refused Boost's token. */
export const isAuthFailure = (code: string): boolean => CODES[code] === 'auth';

/** The Slack error code of a failed Web API call (`not_in_channel`, `ratelimited`, `http_503`, `timeout`...). */
export function slackErrorCode(error: unknown): string {
  if (isWebApiCallError(error)) {
    switch (error.code) {
      case ErrorCode.PlatformError:
        return error.data.error;
      case ErrorCode.RateLimitedError:
        return 'ratelimited';
      case ErrorCode.HTTPError:
        return `http_${error.statusCode}`;
      case ErrorCode.RequestError:
        return requestErrorCode(error.original);
    }
  }
  const code = fieldOf(error, 'code');
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}

function requestErrorCode(original: unknown): string {
  const name = fieldOf(original, 'name');
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  // The client's own "wait and try again" after a 429 is reported as a request error wrapping this message.
  const message = fieldOf(original, 'message');
  if (typeof message === 'string' && message.startsWith('A rate limit was exceeded')) return 'ratelimited';
  const code = fieldOf(original, 'code') ?? fieldOf(fieldOf(original, 'cause'), 'code');
  return typeof code === 'string' && NOT_SENT_NETWORK.has(code) ? code : 'network_error';
}

/** A property of something thrown, whatever it is. */
function fieldOf(value: unknown, name: string): unknown {
  return value !== null && typeof value === 'object' ? Reflect.get(value, name) : undefined;
}

/** Retry-After is in seconds; a missing or odd value waits one second, never less. */
function waitMs(seconds: number): number {
  return (Number.isFinite(seconds) ? Math.max(seconds, 1) : 1) * 1000;
}

/**
 * False only when Slack certainly did not carry out a failed call (a 503, a rate limit, a connection that never
 * reached it). The Web API client retries only those: a second chat.postMessage after a timeout could post twice.
 */
export function mayHaveBeenApplied(error: unknown): boolean {
  if (!isWebApiCallError(error) || error.code === ErrorCode.PlatformError) return false;
  const { kind } = classifySlackError(error);
  return kind !== 'not_sent' && kind !== 'rate_limited';
}

/** Milliseconds Slack asked us to wait, for a call rejected as rate limited. */
export function retryAfterMs(error: unknown): number | undefined {
  return classifySlackError(error).retryAfterMs;
}

/**
 * What a failed chat.postMessage of a request means for posting it later (see domain/posting.ts): `unconfirmed` when
 * the message may be in the channel already, `retry` when it certainly is not and the cause passes (a bad token
 * passes once someone fixes it), `refused` otherwise.
 */
export function postFailureOf(error: unknown): 'retry' | 'unconfirmed' | 'refused' {
  const { kind } = classifySlackError(error);
  if (kind === 'uncertain' || mayHaveBeenApplied(error)) return 'unconfirmed';
  return kind === 'rate_limited' || kind === 'not_sent' || kind === 'auth' ? 'retry' : 'refused';
}

/** Slack's answers meaning the bot token itself is refused: no later try will pass until someone replaces it. */
const TOKEN_REFUSED = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired']);

/** True when Slack answered that the bot token is refused, as opposed to not answering or failing on its side. */
export function isTokenRefused(error: unknown): boolean {
  return TOKEN_REFUSED.has(slackErrorCode(error));
}
