import type { Logger } from '@slack/bolt';
import type { Repositories } from '../db/repositories/index.ts';
import type { Clock } from '../domain/types.ts';
import { newInstanceName } from './instance-name.ts';

// Socket Mode is one WebSocket per app: Slack would spread deliveries over every instance that opened one, and the
// instances would not share what Socket Mode keeps in memory. A lease in the database makes a second instance on the
// same database refuse to start; several instances serve over HTTP instead, behind a load balancer.

const LEASE = 'socket-mode';
/** How long a lease runs without renewal: an instance that died frees Socket Mode after this. */
export const SOCKET_MODE_LEASE_MS = 30_000;
const RENEW_EVERY_MS = 10_000;

/** Start refused: another live instance holds Socket Mode on this database. Its message says what to do. */
export class SocketModeTaken extends Error {}

export interface SocketModeLease {
  release(): Promise<void>;
}

/** Takes the Socket Mode lease, or throws with what to do when another live instance holds it. */
export async function takeSocketModeLease(
  repos: Repositories,
  clock: Clock,
  logger: Pick<Logger, 'warn' | 'error'>,
): Promise<SocketModeLease> {
  const holder = newInstanceName();
  const claim = () => {
    const now = clock();
    return repos.leases.claim(LEASE, holder, now, now + SOCKET_MODE_LEASE_MS);
  };
  if (!(await claim())) {
    const held = await repos.leases.current(LEASE, clock());
    const by = held
      ? `${held.holder}, until ${new Date(held.expiresAt).toISOString()} unless it renews`
      : 'another one';
    throw new SocketModeTaken(
      `Another Boost instance is connected to Slack in Socket Mode with this database (${by}). Socket Mode is one ` +
        'connection per app: run a single instance, or serve several over HTTP (SOCKET_MODE=false) behind a load ' +
        'balancer. An instance that stopped without saying so frees it after 30 seconds.',
    );
  }
  const renewal = setInterval(() => {
    claim().then(
      (held) => {
        if (!held)
          logger.error('Another Boost instance took the Socket Mode lease: two instances may now be connected.');
      },
      (error: unknown) => logger.warn(`Could not renew the Socket Mode lease: ${(error as Error).message}`),
    );
  }, RENEW_EVERY_MS);
  renewal.unref();
  return {
    async release() {
      clearInterval(renewal);
      await repos.leases.release(LEASE, holder).catch(() => undefined);
    },
  };
}
