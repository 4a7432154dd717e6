import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SocketModeReceiver } from '@slack/bolt';
import type { Boost } from '../app.ts';
import type { Config } from '../config.ts';
import { limitServer, SERVER_OPTIONS, type ServerLimits } from '../http/server-limits.ts';
import type { BoostJobs } from '../jobs/index.ts';
import type { BoostContext } from '../slack/context.ts';
import { slackErrorCode } from '../slack/slack-errors.ts';
import { startSocketMode } from '../slack/socket-mode.ts';
import type { Distribution } from './installations.ts';
import type { BoostReceiver } from './receiver.ts';
import type { SlackLink } from './slack-link.ts';
import { type SocketModeLease, takeSocketModeLease } from './socket-mode-lease.ts';
import type { Storage } from './storage.ts';

/** The longest stopping waits for the deliveries being handled: Slack's own answer window, with room for the reply. */
const DELIVERIES_MAX_WAIT_MS = 5000;

/** Starting serves at once, whether or not Slack answers; stopping lets work in flight finish before the database closes. */
export function lifecycle(
  config: Config,
  deps: {
    receiver: BoostReceiver;
    limits: ServerLimits;
    slack: SlackLink;
    storage: Storage;
    context: BoostContext;
    jobs: BoostJobs;
    runJobs: boolean;
    distribution: Distribution | undefined;
  },
): Pick<Boost, 'start' | 'stop'> {
  const { receiver, slack, storage, context, jobs } = deps;
  let socketModeLease: SocketModeLease | undefined;
  return {
    async start() {
      await storage.ready();
      await deps.distribution?.installations.checkKey();
      let port: number;
      if (receiver instanceof SocketModeReceiver) {
        socketModeLease = await takeSocketModeLease(storage.repos, context.clock, context.logger);
        const socket = await startSocketMode(receiver, slack.identity, {
          port: config.PORT,
          host: config.HOST,
          logger: context.logger,
          refused: (error) => slack.refuse({ setting: 'SLACK_APP_TOKEN', code: slackErrorCode(error) }),
        });
        slack.socketStarted(socket);
        port = socket.port;
      } else {
        const server = (await receiver.start({ port: config.PORT, host: config.HOST }, SERVER_OPTIONS)) as Server;
        limitServer(server, deps.limits);
        port = (server.address() as AddressInfo).port;
      }
      slack.identity.start();
      // Updates and Home refreshes left due by an instance that died (or by this one before a crash) are taken up.
      context.updater.start();
      context.homes.start();
      if (deps.runJobs) jobs.scheduler.start();
      return { port };
    },
    async stop() {
      slack.identity.stop();
      await receiver.stop().catch(() => undefined);
      // Jobs stop claiming new work; messages already in flight finish and are recorded before the database closes.
      await jobs.scheduler.stop();
      context.homes.stop();
      // Replies still waiting for their turn go out now, and the work after each ack ends, before the database closes.
      context.replyGate.releaseAll();
      await context.deliveries.idle(DELIVERIES_MAX_WAIT_MS);
      await context.updater.flush();
      await socketModeLease?.release();
      await storage.checkpoints?.stop();
      await storage.database.close();
    },
  };
}
