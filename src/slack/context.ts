import type { Logger } from '@slack/bolt';
import type { Config } from '../config.ts';
import type { Repositories } from '../db/repositories/index.ts';
import type { Clock } from '../domain/types.ts';
import type { MessageUpdater } from '../jobs/message-updater.ts';
import type { Services } from '../services/index.ts';
import type { DmSender } from './dm-sender.ts';
import type { HomeRefresher } from './home-refresher.ts';
import type { Installations } from './installations.ts';
import type { DeliveriesInFlight } from './listeners/deliveries-in-flight.ts';
import type { ReplyGate } from './reply-gate.ts';
import type { WorkspaceClients } from './workspace-clients.ts';

/** What every listener may use; built once, in wiring/listener-context.ts. */
export interface BoostContext {
  config: Config;
  /** For the Slack glue that keeps Slack in step with the database (posting, updating messages); listeners use services. */
  repos: Repositories;
  /** The use cases; see services/index.ts. */
  services: Services;
  clock: Clock;
  updater: MessageUpdater;
  /** Keeps the App Home of people who opened it current, throttled; see home-refresher.ts. */
  homes: HomeRefresher;
  /** The one rate-aware sender for direct messages Boost sends on its own (digests, reminders); see dm-sender.ts. */
  dm: DmSender;
  /** The Web API clients of each workspace, for calls that are not tied to one listener's `client`. */
  slack: WorkspaceClients;
  /** Distribution mode only: each workspace's installation (tokens deleted on uninstall). */
  installations: Installations | undefined;
  logger: Logger;
  /** Replies after an ack wait here while other requests are being acknowledged; see reply-gate.ts. */
  replyGate: ReplyGate;
  /** The deliveries being handled, the work after their acks included; stopping waits for them. */
  deliveries: DeliveriesInFlight;
}
