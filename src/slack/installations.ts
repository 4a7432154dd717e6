import type { Installation, InstallationQuery, InstallationStore, Logger } from '@slack/bolt';
import { ConfigError } from '../config.ts';
import type {
  BotCredentials,
  InstallationKey,
  InstallationsRepository,
  StoredInstallation,
} from '../db/repositories/installations.ts';
import { TokenSealBroken } from '../db/token-cipher.ts';
import type { Clock } from '../domain/types.ts';
import { InProcessRefreshLock, type RefreshLock } from './refresh-lock.ts';
import { slackErrorCode } from './slack-errors.ts';

// Boost's InstallationStore for @slack/oauth (Bolt asks it for the token of every delivery), and the one place that
// gives a workspace's bot token to anything else (background work). Lookups are cached in memory: the ack path costs
// one Map lookup, as in single-workspace mode. The cache is dropped whenever an installation changes (install,
// reinstall, token refresh, uninstall), so nothing uses a token after Boost learnt it is gone. Another instance on the
// same database may learn it instead: the cache is also dropped every CACHE_FOR_MS, so such a change reaches this
// instance within that time.
//
// Token rotation is done here rather than by @slack/oauth: a token due to expire is refreshed before it is handed out,
// once per installation however many deliveries ask at that moment, and the new pair is stored in one statement. Bolt
// is never given the refresh token, so it never refreshes on its own.

/** Refresh a rotating token this long before it expires (Slack's tokens last 12 hours). */
export const REFRESH_AHEAD_MS = 2 * 60 * 60 * 1000;

/** How long what was read about installations is trusted before it is read again (see above). */
export const CACHE_FOR_MS = 30_000;

/** What a workspace's work needs: the token and the bot's ids there. */
export interface WorkspaceBot {
  /** The installation's own key (an org-wide install serves several workspaces). */
  key: InstallationKey;
  token: string;
  botId: string;
  botUserId: string;
}

/** oauth.v2.access with grant_type=refresh_token: the new token, refresh token and lifetime (seconds). */
export type RefreshTokens = (
  refreshToken: string,
) => Promise<{ token: string; refreshToken: string; expiresInS: number }>;

/** Told when a workspace's installation changed, so that what was built on its token (clients) is dropped. */
export type InstallationListener = (change: {
  kind: 'installed' | 'refreshed' | 'removed';
  teamIds: string[];
}) => void | Promise<void>;

const keyString = (key: InstallationKey) => `${key.enterpriseId}/${key.teamId}`;

export class Installations implements InstallationStore {
  private readonly byWorkspace = new Map<string, Promise<StoredInstallation | undefined>>();
  private readonly byOrg = new Map<string, Promise<StoredInstallation | undefined>>();
  /** What Bolt was answered, by query, and what background work was given, by workspace: one Map lookup each. */
  private readonly answered = new Map<string, { from: StoredInstallation; installation: Installation }>();
  private readonly bots = new Map<string, { from: StoredInstallation; bot: WorkspaceBot }>();
  /** Counts the times the caches were dropped, so a lookup that straddles a change does not cache what it read. */
  private generation = 0;
  /** When the caches were last dropped. */
  private cachedSince: number;
  /** Workspaces already linked to their organisation's install in this process. */
  private readonly linked = new Set<string>();
  private readonly listeners: InstallationListener[] = [];
  private readonly lock: RefreshLock;

  constructor(
    private readonly deps: {
      repo: InstallationsRepository;
      refresh: RefreshTokens;
      clock: Clock;
      logger: Pick<Logger, 'info' | 'warn' | 'error'>;
      /** One refresh per installation at a time; in this process by default (see refresh-lock.ts). */
      lock?: RefreshLock;
    },
  ) {
    this.lock = deps.lock ?? new InProcessRefreshLock();
    this.cachedSince = deps.clock();
  }

  onChange(listener: InstallationListener): void {
    this.listeners.push(listener);
  }

  // ---- InstallationStore (called by @slack/oauth) ------------------------------------------------------------------

  async storeInstallation(installation: Installation): Promise<void> {
    const { bot } = installation;
    if (!bot) throw new Error('Slack granted no bot token: Boost needs its bot scopes');
    const isEnterpriseInstall = installation.isEnterpriseInstall === true;
    const enterpriseId = installation.enterprise?.id ?? '';
    const teamId = isEnterpriseInstall ? '' : (installation.team?.id ?? '');
    const saved = await this.deps.repo.save(
      {
        enterpriseId,
        teamId,
        isEnterpriseInstall,
        name: (isEnterpriseInstall ? installation.enterprise?.name : installation.team?.name) ?? null,
        appId: installation.appId ?? null,
        bot: {
          token: bot.token,
          id: bot.id,
          userId: bot.userId,
          scopes: bot.scopes,
          ...(bot.refreshToken && bot.expiresAt
            ? { refreshToken: bot.refreshToken, expiresAt: this.onClock(bot.expiresAt) }
            : {}),
        },
        installerUserId: installation.user.id,
      },
      this.deps.clock(),
    );
    await this.changed('installed', saved);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    // The ack path: what was answered for this query before, while its token is not due for a refresh.
    const key = `${query.enterpriseId ?? ''}/${query.teamId ?? ''}/${query.isEnterpriseInstall}`;
    this.expireCache();
    const known = this.answered.get(key);
    if (known && !this.due(known.from)) return known.installation;
    const generation = this.generation;
    const found = await this.serving(query);
    if (!found) throw new Error('Boost is not installed in this workspace');
    const ready = await this.fresh(found);
    const installation = forBolt(ready);
    // Not remembered if an installation changed meanwhile (an uninstall): the next delivery looks again.
    if (generation === this.generation) this.answered.set(key, { from: ready, installation });
    return installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    if (query.isEnterpriseInstall && query.enterpriseId) await this.removeOrg(query.enterpriseId);
    else if (query.teamId) await this.removeWorkspace(query.teamId);
  }

  // ---- for Boost's own work --------------------------------------------------------------------------------------

  /** The bot token and ids serving a workspace now (refreshed first when due); undefined when Boost is not installed. */
  async botFor(teamId: string): Promise<WorkspaceBot | undefined> {
    this.expireCache();
    const known = this.bots.get(teamId);
    if (known && !this.due(known.from)) return known.bot;
    const generation = this.generation;
    const found = await this.cached(this.byWorkspace, teamId, () => this.deps.repo.forWorkspace(teamId));
    if (!found) return undefined;
    const ready = await this.fresh(found);
    const bot = {
      key: { enterpriseId: ready.enterpriseId, teamId: ready.teamId },
      token: ready.bot.token,
      botId: ready.bot.id,
      botUserId: ready.bot.userId,
    };
    if (generation === this.generation) this.bots.set(teamId, { from: ready, bot });
    return bot;
  }

  /** app_uninstalled or tokens_revoked in a workspace: its own installation's tokens are deleted. */
  async removeWorkspace(teamId: string): Promise<boolean> {
    const removed = await this.deps.repo.removeWorkspace(teamId);
    this.forgetCache();
    await this.tell({ kind: 'removed', teamIds: [teamId] });
    return removed;
  }

  /** The same for an org-wide install: every workspace it served loses its token. Returns those workspaces. */
  async removeOrg(enterpriseId: string): Promise<string[]> {
    await this.deps.repo.remove({ enterpriseId, teamId: '' });
    const teamIds = await this.deps.repo.orgWorkspaces(enterpriseId);
    this.forgetCache();
    await this.tell({ kind: 'removed', teamIds });
    return teamIds;
  }

  /** Start-up: the stored tokens open with TOKEN_ENCRYPTION_KEY (a wrong key is a setting to fix, not a crash later). */
  async checkKey(): Promise<void> {
    try {
      await this.deps.repo.checkKey();
    } catch (error) {
      if (error instanceof TokenSealBroken) {
        throw new ConfigError([
          'TOKEN_ENCRYPTION_KEY is not the key the stored tokens were encrypted with: set the key they were stored with',
        ]);
      }
      throw error;
    }
  }

  // ---- inside ----------------------------------------------------------------------------------------------------

  /**
   * @slack/oauth dates the expiry in seconds from the system clock (now + Slack's expires_in); Boost keeps it in
   * milliseconds on its own clock, which is the system clock except in tests.
   */
  private onClock(expiresAtSeconds: number): number {
    return this.deps.clock() + (expiresAtSeconds * 1000 - Date.now());
  }

  /** The installation serving a delivery: the workspace's own, else its organisation's (remembered for background work). */
  private async serving(query: InstallationQuery<boolean>): Promise<StoredInstallation | undefined> {
    const { teamId, enterpriseId } = query;
    if (teamId && !query.isEnterpriseInstall) {
      const own = await this.cached(this.byWorkspace, teamId, () => this.deps.repo.forWorkspace(teamId));
      if (own) return own;
    }
    if (!enterpriseId) return undefined;
    const org = await this.cached(this.byOrg, enterpriseId, () => this.deps.repo.find({ enterpriseId, teamId: '' }));
    if (org && teamId && !this.linked.has(teamId)) {
      await this.deps.repo.linkOrgWorkspace(teamId, enterpriseId);
      this.linked.add(teamId);
      this.byWorkspace.delete(teamId);
    }
    return org;
  }

  /** Lookups are cached, misses are not: an install made meanwhile (by another instance) is found at the next one. */
  private async cached(
    cache: Map<string, Promise<StoredInstallation | undefined>>,
    id: string,
    load: () => Promise<StoredInstallation | undefined>,
  ): Promise<StoredInstallation | undefined> {
    let entry = cache.get(id);
    if (!entry) {
      entry = load();
      cache.set(id, entry);
      entry.then(
        (found) => {
          if (!found && cache.get(id) === entry) cache.delete(id);
        },
        () => cache.delete(id),
      );
    }
    return entry;
  }

  /** The installation with a token good for a while: refreshed first when rotation is on and expiry is near. */
  private async fresh(installation: StoredInstallation): Promise<StoredInstallation> {
    if (!this.due(installation)) return installation;
    return this.lock.run(`refresh:${keyString(installation)}`, () => this.refreshed(installation));
  }

  private due(installation: StoredInstallation): boolean {
    const { expiresAt, refreshToken } = installation.bot;
    return refreshToken !== undefined && expiresAt !== undefined && expiresAt - this.deps.clock() < REFRESH_AHEAD_MS;
  }

  private async refreshed(seen: StoredInstallation): Promise<StoredInstallation> {
    // Read again: another refresh (here before the lock was taken, or another instance) may have done it already.
    const current = (await this.deps.repo.find(seen)) ?? seen;
    if (!this.due(current) || !current.bot.refreshToken) return current;
    let next: BotCredentials;
    try {
      const answer = await this.deps.refresh(current.bot.refreshToken);
      next = {
        token: answer.token,
        refreshToken: answer.refreshToken,
        expiresAt: this.deps.clock() + answer.expiresInS * 1000,
      };
    } catch (error) {
      // The token may still work until it expires; the next lookup tries again.
      this.deps.logger.error(`Could not refresh the bot token of ${describe(current)}: ${slackErrorCode(error)}`);
      return current;
    }
    const stored = await this.deps.repo.rotate(current, current.updatedAt, next, this.deps.clock());
    const latest = stored ? undefined : await this.deps.repo.find(current);
    this.deps.logger.info(`Refreshed the bot token of ${describe(current)}.`);
    const result = latest ?? { ...current, bot: { ...current.bot, ...next }, updatedAt: this.deps.clock() };
    await this.changed('refreshed', result);
    return result;
  }

  private async changed(kind: 'installed' | 'refreshed', installation: StoredInstallation): Promise<void> {
    this.forgetCache();
    const teamIds = installation.teamId
      ? [installation.teamId]
      : await this.deps.repo.orgWorkspaces(installation.enterpriseId);
    await this.tell({ kind, teamIds });
  }

  private forgetCache(): void {
    this.byWorkspace.clear();
    this.byOrg.clear();
    this.answered.clear();
    this.bots.clear();
    this.generation += 1;
    this.cachedSince = this.deps.clock();
  }

  private expireCache(): void {
    if (this.deps.clock() - this.cachedSince >= CACHE_FOR_MS) this.forgetCache();
  }

  private async tell(change: Parameters<InstallationListener>[0]): Promise<void> {
    for (const listener of this.listeners) await listener(change);
  }
}

function describe(installation: InstallationKey): string {
  return installation.teamId ? `workspace ${installation.teamId}` : `organisation ${installation.enterpriseId}`;
}

/** The installation as @slack/oauth's authorize reads it. */
function forBolt(ready: StoredInstallation): Installation {
  return {
    team: ready.teamId ? { id: ready.teamId, name: ready.name ?? undefined } : undefined,
    enterprise: ready.enterpriseId ? { id: ready.enterpriseId } : undefined,
    isEnterpriseInstall: ready.isEnterpriseInstall,
    appId: ready.appId ?? undefined,
    tokenType: 'bot',
    authVersion: 'v2',
    // No refresh token and no expiry: rotation is done by Installations, so Bolt never refreshes by itself.
    bot: { token: ready.bot.token, id: ready.bot.id, userId: ready.bot.userId, scopes: ready.bot.scopes },
    user: { id: ready.installerUserId ?? '', token: undefined, scopes: undefined },
  } as Installation;
}
