import type { IncomingHttpHeaders, IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import {
  AuthorizationError,
  type BufferedIncomingMessage,
  HTTPModuleFunctions,
  type HTTPReceiver,
  isRawBodyError,
  isValidSlackRequest,
  type ReceiverProcessEventErrorHandlerArgs,
} from '@slack/bolt';
import { closeIfCarryingBody } from './server-limits.ts';

// Bolt reads a whole body (up to 4 MB) before it checks the signature, and refuses only stale timestamps. In front of
// it, the headers alone turn away what can never be a valid Slack request before any of its body is read: no signature
// or timestamp, a timestamp that is not a plain number of seconds or is more than five minutes from now either way
// (Slack's rule), or a declared body over the limit. An answer that leaves a body unread closes the connection.
//
// Bolt then checks the signature. Two shapes of body get past Bolt's own error handling, and both are answered here:
// - a body that parses to JSON `null` (`payload=null`): Bolt reads `body.ssl_check` outside its try/catch, which leaves
//   the request unanswered and raises an unhandled rejection, which stops Node;
// - a body Bolt cannot route (`"event": "text"`, `"actions": 5`): Bolt's processEvent throws and its default handler
//   answers 500, as if Boost were broken.

interface EdgeLogger {
  warn(...messages: unknown[]): void;
  error(...messages: unknown[]): void;
}

/** JSON's whitespace, raw or form-encoded (`+` is a space there), before the `{` that opens an object. */
const OPENS_OBJECT = /^[ \t\n\r]*\{/;
const OPENS_OBJECT_ENCODED = /^(?:\+|%20|%09|%0a|%0d)*(?:\{|%7b)/i;
const PAYLOAD_FIELD = /(?:^|&)payload=([^&]*)/g;

/**
 * Whether Bolt's parse of this body (`parseHTTPRequestBody`) can give a JSON object, read from its first characters
 * instead of parsing it: Bolt parses every body anyway, and a second parse on each click costs more than the check.
 * A body that starts like an object but is not valid JSON is Bolt's to refuse (400), as is every unsigned one (401).
 */
export function mayBeJsonObject(body: string, contentType: string | undefined): boolean {
  if (contentType !== 'application/x-www-form-urlencoded') return OPENS_OBJECT.test(body);
  const payloads = [...body.matchAll(PAYLOAD_FIELD)];
  // Without exactly one payload field, Bolt takes the form's fields themselves (an object): a slash command.
  if (payloads.length !== 1) return true;
  return OPENS_OBJECT_ENCODED.test(payloads[0]?.[1] ?? '');
}

/**
 * The largest body Boost reads. Slack's deliveries are far smaller: the largest Boost can cause, a click on a Home tab
 * with every list full of the longest texts in three-byte characters, is about 580 KB form-encoded.
 */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Slack's rule: a request dated more than five minutes before or after now is refused. */
const TIMESTAMP_WINDOW_SECONDS = 5 * 60;

/** Slack's SSL check (`ssl_check=1&token=…`, about 50 bytes) is the one request Slack sends without a signature. */
const SSL_CHECK_MAX_BYTES = 256;

/** Seconds since 1970 as Slack writes them: digits only (Bolt would read `17…e0`, `0x…`, `+17…` or `17….0` as numbers). */
const PLAIN_SECONDS = /^[1-9][0-9]{0,11}$/;
/** The only signature Slack sends, `v0=` and a hex HMAC-SHA256; anything else can never match. */
const SIGNATURE = /^v0=[0-9a-f]{64}$/;

export type HeaderScreening = { refuse: 401 | 413; reason: string } | { readUpTo: number };

/**
 * What the headers of a POST to Slack's endpoint allow, before any of its body is read: how much of the body to read,
 * or the status to refuse it with. Bolt still checks the signature of what is read.
 */
export function screenHeaders(headers: IncomingHttpHeaders, nowMs: number, bodyLimit: number): HeaderScreening {
  const signature = headers['x-slack-signature'];
  const timestamp = headers['x-slack-request-timestamp'];
  const declared = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
  if (signature === undefined && timestamp === undefined) {
    // Bolt answers an SSL check 200 and anything else unsigned 401; a body this small costs nothing to read.
    const mayBeSslCheck =
      headers['content-type'] === 'application/x-www-form-urlencoded' &&
      declared !== undefined &&
      declared <= SSL_CHECK_MAX_BYTES;
    return mayBeSslCheck ? { readUpTo: SSL_CHECK_MAX_BYTES } : { refuse: 401, reason: 'no signature' };
  }
  if (typeof signature !== 'string' || !SIGNATURE.test(signature)) return { refuse: 401, reason: 'bad signature' };
  if (typeof timestamp !== 'string' || !PLAIN_SECONDS.test(timestamp)) {
    return { refuse: 401, reason: 'timestamp is not a number of seconds' };
  }
  if (Math.abs(Number(timestamp) - nowMs / 1000) > TIMESTAMP_WINDOW_SECONDS) {
    return { refuse: 401, reason: 'timestamp more than five minutes from now' };
  }
  if (declared !== undefined && declared > bodyLimit) return { refuse: 413, reason: 'body too large' };
  return { readUpTo: bodyLimit };
}

/** Answers with no body; `close` ends the connection after the answer, so whatever the sender still sends is not read. */
function answer(res: ServerResponse, status: number, close = false): void {
  if (res.headersSent) return;
  res.writeHead(status, close ? { connection: 'close' } : undefined);
  res.end();
}

/**
 * Puts a screen in front of the receiver's request listener. A POST to Slack's endpoint is screened by its headers,
 * then its body is buffered (Bolt reuses the buffer) and anything that is not a JSON object is answered 400 before Bolt
 * sees it. Any other request is passed on untouched, except that one carrying a body closes its connection once
 * answered: no route reads a body, and none should be kept waiting for.
 */
export function screenSlackRequests(
  receiver: HTTPReceiver,
  logger: EdgeLogger,
  options: { signingSecret: string; endpoint?: string; bodyLimit?: number },
): void {
  const endpoint = options.endpoint ?? '/slack/events';
  const bodyLimit = options.bodyLimit ?? BODY_LIMIT_BYTES;
  const next: RequestListener = receiver.requestListener;

  const screen = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const screening = screenHeaders(req.headers, Date.now(), bodyLimit);
    if ('refuse' in screening) {
      logger.warn(`Refused a request to ${endpoint}: ${screening.reason}`);
      return answer(res, screening.refuse, true);
    }
    let buffered: BufferedIncomingMessage;
    try {
      buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, screening.readUpTo);
    } catch (error) {
      const tooLarge = isRawBodyError(error) && (error as { statusCode?: number }).statusCode === 413;
      logger.warn(`Refused a request to ${endpoint}: ${tooLarge ? 'body too large' : 'unreadable body'}`);
      return answer(res, tooLarge ? 413 : 400, true);
    }
    if (!mayBeJsonObject(buffered.rawBody.toString(), req.headers['content-type'])) {
      // As Bolt does: an unsigned request learns nothing but 401, whatever its body.
      const signed = isValidSlackRequest({
        signingSecret: options.signingSecret,
        body: buffered.rawBody.toString(),
        headers: {
          'x-slack-signature': String(req.headers['x-slack-signature'] ?? ''),
          'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']),
        },
      });
      logger.warn(`Refused a request to ${endpoint}: ${signed ? 'its body is not a JSON object' : 'bad signature'}`);
      return answer(res, signed ? 400 : 401);
    }
    next(buffered, res);
  };

  receiver.requestListener = (req, res) => {
    // Parsed as Bolt routes it, so that nothing reaches Bolt's handling of Slack's endpoint unscreened.
    if (req.method === 'POST' && new URL(req.url ?? '/', 'http://localhost').pathname === endpoint) {
      screen(req, res).catch((error: unknown) => {
        logger.error(`Could not screen a request to ${endpoint}: ${error instanceof Error ? error.message : error}`);
        answer(res, 400, true);
      });
      return;
    }
    closeIfCarryingBody(req, res);
    next(req, res);
  };
}

/**
 * Bolt's processEvent throws only for bodies it cannot read as any kind of Slack request (listener errors go to
 * app.error): that is the sender's mistake, so the answer is 400 rather than Bolt's default 500.
 */
export async function answerUnprocessable({
  error,
  logger,
  response,
}: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> {
  if (response.headersSent) {
    logger.error(`A request failed after it was answered: ${error.message}`);
    return false;
  }
  if (error instanceof AuthorizationError) {
    answer(response, 401);
    return true;
  }
  logger.warn(`Slack sent a request Boost could not process: ${error.message}`);
  answer(response, 400);
  return true;
}
