import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import {
  AuthorizationError,
  type BufferedIncomingMessage,
  defaultBodyLimit,
  HTTPModuleFunctions,
  type HTTPReceiver,
  isRawBodyError,
  isValidSlackRequest,
  type ReceiverProcessEventErrorHandlerArgs,
} from '@slack/bolt';
import { requestListenerOf, setRequestListener } from '../slack/bolt-internals.ts';

// What reaches /slack/events is only checked for its signature by Bolt. Two shapes of body get past Bolt's own error
// handling, and both are answered here instead:
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

function answer(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}

/**
 * Puts a screen in front of Bolt's request listener for Slack's endpoint: the body is buffered as Bolt would (same size
 * limit; Bolt reuses the buffer) and anything that is not a JSON object is answered 400 before Bolt sees it.
 */
export function screenSlackRequests(
  receiver: HTTPReceiver,
  logger: EdgeLogger,
  options: { signingSecret: string; endpoint?: string; bodyLimit?: number },
): void {
  const endpoint = options.endpoint ?? '/slack/events';
  const bodyLimit = options.bodyLimit ?? defaultBodyLimit;
  const bolt: RequestListener = requestListenerOf(receiver);

  const screen = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let buffered: BufferedIncomingMessage;
    try {
      buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, bodyLimit);
    } catch (error) {
      const tooLarge = isRawBodyError(error) && (error as { statusCode?: number }).statusCode === 413;
      logger.warn(`Refused a request to ${endpoint}: ${tooLarge ? 'body too large' : 'unreadable body'}`);
      return answer(res, tooLarge ? 413 : 400);
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
    bolt(buffered, res);
  };

  setRequestListener(receiver, (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || path !== endpoint) return bolt(req, res);
    screen(req, res).catch((error: unknown) => {
      logger.error(`Could not screen a request to ${endpoint}: ${error instanceof Error ? error.message : error}`);
      answer(res, 400);
    });
  });
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
