import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import { blocksTooLong, checkBlocks, checkView, LIMITS } from '../../src/playground/block-kit-limits.ts';
import { DEFAULT_IDS, dmChannelFor, fixture, isUserId } from '../../src/playground/fixtures.ts';
import { manifestBotScopes, missingScope } from '../../src/playground/slack-scopes.ts';
import {
  parseArgs,
  parseJson,
  readBody,
  storedView,
  timeZoneLabel,
  withBlockIds,
} from '../../src/playground/web-api-wire.ts';
import { FakeWorkspaces, type IssuedToken } from './fake-workspaces.ts';

// A stand-in for Slack's Web API on 127.0.0.1: the app under test talks to it through the real @slack/web-api client
// (`clientOptions.slackApiUrl`), so wire format, retries and error handling are the real ones. Answers start from the
// captured responses in test/fixtures/slack; every call is recorded for assertions.

export interface FakeSlackOptions {
  botToken?: string;
  teamId?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  /** The bot token's OAuth scopes; by default those manifest.yml grants, so a call Boost lacks a scope for fails. */
  scopes?: readonly string[];
  /** The time tokens expire by (token rotation); real time by default, a test's clock when it moves time by hand. */
  clock?: () => number;
}

export type Args = Record<string, unknown>;

export interface RecordedCall {
  /** Web API method (`chat.postMessage`), or `response_url` for a POST to a URL from `responseUrl()`. */
  method: string;
  /** Decoded arguments without the token. Form-encoded scalars stay strings ("true"); blocks/view/... are decoded. */
  args: Args;
  /** When the request arrived (ms since epoch). */
  at: number;
  ok: boolean;
  error?: string;
  responseUrlId?: string;
  status: number;
  /** The JSON body answered. */
  response: unknown;
  /** The workspace whose token made the call ('' for an org-wide token), when it was a token this fake issued. */
  tokenTeam?: string;
  /** The workspace the call concerned: its `team_id`, else the owner of the ids it names. */
  concerns?: string;
}

export interface ChannelSettings {
  member?: boolean;
  archived?: boolean;
  private?: boolean;
  name?: string;
}

export interface UserSettings {
  tz?: string;
  tz_offset?: number;
  tz_label?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  is_restricted?: boolean;
  deleted?: boolean;
  is_bot?: boolean;
  name?: string;
  real_name?: string;
  /** The person's Slack language, as users.info gives it with include_locale (default en-US). */
  locale?: string;
}

/** A message as Slack stores it (shape of api.chat.update.real.json's `message`). */
export type StoredMessage = Args & { ts: string; text: string; blocks?: Args[] };
/** A view as views.* answer it (shape of api.views.open.json's `view`). */
export type StoredView = Args & { id: string; type: string; hash: string; blocks: Args[] };

type Predicate = string | ((call: RecordedCall) => boolean);

interface Fault {
  method: string;
  remaining: number;
  when?: (args: Args) => boolean;
  kind: 'fail' | 'ratelimit' | 'http';
  error?: string;
  retryAfter?: number;
  status?: number;
}

interface Answer {
  status: number;
  body: Args;
  headers?: Record<string, string>;
  /** Sent instead of the JSON body (an HTTP error page). */
  text?: string;
}

type Handler = (args: Args, undecodable: string[]) => Args;

const JSON_TYPE = 'application/json; charset=utf-8';
const TS_BASE = 1_700_000_000;

const failure = (error: string, messages?: string[]): Args =>
  messages ? { ok: false, error, response_metadata: { messages } } : { ok: false, error };

class SlackError extends Error {
  constructor(readonly body: Args) {
    super(String(body.error));
  }
}

const reject = (error: string, messages?: string[]): never => {
  throw new SlackError(failure(error, messages));
};

export class FakeSlack {
  readonly apiUrl: string;
  readonly url: string;
  readonly botToken: string;
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;
  private readonly installedScopes: readonly string[];
  /** Workspaces, their tokens and ids, and the OAuth side of Slack (fake-workspaces.ts). */
  readonly workspaces: FakeWorkspaces;
  /** The token of the call being answered (handlers run synchronously). */
  private caller: IssuedToken | undefined;

  private scopes: string[];
  private recorded: RecordedCall[] = [];
  private store = new Map<string, Map<string, StoredMessage>>();
  private views = new Map<string, StoredView>();
  private homeViews = new Map<string, string>();
  private faults: Fault[] = [];
  private delays = new Map<string, number>();
  private users = new Map<string, UserSettings>();
  private removedUsers = new Set<string>();
  private channels = new Map<string, ChannelSettings>();
  private expiredTriggers = new Set<string>();
  private usedTriggers = new Set<string>();
  private dmUsers = new Map<string, string>();
  private responseOrigins = new Map<string, { channel: string; ts: string }>();
  private counter = 0;
  private timers = new Set<NodeJS.Timeout>();
  /** Answers waiting for `release(method)`, by method. */
  private held = new Map<string, Array<() => void>>();

  private readonly handlers: Record<string, Handler> = {
    'auth.test': () => this.authTest(),
    'chat.postMessage': (a, u) => this.postMessage(a, u),
    'chat.postEphemeral': (a, u) => this.postEphemeral(a, u),
    'chat.update': (a, u) => this.update(a, u),
    'chat.delete': (a) => this.deleteMessage(a),
    'views.open': (a, u) => this.openView(a, u),
    'views.push': (a, u) => this.openView(a, u),
    'views.update': (a, u) => this.updateView(a, u),
    'views.publish': (a, u) => this.publishView(a, u),
    'users.info': (a) => this.usersInfo(a),
    'conversations.open': (a) => this.conversationsOpen(a),
    'conversations.info': (a) => this.conversationsInfo(a),
    'team.info': () => this.teamInfo(),
  };

  constructor(
    private readonly server: Server,
    options: FakeSlackOptions,
  ) {
    const { port } = server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    this.apiUrl = `${this.url}/api/`;
    this.botToken = options.botToken ?? 'xoxb-test-token';
    this.teamId = options.teamId ?? DEFAULT_IDS.teamId;
    this.botUserId = options.botUserId ?? DEFAULT_IDS.botUserId;
    this.botId = options.botId ?? DEFAULT_IDS.botId;
    this.appId = options.appId ?? DEFAULT_IDS.appId;
    this.installedScopes = options.scopes ?? manifestBotScopes();
    this.scopes = [...this.installedScopes];
    this.workspaces = new FakeWorkspaces(
      { teamId: this.teamId, botToken: this.botToken, botId: this.botId, botUserId: this.botUserId },
      options.clock ?? Date.now,
    );
  }

  /** Slack's authorize page (`SLACK_AUTHORIZE_URL`), served by this fake. */
  get authorizeUrl(): string {
    return `${this.url}/oauth/v2/authorize`;
  }

  // ---- set-up ---------------------------------------------------------------------------------------------------

  /** A response_url served by this fake. With `origin`, `replace_original`/`delete_original` act on that message. */
  responseUrl(label?: string, origin?: { channel: string; ts: string }): string {
    const id = label === undefined ? `r${this.next()}` : encodeURIComponent(label);
    if (origin) this.responseOrigins.set(id, origin);
    return `${this.url}/response/${id}`;
  }

  /** Channel state; by default any `C…` id is a public channel the bot is in (`G…`: private, bot in it). */
  setChannel(id: string, settings: ChannelSettings): void {
    this.channels.set(id, { ...this.channels.get(id), ...settings });
  }

  setUser(id: string, settings: UserSettings): void {
    this.users.set(id, { ...this.users.get(id), ...settings });
  }

  /** users.info answers `user_not_found`; DMs to this user fail. */
  removeUser(id: string): void {
    this.removedUsers.add(id);
  }

  /** Adds scopes to the bot token, as reinstalling the app with a wider manifest would. */
  grantScopes(...scopes: string[]): void {
    this.scopes.push(...scopes.filter((scope) => !this.scopes.includes(scope)));
  }

  /** views.open/push with this trigger id answer `expired_trigger_id` (real ones expire after 3 s). */
  expireTrigger(triggerId: string): void {
    this.expiredTriggers.add(triggerId);
  }

  /** The next `times` calls of `method` (or `*`) for which `when(args)` holds answer `{ok:false, error}`. */
  fail(method: string, error: string, options: { times?: number; when?: (args: Args) => boolean } = {}): void {
    this.faults.push({ method, kind: 'fail', error, remaining: options.times ?? 1, when: options.when });
  }

  /** HTTP 429 with `Retry-After`, as api.error.ratelimited.json; `when(args)` limits it to some calls (one workspace's). */
  rateLimit(method: string, retryAfterSeconds: number, times = 1, when?: (args: Args) => boolean): void {
    this.faults.push({ method, kind: 'ratelimit', retryAfter: retryAfterSeconds, remaining: times, when });
  }

  httpError(method: string, status: number, times = 1): void {
    this.faults.push({ method, kind: 'http', status, remaining: times });
  }

  /** Stops listening: connections to the fake are refused (ECONNREFUSED), as when Slack cannot be reached. */
  async goDown(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** Listens again on the same port after goDown(), with every message, view and setting kept. */
  async comeBack(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(Number(new URL(this.url).port), '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  /** Every later answer of `method` (or `*`) is sent `ms` later; state changes still apply on arrival. */
  delay(method: string, ms: number): void {
    this.delays.set(method, ms);
  }

  /** Every later answer of `method` waits until `release(method)`; the call is recorded and applied on arrival. */
  hold(method: string): void {
    if (!this.held.has(method)) this.held.set(method, []);
  }

  /** Sends the held answers of `method`, and answers it at once again. */
  release(method: string): void {
    const waiting = this.held.get(method) ?? [];
    this.held.delete(method);
    for (const answer of waiting) answer();
  }

  // ---- inspection -----------------------------------------------------------------------------------------------

  get calls(): readonly RecordedCall[] {
    return this.recorded;
  }

  callsTo(method: string): RecordedCall[] {
    return this.recorded.filter((call) => call.method === method);
  }

  /** Current messages of a channel (a user id means the DM with that user), oldest first, without deleted ones. */
  messages(channel: string): StoredMessage[] {
    const messages = this.store.get(this.storeKey(channel));
    return messages
      ? [...messages.values()].sort((a, b) => Number(a.ts) - Number(b.ts)).map((m) => structuredClone(m))
      : [];
  }

  message(channel: string, ts: string): StoredMessage | undefined {
    const message = this.store.get(this.storeKey(channel))?.get(ts);
    return message && structuredClone(message);
  }

  /** Every chat.postMessage addressed to this user's DM (by user id or D… id), including failed attempts. */
  dmsTo(userId: string): RecordedCall[] {
    return this.callsTo('chat.postMessage').filter((call) => this.dmUserOf(String(call.args.channel)) === userId);
  }

  /** Every chat.postEphemeral shown to this user, including failed attempts. */
  ephemeralsTo(userId: string): RecordedCall[] {
    return this.callsTo('chat.postEphemeral').filter((call) => call.args.user === userId);
  }

  view(id: string): StoredView | undefined {
    const view = this.views.get(id);
    return view && structuredClone(view);
  }

  /** The Home tab last published for a user. */
  homeView(userId: string): StoredView | undefined {
    const id = this.homeViews.get(userId);
    return id === undefined ? undefined : this.view(id);
  }

  /**
   * Polls until at least `count` calls match (a method name or a predicate); resolves with all matching calls. Rejects
   * after `timeoutMs` listing every call seen, so a failing test says what Slack received instead.
   */
  async waitFor(predicate: Predicate, timeoutMs = 5000, count = 1): Promise<RecordedCall[]> {
    const matches = typeof predicate === 'string' ? (call: RecordedCall) => call.method === predicate : predicate;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.recorded.filter(matches);
      if (found.length >= count) return found;
      if (Date.now() >= deadline) {
        const wanted =
          typeof predicate === 'string' ? predicate : predicate.toString().replace(/\s+/g, ' ').slice(0, 160);
        throw new Error(
          `fake Slack: waited ${timeoutMs} ms for ${count} call(s) matching ${wanted}; ${found.length} matched.\n` +
            `Calls received (${this.recorded.length}):\n${this.recorded.map(describeCall).join('\n') || '  (none)'}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Forgets calls, stored messages and views, and every setting and fault; ids and ts keep increasing. */
  reset(): void {
    this.recorded = [];
    for (const collection of [this.store, this.views, this.homeViews, this.delays, this.users, this.channels]) {
      collection.clear();
    }
    for (const collection of [this.removedUsers, this.expiredTriggers, this.usedTriggers]) collection.clear();
    this.dmUsers.clear();
    this.responseOrigins.clear();
    this.faults = [];
    this.scopes = [...this.installedScopes];
    for (const method of [...this.held.keys()]) this.release(method);
  }

  async close(): Promise<void> {
    for (const method of [...this.held.keys()]) this.release(method);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // ---- HTTP -----------------------------------------------------------------------------------------------------

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? '/', this.url);
    const raw = await readBody(req);
    const [, root, name = ''] = url.pathname.split('/');
    let method = root === 'api' ? name : 'response_url';
    let responseUrlId: string | undefined;
    let args: Args = {};
    let answer: Answer;
    let call: Pick<RecordedCall, 'tokenTeam' | 'concerns'> = {};
    try {
      if (root === 'oauth' && url.pathname === '/oauth/v2/authorize' && req.method === 'GET') {
        const redirect = this.workspaces.authorize(url);
        this.recorded.push({
          method: 'oauth.authorize',
          args: Object.fromEntries(url.searchParams),
          at,
          ok: redirect.status === 302,
          status: redirect.status,
          response: redirect,
        });
        res.writeHead(
          redirect.status,
          redirect.location ? { location: redirect.location } : { 'content-type': 'text/plain' },
        );
        res.end(redirect.text ?? '');
        return;
      }
      if (root === 'api') {
        const parsed = parseArgs(req, raw, url);
        args = parsed.args;
        if (name === 'oauth.v2.access') {
          const basic = req.headers.authorization?.startsWith('Basic ')
            ? req.headers.authorization.slice(6)
            : undefined;
          answer = { status: 200, body: this.workspaces.exchange(args, basic) };
        } else {
          answer = this.answerApi(name, args, parsed.token, parsed.undecodable);
          call = { tokenTeam: this.caller?.teamId, concerns: this.concerns };
        }
      } else if (root === 'response') {
        responseUrlId = name;
        args = parseJson(raw);
        answer = this.answerResponseUrl(name, args);
      } else {
        method = `${req.method} ${url.pathname}`;
        answer = { status: 404, body: failure('not_found') };
      }
    } catch (error) {
      // A bug in the fake must show up in the test, not as a silent hang.
      answer = { status: 500, body: failure(`fake_slack_crashed: ${(error as Error).stack ?? String(error)}`) };
    }
    const { status, body } = answer;
    this.recorded.push({
      method,
      args,
      at,
      ok: status === 200 && body.ok === true,
      ...(body.ok === true ? {} : { error: String(body.error) }),
      ...(responseUrlId === undefined ? {} : { responseUrlId }),
      status,
      response: body,
      ...call,
    });
    const wait = this.delays.get(method) ?? this.delays.get('*') ?? 0;
    if (wait > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          resolve();
        }, wait);
        this.timers.add(timer);
      });
    }
    const held = this.held.get(method);
    if (held) await new Promise<void>((resolve) => held.push(resolve));
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': JSON_TYPE, ...answer.headers });
    res.end(answer.text ?? JSON.stringify(body));
  }

  private answerApi(method: string, args: Args, token: string | undefined, undecodable: string[]): Answer {
    const handler = this.handlers[method];
    if (!handler) return { status: 200, body: failure('unknown_method') };
    this.caller = undefined;
    this.concerns = undefined;
    if (!token) return { status: 200, body: failure('not_authed') };
    const issued = this.workspaces.issued(token);
    const tokenRefused = this.workspaces.refusal(issued);
    if (tokenRefused === 'invalid_auth') return { status: 200, body: fixture('api.error.invalid_auth.json') };
    if (tokenRefused || !issued) {
      // An expired or revoked token still says whose it was: a call made with it is recorded as that workspace's.
      this.caller = issued;
      this.concerns = issued?.teamId || undefined;
      return { status: 200, body: failure(tokenRefused ?? 'invalid_auth') };
    }
    this.caller = issued;
    const reach = this.workspaces.check(method, issued, args.team_id, this.idsNamedBy(args));
    this.concerns = reach.concerns;
    if (reach.error) return { status: 200, body: failure(reach.error) };
    const refused = missingScope(method, this.scopes);
    if (refused) return { status: 200, body: refused };
    const fault = this.takeFault(method, args);
    if (fault) return fault;
    try {
      return { status: 200, body: handler(args, undecodable) };
    } catch (error) {
      if (error instanceof SlackError) return { status: 200, body: error.body };
      throw error;
    }
  }

  /** The workspace the call being answered concerns. */
  private concerns: string | undefined;

  /** The channel and user ids a call names, a DM channel standing for its user: each belongs to one workspace. */
  private idsNamedBy(args: Args): string[] {
    const ids: string[] = [];
    for (const field of ['channel', 'user', 'user_id']) {
      const value = args[field];
      if (typeof value !== 'string' || value === '') continue;
      ids.push(value.startsWith('D') ? (this.dmUserOf(value) ?? value) : value);
    }
    if (typeof args.users === 'string') ids.push(...args.users.split(',').filter(Boolean));
    return ids;
  }

  // Slack answers a response_url with plain HTTP statuses; Bolt's respond() throws on anything but 2xx.
  private answerResponseUrl(id: string, args: Args): Answer {
    const fault = this.takeFault('response_url', args);
    if (fault) return fault.status === 200 ? { ...fault, status: 404 } : fault;
    const problems = args.blocks === undefined ? [] : checkBlocks(args.blocks, 'message');
    if (problems.length > 0) return { status: 400, body: failure('invalid_blocks', problems) };
    if (blocksTooLong(args.blocks)) return { status: 400, body: failure('msg_blocks_too_long') };
    if (typeof args.text === 'string' && args.text.length > LIMITS.messageText) {
      return { status: 400, body: failure('msg_too_long') };
    }
    const origin = this.responseOrigins.get(id);
    const original = origin && this.store.get(origin.channel)?.get(origin.ts);
    if (origin && original && args.delete_original === true) this.store.get(origin.channel)?.delete(origin.ts);
    else if (origin && original && args.replace_original === true) {
      this.store
        .get(origin.channel)
        ?.set(origin.ts, this.buildMessage({ ...args, channel: origin.channel }, origin.ts));
    }
    return { status: 200, body: { ok: true } };
  }

  private takeFault(method: string, args: Args): Answer | undefined {
    const fault = this.faults.find(
      (f) => (f.method === method || f.method === '*') && f.remaining > 0 && (f.when?.(args) ?? true),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    if (fault.kind === 'fail') return { status: 200, body: failure(fault.error ?? 'internal_error') };
    if (fault.kind === 'ratelimit') {
      const limited = fixture<{ body: Args }>('api.error.ratelimited.json');
      return { status: 429, body: limited.body, headers: { 'retry-after': String(fault.retryAfter) } };
    }
    const status = fault.status ?? 500;
    return { status, body: failure(`http_${status}`), text: STATUS_CODES[status] ?? 'error' };
  }

  // ---- ids ------------------------------------------------------------------------------------------------------

  private next(): number {
    this.counter += 1;
    return this.counter;
  }

  /** Strictly increasing message timestamps: 1700000000.000100, 1700000000.000200, ... */
  private nextTs(): string {
    const micros = this.next() * 100;
    return `${TS_BASE + Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  private nextViewId(): string {
    return `V${this.next().toString(36).toUpperCase().padStart(10, '0')}`;
  }

  private nextHash(): string {
    return `${TS_BASE + this.next()}.${createHash('sha1').update(String(this.counter)).digest('hex').slice(0, 8)}`;
  }

  // ---- channels and users ---------------------------------------------------------------------------------------

  private dmUserOf(channel: string): string | undefined {
    if (isUserId(channel)) return channel;
    if (channel.startsWith('D')) return this.dmUsers.get(channel) ?? `U${channel.slice(1)}`;
    return undefined;
  }

  private storeKey(channel: string): string {
    return isUserId(channel) ? dmChannelFor(channel) : channel;
  }

  /** Where a chat method may post: the DM channel for a user id, or the channel if the bot can post there. */
  private postableChannel(channel: unknown, allowUserId: boolean): string {
    if (typeof channel !== 'string' || channel === '') return reject('channel_not_found');
    const dmUser = this.dmUserOf(channel);
    if (dmUser !== undefined) {
      if ((isUserId(channel) && !allowUserId) || this.removedUsers.has(dmUser)) return reject('channel_not_found');
      const dm = dmChannelFor(dmUser);
      this.dmUsers.set(dm, dmUser);
      return channel.startsWith('D') ? channel : dm;
    }
    const state = this.channelState(channel);
    if (!state) return reject('channel_not_found');
    if (state.private && !state.member) return reject('channel_not_found');
    if (state.archived) return reject('is_archived');
    if (!state.member) return reject('not_in_channel');
    return channel;
  }

  private channelState(id: string): Required<ChannelSettings> | undefined {
    if (!/^[CG][A-Z0-9]+$/.test(id)) return undefined;
    const set = this.channels.get(id) ?? {};
    return {
      member: set.member ?? true,
      archived: set.archived ?? false,
      private: set.private ?? id.startsWith('G'),
      name: set.name ?? `channel-${id.toLowerCase()}`,
    };
  }

  private userRecord(id: string): Args {
    const set = this.users.get(id) ?? {};
    const { user } = fixture<{ user: Args & { profile: Args } }>('api.users.info.json');
    const name = set.name ?? id.toLowerCase();
    const realName = set.real_name ?? `User ${id}`;
    const tz = set.tz ?? 'Etc/UTC';
    return {
      ...user,
      id,
      team_id: this.workspaces.ownerOf(id),
      name,
      real_name: realName,
      tz,
      tz_label: set.tz_label ?? timeZoneLabel(tz),
      tz_offset: set.tz_offset ?? 0,
      profile: {
        ...user.profile,
        real_name: realName,
        real_name_normalized: realName,
        display_name: name,
        display_name_normalized: name,
        email: `${name}@example.com`,
        team: this.teamId,
      },
      deleted: set.deleted ?? false,
      is_admin: set.is_admin ?? false,
      is_owner: set.is_owner ?? false,
      is_primary_owner: set.is_primary_owner ?? false,
      is_restricted: set.is_restricted ?? false,
      is_bot: set.is_bot ?? id === this.botUserId,
    };
  }

  // ---- messages -------------------------------------------------------------------------------------------------

  private checkContent(args: Args, undecodable: string[], requireContent: boolean): void {
    if (undecodable.includes('blocks')) reject('invalid_blocks_format');
    if (undecodable.includes('attachments')) reject('invalid_attachments');
    const hasBlocks = Array.isArray(args.blocks) && args.blocks.length > 0;
    const hasText = typeof args.text === 'string' && args.text !== '';
    if (requireContent && !hasBlocks && !hasText && args.attachments === undefined) reject('no_text');
    if (args.blocks !== undefined) {
      const problems = checkBlocks(args.blocks, 'message');
      if (problems.length > 0) reject('invalid_blocks', problems);
      if (blocksTooLong(args.blocks)) reject('msg_blocks_too_long');
    }
    // Slack documents truncation above 40,000 characters for chat.postMessage; failing is stricter and surfaces it.
    if (typeof args.text === 'string' && args.text.length > LIMITS.messageText) reject('msg_too_long');
  }

  private buildMessage(args: Args, ts: string): StoredMessage {
    const { message } = fixture<{ message: Args & { bot_profile: Args } }>('api.chat.update.real.json');
    const stored: StoredMessage = {
      user: this.botUserId,
      type: 'message',
      ts,
      bot_id: this.botId,
      app_id: this.appId,
      text: typeof args.text === 'string' ? args.text : '',
      team: this.teamId,
      bot_profile: { ...message.bot_profile, id: this.botId, app_id: this.appId, name: 'Boost', team_id: this.teamId },
    };
    if (Array.isArray(args.blocks)) stored.blocks = withBlockIds(args.blocks);
    for (const key of ['attachments', 'metadata', 'thread_ts']) if (args[key] !== undefined) stored[key] = args[key];
    return stored;
  }

  private postMessage(args: Args, undecodable: string[]): Args {
    this.checkContent(args, undecodable, true);
    const channel = this.postableChannel(args.channel, true);
    const ts = this.nextTs();
    const message = this.buildMessage(args, ts);
    const messages = this.store.get(channel) ?? new Map<string, StoredMessage>();
    messages.set(ts, message);
    this.store.set(channel, messages);
    return { ...fixture('api.chat.postMessage.json'), channel, ts, message: structuredClone(message) };
  }

  private postEphemeral(args: Args, undecodable: string[]): Args {
    this.checkContent(args, undecodable, true);
    const user = args.user;
    if (typeof user !== 'string' || this.removedUsers.has(user)) return reject('user_not_found');
    if (this.users.get(user)?.deleted) return reject('user_not_in_channel');
    this.postableChannel(args.channel, true);
    return { ...fixture('api.chat.postEphemeral.json'), message_ts: this.nextTs() };
  }

  private update(args: Args, undecodable: string[]): Args {
    this.checkContent(args, undecodable, true);
    const channel = this.postableChannel(args.channel, false);
    const ts = String(args.ts);
    const previous = this.store.get(channel)?.get(ts);
    if (!previous) return reject('message_not_found');
    // chat.update keeps blocks and attachments that the call leaves out (an empty array removes them).
    const message: StoredMessage = {
      ...this.buildMessage({ ...previous, ...args }, ts),
      edited: { user: this.botId, ts: this.nextTs() },
    };
    if (Array.isArray(message.blocks) && message.blocks.length === 0) delete message.blocks;
    this.store.get(channel)?.set(ts, message);
    return { ...fixture('api.chat.update.json'), channel, ts, text: message.text, message: structuredClone(message) };
  }

  private deleteMessage(args: Args): Args {
    const channel = typeof args.channel === 'string' && !isUserId(args.channel) ? args.channel : '';
    const ts = String(args.ts);
    if (!this.store.get(channel)?.delete(ts)) return reject('message_not_found');
    return { ok: true, channel, ts };
  }

  // ---- views ----------------------------------------------------------------------------------------------------

  private validView(args: Args, undecodable: string[], type: 'modal' | 'home' | 'any'): Args {
    if (undecodable.includes('view'))
      reject('invalid_arguments', ['[ERROR] must provide an object [json-pointer:/view]']);
    const problems = checkView(args.view);
    if (problems.length === 0 && type !== 'any' && (args.view as Args).type !== type) {
      problems.push('[ERROR] must be a valid enum value [json-pointer:/view/type]');
    }
    if (problems.length > 0) reject('invalid_arguments', problems);
    return args.view as Args;
  }

  private useTrigger(triggerId: unknown): void {
    if (typeof triggerId !== 'string' || triggerId === '') {
      reject(
        'invalid_arguments',
        fixture<Args & { response_metadata: { messages: string[] } }>('api.error.views.open.invalid_trigger.json')
          .response_metadata.messages,
      );
    }
    const id = String(triggerId);
    if (this.expiredTriggers.has(id)) reject('expired_trigger_id');
    // A trigger opens one view; Slack answers a reused one (e.g. from a retried delivery) like this.
    if (this.usedTriggers.has(id)) reject('exchanged_trigger_id');
    this.usedTriggers.add(id);
  }

  private makeView(template: string, view: Args, id: string, extra: Args = {}): StoredView {
    const ids = { id, teamId: this.teamId, appId: this.appId, botId: this.botId, hash: this.nextHash() };
    const stored = { ...storedView(template, view, ids), ...extra } as StoredView;
    this.views.set(id, stored);
    return stored;
  }

  private openView(args: Args, undecodable: string[]): Args {
    const view = this.validView(args, undecodable, 'modal');
    this.useTrigger(args.trigger_id);
    return { ok: true, view: structuredClone(this.makeView('api.views.open.json', view, this.nextViewId())) };
  }

  private updateView(args: Args, undecodable: string[]): Args {
    const view = this.validView(args, undecodable, 'any');
    const byExternal = [...this.views.values()].find((v) => args.external_id && v.external_id === args.external_id);
    const previous = typeof args.view_id === 'string' ? this.views.get(args.view_id) : byExternal;
    if (!previous) return reject('not_found');
    if (typeof args.hash === 'string' && args.hash !== previous.hash) return reject('hash_conflict');
    const updated = this.makeView('api.views.update.json', view, previous.id, {
      root_view_id: previous.root_view_id,
      previous_view_id: previous.previous_view_id,
    });
    return { ok: true, view: structuredClone(updated) };
  }

  private publishView(args: Args, undecodable: string[]): Args {
    const user = args.user_id;
    if (typeof user !== 'string' || user === '')
      return reject('invalid_arguments', ['missing required field: user_id']);
    if (this.removedUsers.has(user)) return reject('user_not_found');
    const view = this.validView(args, undecodable, 'home');
    const existing = this.views.get(this.homeViews.get(user) ?? '');
    if (existing && typeof args.hash === 'string' && args.hash !== existing.hash) return reject('hash_conflict');
    const id = existing?.id ?? this.nextViewId();
    this.homeViews.set(user, id);
    return { ok: true, view: structuredClone(this.makeView('api.views.publish.json', view, id)) };
  }

  // ---- users, conversations, team -------------------------------------------------------------------------------

  private authTest(): Args {
    if (this.caller && this.caller.token !== this.botToken) return this.workspaces.authTest(this.caller);
    return {
      ...fixture('api.auth.test.json'),
      team_id: this.teamId,
      user_id: this.botUserId,
      bot_id: this.botId,
      app_id: this.appId,
      is_enterprise_install: false,
    };
  }

  private usersInfo(args: Args): Args {
    const id = args.user;
    if (typeof id !== 'string' || !isUserId(id) || this.removedUsers.has(id)) return reject('user_not_found');
    const user = this.userRecord(id);
    // Like Slack, the locale is there only when asked for.
    const withLocale = args.include_locale === true || args.include_locale === 'true';
    return { ok: true, user: withLocale ? { ...user, locale: this.users.get(id)?.locale ?? 'en-US' } : user };
  }

  private conversationsOpen(args: Args): Args {
    if (typeof args.channel === 'string') return { ok: true, channel: { id: args.channel } };
    const users = typeof args.users === 'string' ? args.users.split(',').filter(Boolean) : [];
    if (users.length === 0) return reject('users_list_not_supplied');
    for (const user of users) {
      if (!isUserId(user) || this.removedUsers.has(user)) return reject('user_not_found');
      if (this.users.get(user)?.deleted) return reject('user_disabled');
    }
    const [user = ''] = users;
    const id =
      users.length === 1
        ? dmChannelFor(user)
        : `G${createHash('sha1').update(users.sort().join()).digest('hex').slice(0, 10).toUpperCase()}`;
    if (users.length === 1) this.dmUsers.set(id, user);
    if (args.return_im === true || args.return_im === 'true') {
      const full = fixture<{ channel: Args }>('api.conversations.open.return_im.json');
      return { ...full, channel: { ...full.channel, id, user } };
    }
    return { ...fixture('api.conversations.open.json'), channel: { id } };
  }

  private conversationsInfo(args: Args): Args {
    const id = String(args.channel ?? '');
    const dmUser = id.startsWith('D') ? this.dmUserOf(id) : undefined;
    if (dmUser) {
      return {
        ok: true,
        channel: { id, created: TS_BASE, is_im: true, is_org_shared: false, user: dmUser, is_user_deleted: false },
      };
    }
    const state = this.channelState(id);
    if (!state || (state.private && !state.member)) return reject('channel_not_found');
    return {
      ok: true,
      channel: {
        id,
        name: state.name,
        is_channel: !state.private,
        is_group: false,
        is_im: false,
        is_mpim: false,
        is_private: state.private,
        created: TS_BASE,
        is_archived: state.archived,
        is_general: false,
        unlinked: 0,
        name_normalized: state.name,
        is_shared: false,
        is_org_shared: false,
        is_pending_ext_shared: false,
        pending_shared: [],
        context_team_id: this.teamId,
        updated: TS_BASE * 1000,
        parent_conversation: null,
        creator: 'U0CREATOR',
        is_ext_shared: false,
        shared_team_ids: [this.teamId],
        is_member: state.member,
        topic: { value: '', creator: '', last_set: 0 },
        purpose: { value: '', creator: '', last_set: 0 },
        previous_names: [],
      },
    };
  }

  private teamInfo(): Args {
    const auth = fixture<Args>('api.auth.test.json');
    return {
      ok: true,
      team: {
        id: this.teamId,
        name: auth.team,
        url: auth.url,
        domain: DEFAULT_IDS.teamDomain,
        email_domain: '',
        icon: { image_default: true, image_34: 'https://a.slack-edge.com/80588/img/avatars-teams/ava_0001-34.png' },
        avatar_base_url: 'https://ca.slack-edge.com/',
        is_verified: false,
      },
    };
  }
}

// ---- helpers ----------------------------------------------------------------------------------------------------

/** Starts the fake Web API on 127.0.0.1 at a free port. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  let fake: FakeSlack | undefined;
  const server = createServer((req, res) => {
    fake?.handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': JSON_TYPE });
      res.end(JSON.stringify(failure(`fake_slack_crashed: ${String(error)}`)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  fake = new FakeSlack(server, options);
  return fake;
}

function describeCall(call: RecordedCall, index: number): string {
  const outcome = call.ok ? 'ok' : `error=${call.error}`;
  const where = call.args.channel ?? call.args.user_id ?? call.args.user ?? call.responseUrlId ?? '';
  const text = typeof call.args.text === 'string' ? ` text=${JSON.stringify(call.args.text.slice(0, 80))}` : '';
  return `  ${index + 1}. ${call.method} ${outcome}${where === '' ? '' : ` ${String(where)}`}${text}`;
}
