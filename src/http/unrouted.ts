import type { ReceiverDispatchErrorHandlerArgs } from '@slack/bolt';
import { ErrorCode } from '@slack/bolt';
import { withoutLinkTokens } from '../domain/tracked-links.ts';
import { answerNotFound } from './tracked-link.ts';

/**
 * Bolt's answer to a request no route took, or whose routing threw, with two changes to its default: a path that is
 * not valid percent-encoding (`/r/%E0`, which Bolt's router decodes with decodeURIComponent) is a 404 like any other
 * unknown path, not a 500 with an error logged; and the path is logged without the token of a personal link, since
 * whoever reads the logs must not be able to open or count someone's link.
 */
export function answerUnrouted({ error, logger, request, response }: ReceiverDispatchErrorHandlerArgs): void {
  const path = loggablePath(request.url);
  const unknownPath =
    (error as { code?: string }).code === ErrorCode.HTTPReceiverDeferredRequestError || error instanceof URIError;
  if (response.headersSent) {
    response.end();
    return;
  }
  if (unknownPath) {
    logger.info(`Unhandled HTTP request (${request.method}) made to ${path}: 404`);
    answerNotFound(response, request);
    return;
  }
  logger.error(`An unexpected error occurred during a request (${request.method}) made to ${path}`);
  response.writeHead(500);
  response.end();
}

function loggablePath(url: string | undefined): string {
  try {
    return withoutLinkTokens(new URL(url ?? '/', 'http://boost.invalid').pathname);
  } catch {
    return 'an address that is not a URL';
  }
}
