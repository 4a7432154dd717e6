import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Config } from '../config.ts';
import type { Repositories } from '../db/repositories/index.ts';
import type { Clock } from '../domain/types.ts';
import type { MessageUpdater } from '../jobs/message-updater.ts';
import type { RequestService } from '../services/requests.ts';

/** What every listener may use; built once in app.ts. */
export interface BoostContext {
  config: Config;
  repos: Repositories;
  service: RequestService;
  clock: Clock;
  updater: MessageUpdater;
  /** The bot's Web API client (Bolt's own), for calls that are not tied to one listener's `client`. */
  client: WebClient;
  logger: Logger;
}
