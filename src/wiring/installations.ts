import { type Logger, LogLevel } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import { type Config, isDistribution, tokenKeyBytes } from '../config.ts';
import type { Db } from '../db/connection.ts';
import { installationsRepository, oauthStatesRepository } from '../db/repositories/installations.ts';
import { leasesRepository } from '../db/repositories/leases.ts';
import { TokenCipher } from '../db/token-cipher.ts';
import type { Clock } from '../domain/types.ts';
import type { BoostContext } from '../slack/context.ts';
import { Installations } from '../slack/installations.ts';
import { OAuthStates } from '../slack/oauth-states.ts';
import { LeasedRefreshLock } from '../slack/refresh-lock.ts';
import { InstalledWorkspaces, oneWorkspace, type WorkspaceClients } from '../slack/workspace-clients.ts';
import { newInstanceName } from './instance-name.ts';
import { slackClients } from './slack-clients.ts';

/** Distribution mode's parts: the installations (Bolt's InstallationStore) and the OAuth states. */
export interface Distribution {
  installations: Installations;
  states: OAuthStates;
  /** For @slack/oauth's own Web API calls (oauth.v2.access, auth.test): to SLACK_API_URL, and quiet (see below). */
  oauthClientOptions: WebClientOptions;
}

/**
 * @slack/web-api logs each request body at debug level, redacting fields named like tokens but not `client_secret` or
 * the OAuth `code`: the OAuth clients log only warnings and errors.
 */
function quiet(logger: Pick<Logger, 'warn' | 'error'>): Logger {
  const nothing = () => undefined;
  return {
    debug: nothing,
    info: nothing,
    warn: (...messages: unknown[]) => logger.warn(...messages),
    error: (...messages: unknown[]) => logger.error(...messages),
    setLevel: nothing,
    getLevel: () => LogLevel.WARN,
    setName: nothing,
  };
}

/** Distribution mode's parts, or undefined in single-workspace mode. */
export function openDistribution(
  config: Config,
  deps: { db: Db; clock: Clock; logger: Pick<Logger, 'info' | 'warn' | 'error'>; clientOptions: WebClientOptions },
): Distribution | undefined {
  if (!isDistribution(config)) return undefined;
  const key = tokenKeyBytes(config.TOKEN_ENCRYPTION_KEY);
  const { SLACK_CLIENT_ID: clientId, SLACK_CLIENT_SECRET: clientSecret, SLACK_STATE_SECRET: stateSecret } = config;
  // loadConfig refuses distribution mode without these; checked again so that the types follow.
  if (!key || !clientId || !clientSecret || !stateSecret) throw new Error('Distribution mode needs its settings');
  const oauthClientOptions: WebClientOptions = {
    ...deps.clientOptions,
    logger: quiet(deps.logger),
    retryConfig: { retries: 0 },
  };
  const oauth = new WebClient(undefined, oauthClientOptions);
  const installations = new Installations({
    repo: installationsRepository(deps.db, new TokenCipher(key)),
    clock: deps.clock,
    logger: deps.logger,
    // Instances on one database refresh a token once between them, not once each.
    lock: new LeasedRefreshLock({ leases: leasesRepository(deps.db), holder: newInstanceName(), clock: deps.clock }),
    refresh: async (refreshToken) => {
      const answer = await oauth.oauth.v2.access({
        client_id: clientId,
        client_secret: clientSecret,
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
      });
      if (!answer.access_token || !answer.refresh_token || answer.expires_in === undefined) {
        throw new Error('oauth.v2.access answered without a new token pair');
      }
      return { token: answer.access_token, refreshToken: answer.refresh_token, expiresInS: answer.expires_in };
    },
  });
  const states = new OAuthStates({ repo: oauthStatesRepository(deps.db), secret: stateSecret, clock: deps.clock });
  return { installations, states, oauthClientOptions };
}

/** The clients each workspace's work calls Slack with: the one bot token's, or each installation's. */
export function workspaceClients(
  config: Config,
  distribution: Distribution | undefined,
  options: WebClientOptions,
): WorkspaceClients {
  if (distribution) {
    return new InstalledWorkspaces(distribution.installations, (token, teamId) =>
      slackClients(token, { ...options, teamId }),
    );
  }
  if (!config.SLACK_BOT_TOKEN) throw new Error('Single-workspace mode needs SLACK_BOT_TOKEN');
  return oneWorkspace(slackClients(config.SLACK_BOT_TOKEN, options));
}

/** An install or reinstall through "Add to Slack": work for that workspace resumes, as when a person uses Boost there. */
export function resumeWorkOnInstall(distribution: Distribution, context: BoostContext): void {
  distribution.installations.onChange(async ({ kind, teamIds }) => {
    if (kind !== 'installed') return;
    for (const teamId of teamIds) {
      try {
        await context.services.workspaces.contact({ teamId, name: null, byPerson: true }, context.clock());
      } catch (error) {
        context.logger.warn(`Could not record the install of workspace ${teamId}: ${(error as Error).message}`);
      }
    }
  });
}
