import { randomBytes } from 'node:crypto';
import { DEFAULT_IDS, fixture } from '../../src/playground/fixtures.ts';

// The workspaces behind the fake Slack: which tokens exist and which workspace (or Enterprise Grid organisation) each
// belongs to, which channel and user ids belong to which workspace, and the OAuth side (the authorize page, codes,
// oauth.v2.access with both grants, token rotation). A token may only touch its own workspace's ids: a call that
// reaches into another workspace is refused as Slack would (the id does not exist there) and recorded as a crossing.

type Args = Record<string, unknown>;

/** The app the fake knows, as "Basic Information" > "App Credentials" shows it. */
export const FAKE_APP = { clientId: '1234567890.1234567890', clientSecret: 'fake-client-secret' } as const;

export interface WorkspaceSetup {
  teamId: string;
  name?: string;
  /** The Enterprise Grid organisation the workspace belongs to. */
  enterpriseId?: string;
  /** Channel and user ids of this workspace (ids never assigned belong to the default workspace). */
  ids?: string[];
}

export interface IssuedToken {
  token: string;
  /** '' for an org-wide install. */
  teamId: string;
  enterpriseId: string;
  botId: string;
  botUserId: string;
  /** With token rotation: when the token stops working (ms, on the fake's clock), and its refresh token. */
  expiresAt?: number;
  refreshToken?: string;
  revoked?: boolean;
}

/** Who approves on the fake authorize page next: a workspace, an organisation (org-wide), or nobody (Cancel). */
export type Approval = { teamId: string; installer: string } | { enterpriseId: string; installer: string } | 'cancel';

interface Grant {
  approval: Exclude<Approval, 'cancel'>;
  redirectUri: string | undefined;
  scopes: string;
  used: boolean;
}

export interface Redirect {
  status: number;
  location?: string;
  text?: string;
}

const ORG_TEAM = '';

export class FakeWorkspaces {
  private readonly workspaces = new Map<string, { name: string; enterpriseId: string }>();
  private readonly owners = new Map<string, string>();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly grants = new Map<string, Grant>();
  private rotationSeconds: number | undefined;
  private approval: Approval;
  /** Calls that reached into a workspace their token does not serve, described. */
  readonly crossings: string[] = [];
  /** Refresh-token grants asked for, in order: the refresh token's workspace, or `invalid_refresh_token`. */
  readonly refreshes: string[] = [];

  constructor(
    private readonly defaults: { teamId: string; botToken: string; botId: string; botUserId: string },
    private readonly clock: () => number,
  ) {
    this.workspaces.set(defaults.teamId, { name: DEFAULT_IDS.teamName, enterpriseId: '' });
    this.tokens.set(defaults.botToken, {
      token: defaults.botToken,
      teamId: defaults.teamId,
      enterpriseId: '',
      botId: defaults.botId,
      botUserId: defaults.botUserId,
    });
    this.approval = { teamId: defaults.teamId, installer: 'UINSTALLER' };
  }

  add(setup: WorkspaceSetup): void {
    this.workspaces.set(setup.teamId, {
      name: setup.name ?? `Workspace ${setup.teamId}`,
      enterpriseId: setup.enterpriseId ?? '',
    });
    for (const id of setup.ids ?? []) this.owners.set(id, setup.teamId);
  }

  /** More ids of a workspace (people who join, channels created). */
  assign(teamId: string, ...ids: string[]): void {
    for (const id of ids) this.owners.set(id, teamId);
  }

  ownerOf(id: string): string {
    return this.owners.get(id) ?? this.defaults.teamId;
  }

  /** Tokens issued from now on expire after this many seconds and come with a refresh token (or never, when undefined). */
  rotateTokens(expiresInSeconds: number | undefined): void {
    this.rotationSeconds = expiresInSeconds;
  }

  approveNext(approval: Approval): void {
    this.approval = approval;
  }

  /** Uninstalling: every token of the workspace (or of the organisation's org-wide install) stops working. */
  revoke(teamOrEnterprise: string): void {
    for (const issued of this.tokens.values()) {
      if (
        issued.teamId === teamOrEnterprise ||
        (issued.teamId === ORG_TEAM && issued.enterpriseId === teamOrEnterprise)
      ) {
        issued.revoked = true;
      }
    }
  }

  /** The token as issued, whatever its state; undefined for a token Slack never issued. */
  issued(token: string): IssuedToken | undefined {
    return this.tokens.get(token);
  }

  /** Every token issued for a workspace or organisation, oldest first. */
  tokensOf(teamOrEnterprise: string): IssuedToken[] {
    return [...this.tokens.values()].filter(
      (issued) =>
        issued.teamId === teamOrEnterprise || (issued.teamId === ORG_TEAM && issued.enterpriseId === teamOrEnterprise),
    );
  }

  /** What Slack answers a call made with this token before looking at the call: an error, or nothing. */
  refusal(issued: IssuedToken | undefined): string | undefined {
    if (!issued) return 'invalid_auth';
    if (issued.revoked) return 'token_revoked';
    if (issued.expiresAt !== undefined && this.clock() >= issued.expiresAt) return 'token_expired';
    return undefined;
  }

  /** The workspaces a token may act in: its own, or every workspace of its organisation for an org-wide install. */
  covers(issued: IssuedToken): string[] {
    if (issued.teamId !== ORG_TEAM) return [issued.teamId];
    return [...this.workspaces].filter(([, w]) => w.enterpriseId === issued.enterpriseId).map(([teamId]) => teamId);
  }

  /**
   * The workspace a call concerns and, when the token may not act there, the error Slack would answer (the crossing is
   * recorded). `ids` are the channel and user ids the call names, already resolved (a DM channel to its user).
   */
  check(method: string, issued: IssuedToken, teamArg: unknown, ids: string[]): { concerns?: string; error?: string } {
    const covered = this.covers(issued);
    const asked = typeof teamArg === 'string' && teamArg !== '' ? teamArg : undefined;
    if (asked && !covered.includes(asked)) {
      this.crossings.push(`${method} with a token of ${issued.teamId || issued.enterpriseId} for team_id ${asked}`);
      return { concerns: asked, error: 'team_access_not_granted' };
    }
    let concerns = asked ?? (covered.length === 1 ? covered[0] : undefined);
    for (const id of ids) {
      const owner = this.ownerOf(id);
      concerns ??= owner;
      if (!covered.includes(owner) || owner !== concerns) {
        this.crossings.push(`${method} with a token of ${issued.teamId || issued.enterpriseId} on ${id} of ${owner}`);
        return { concerns: owner, error: /^[UW]/.test(id) ? 'user_not_found' : 'channel_not_found' };
      }
    }
    return { concerns };
  }

  // ---- OAuth ----------------------------------------------------------------------------------------------------

  /** Slack's authorize page, approved (or cancelled) at once by whoever approveNext named. */
  authorize(url: URL): Redirect {
    const params = url.searchParams;
    const redirectUri = params.get('redirect_uri') ?? undefined;
    const state = params.get('state');
    if (params.get('client_id') !== FAKE_APP.clientId) return { status: 400, text: 'Invalid client_id parameter' };
    if (!redirectUri) return { status: 400, text: 'Missing redirect_uri: Boost must send the one in its manifest' };
    const back = new URL(redirectUri);
    if (state !== null) back.searchParams.set('state', state);
    if (this.approval === 'cancel') {
      back.searchParams.set('error', 'access_denied');
      return { status: 302, location: back.href };
    }
    const code = `${Date.now()}.${randomBytes(6).toString('hex')}.${randomBytes(16).toString('hex')}`;
    this.grants.set(code, { approval: this.approval, redirectUri, scopes: params.get('scope') ?? '', used: false });
    back.searchParams.set('code', code);
    return { status: 302, location: back.href };
  }

  /** oauth.v2.access: a code (once, with the same redirect_uri) or a refresh token, for a new bot token. */
  exchange(args: Args, basicAuth: string | undefined): Args {
    const [basicId, basicSecret] = basicAuth ? Buffer.from(basicAuth, 'base64').toString().split(':') : [];
    const clientId = args.client_id ?? basicId;
    const clientSecret = args.client_secret ?? basicSecret;
    if (clientId !== FAKE_APP.clientId) return { ok: false, error: 'invalid_client_id' };
    if (clientSecret !== FAKE_APP.clientSecret) return { ok: false, error: 'bad_client_secret' };
    if (args.grant_type === 'refresh_token') return this.refresh(String(args.refresh_token ?? ''));
    if (args.grant_type !== undefined && args.grant_type !== 'authorization_code') {
      return { ok: false, error: 'invalid_grant_type' };
    }
    const grant = this.grants.get(String(args.code ?? ''));
    if (!grant || grant.used) return { ok: false, error: 'invalid_code' };
    grant.used = true;
    if (args.redirect_uri !== undefined && args.redirect_uri !== grant.redirectUri) {
      return { ok: false, error: 'bad_redirect_uri' };
    }
    const orgWide = 'enterpriseId' in grant.approval;
    const teamId = 'teamId' in grant.approval ? grant.approval.teamId : ORG_TEAM;
    const enterpriseId =
      'enterpriseId' in grant.approval
        ? grant.approval.enterpriseId
        : (this.workspaces.get(teamId)?.enterpriseId ?? '');
    const issued = this.issue(teamId, enterpriseId);
    const enterprise = enterpriseId ? { id: enterpriseId, name: DEFAULT_IDS.enterpriseName } : null;
    return {
      ok: true,
      access_token: issued.token,
      token_type: 'bot',
      scope: grant.scopes,
      bot_user_id: issued.botUserId,
      app_id: DEFAULT_IDS.appId,
      team: orgWide ? null : { id: teamId, name: this.workspaces.get(teamId)?.name ?? teamId },
      enterprise,
      is_enterprise_install: orgWide,
      authed_user: { id: grant.approval.installer },
      ...this.rotation(issued),
    };
  }

  /** auth.test for a token this fake issued. */
  authTest(issued: IssuedToken): Args {
    const base = fixture<Args>('api.auth.test.json');
    const orgWide = issued.teamId === ORG_TEAM;
    return {
      ...base,
      team_id: orgWide ? issued.enterpriseId : issued.teamId,
      team: orgWide ? DEFAULT_IDS.enterpriseName : (this.workspaces.get(issued.teamId)?.name ?? base.team),
      user_id: issued.botUserId,
      bot_id: issued.botId,
      app_id: DEFAULT_IDS.appId,
      is_enterprise_install: orgWide,
      ...(issued.enterpriseId ? { enterprise_id: issued.enterpriseId } : {}),
    };
  }

  private refresh(refreshToken: string): Args {
    const current = [...this.tokens.values()].find((issued) => issued.refreshToken === refreshToken);
    this.refreshes.push(current ? current.teamId || current.enterpriseId : 'invalid_refresh_token');
    if (!current || current.revoked) return { ok: false, error: 'invalid_refresh_token' };
    // The refresh token is used up; the old access token keeps working until it expires.
    current.refreshToken = undefined;
    const next = this.issue(current.teamId, current.enterpriseId, current);
    return {
      ok: true,
      app_id: DEFAULT_IDS.appId,
      scope: 'commands,chat:write,users:read',
      token_type: 'bot',
      access_token: next.token,
      bot_user_id: next.botUserId,
      team: current.teamId ? { id: current.teamId, name: this.workspaces.get(current.teamId)?.name } : null,
      enterprise: current.enterpriseId ? { id: current.enterpriseId, name: DEFAULT_IDS.enterpriseName } : null,
      is_enterprise_install: current.teamId === ORG_TEAM,
      ...this.rotation(next),
    };
  }

  private rotation(issued: IssuedToken): Args {
    if (issued.expiresAt === undefined || issued.refreshToken === undefined) return {};
    return { refresh_token: issued.refreshToken, expires_in: Math.round((issued.expiresAt - this.clock()) / 1000) };
  }

  private issue(teamId: string, enterpriseId: string, previous?: IssuedToken): IssuedToken {
    const owner = teamId || enterpriseId;
    const secret = randomBytes(12).toString('hex');
    const rotating = this.rotationSeconds !== undefined;
    const issued: IssuedToken = {
      token: rotating ? `xoxe.xoxb-1-${owner}-${secret}` : `xoxb-${owner}-${secret}`,
      teamId,
      enterpriseId,
      botId: previous?.botId ?? `B${owner}`,
      botUserId: previous?.botUserId ?? `U${owner}BOT`,
      ...(rotating
        ? {
            expiresAt: this.clock() + (this.rotationSeconds ?? 0) * 1000,
            refreshToken: `xoxe-1-${owner}-${randomBytes(12).toString('hex')}`,
          }
        : {}),
    };
    this.tokens.set(issued.token, issued);
    return issued;
  }
}
