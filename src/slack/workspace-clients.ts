import type { SlackClients } from '../wiring/slack-clients.ts';
import type { Installations, WorkspaceBot } from './installations.ts';

// Every Slack call Boost makes on its own (message updates, Homes, direct messages, posting requests, looking people
// up) goes through the clients of the workspace it concerns. In single-workspace mode those are the one bot token's;
// in distribution mode each workspace's installation gives its own, built on first use and rebuilt when the token
// changes (a refresh, a reinstall), and dropped when the workspace uninstalls.

/** Boost has no token for this workspace (never installed, uninstalled, tokens revoked): nothing is sent. */
export class NotInstalled extends Error {
  readonly code = 'not_installed';
  constructor(teamId: string) {
    super(`Boost is not installed in workspace ${teamId}`);
    this.name = 'NotInstalled';
  }
}

export interface WorkspaceClients {
  /** The clients for a workspace; rejects with NotInstalled when Boost has no token there. */
  forTeam(teamId: string): Promise<SlackClients>;
}

/** Single-workspace mode: the one bot token, whatever the workspace. */
export function oneWorkspace(clients: SlackClients): WorkspaceClients {
  const ready = Promise.resolve(clients);
  return { forTeam: () => ready };
}

/** Distribution mode: each workspace's own installation. */
export class InstalledWorkspaces implements WorkspaceClients {
  private readonly built = new Map<string, { token: string; clients: SlackClients }>();

  constructor(
    private readonly installations: Installations,
    /** Builds the clients of one workspace's token (`teamId` goes with each call, as an org-wide token needs). */
    private readonly build: (token: string, teamId: string) => SlackClients,
  ) {
    installations.onChange(({ kind, teamIds }) => {
      if (kind === 'removed') for (const teamId of teamIds) this.built.delete(teamId);
    });
  }

  async forTeam(teamId: string): Promise<SlackClients> {
    const bot: WorkspaceBot | undefined = await this.installations.botFor(teamId);
    if (!bot) {
      this.built.delete(teamId);
      throw new NotInstalled(teamId);
    }
    const known = this.built.get(teamId);
    if (known?.token === bot.token) return known.clients;
    const clients = this.build(bot.token, teamId);
    this.built.set(teamId, { token: bot.token, clients });
    return clients;
  }
}
