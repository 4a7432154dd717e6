import type { Logger } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { BoostTuning } from '../app.ts';
import type { Config } from '../config.ts';
import { dmClient } from '../slack/dm-sender.ts';
import { mayHaveBeenApplied } from '../slack/slack-errors.ts';
import { slackFetch } from '../slack/slack-fetch.ts';
import { boltLogging } from './logging.ts';

function stopRetryingWhenMaybeApplied(error: unknown): void {
  if (mayHaveBeenApplied(error)) throw error;
}

/** How every Web API client of Boost calls Slack. */
export function webApiOptions(config: Config, tuning: BoostTuning, logger: Logger | undefined): WebClientOptions {
  return {
    slackApiUrl: config.SLACK_API_URL,
    ...boltLogging(config, logger),
    // A few quick retries on network errors and 503s; Slack's rate limits are honoured via Retry-After. A call that
    // timed out or got another 5xx may have been carried out, so it is not sent again (a message would post twice);
    // callers decide (the message updater retries later, a person is told). @slack/web-api hands retryConfig to p-retry,
    // whose onFailedAttempt stops the retries by throwing.
    retryConfig: {
      retries: tuning.webApiRetries ?? 3,
      factor: 2,
      minTimeout: tuning.webApiRetryMinMs ?? 200,
      maxTimeout: 2000,
      onFailedAttempt: stopRetryingWhenMaybeApplied,
    } as WebClientOptions['retryConfig'],
    timeout: tuning.webApiTimeoutMs ?? 10_000,
    // Web API calls and Bolt's respond() both go through it: a fraction of the CPU of Node's fetch per call.
    fetch: slackFetch,
  };
}

export interface SlackClients {
  /** Bolt's app.client carries no token once `authorize` supplies it per delivery: calls outside a listener use this. */
  bot: WebClient;
  /**
   * Message updates' and Home refreshes' own, which hands rate limits back to the pacer, which pauses that method in
   * that workspace for every sender and coalesces while it waits (src/pacing).
   */
  paced: WebClient;
  /** Direct messages' own (digests, reminders), which hands rate limits back to the one rate-aware sender. */
  directMessages: WebClient;
}

export function slackClients(token: string, options: WebClientOptions): SlackClients {
  return {
    bot: new WebClient(token, options),
    paced: new WebClient(token, { ...options, rejectRateLimitedCalls: true }),
    directMessages: dmClient(token, options),
  };
}
