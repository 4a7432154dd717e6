import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPReceiver } from '@slack/bolt';
import type { BotIdentity } from '../slack/bot-identity.ts';

const BUSY = JSON.stringify({ error: 'Boost has not reached Slack yet; try again shortly.' });

function isSlackDelivery(req: IncomingMessage, endpoint: string): boolean {
  if (req.method !== 'POST') return false;
  const url = req.url ?? '';
  return url === endpoint || url.startsWith(`${endpoint}?`);
}

function answerUnavailable(res: ServerResponse): void {
  if (res.headersSent) return;
  res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '5', 'content-length': BUSY.length });
  res.end(BUSY);
}

/**
 * Holds Slack's deliveries while the bot's ids are unknown (Slack unreachable since start, no saved identity), each at
 * most `waitMs`: within Slack's 3-second ack window, so a delivery that arrives just as Slack comes back (its arrival
 * prompts an auth.test) is served. Past that it is answered 503: Slack shows the person that the app did not respond,
 * and retries events, rather than Bolt acking a delivery that no listener ran. Other paths (health, tracked links) pass.
 */
export function holdUntilIdentityKnown(
  receiver: HTTPReceiver,
  identity: BotIdentity,
  options: { waitMs: number; endpoint?: string },
): void {
  const endpoint = options.endpoint ?? '/slack/events';
  const next = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    if (identity.current || !isSlackDelivery(req, endpoint)) {
      next(req, res);
      return;
    }
    identity.checkSoon();
    void identity.whenKnown(options.waitMs).then((ids) => {
      if (ids) next(req, res);
      else answerUnavailable(res);
    });
  };
}
