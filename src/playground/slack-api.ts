import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { offsetAt } from '../domain/schedule.ts';
import { blocksTooLong, checkBlocks, checkView, LIMITS } from './block-kit-limits.ts';
import { fixture, isUserId } from './fixtures.ts';
import { BOT_SCOPES_BY_METHOD, manifestBotScopes, missingScope } from './slack-scopes.ts';
import { parseArgs, readBody, storedView, timeZoneLabel, withBlockIds } from './web-api-wire.ts';
import { BOT, type Json, type Message, personById, type View, type Workspace } from './workspace.ts';

// A local stand-in for Slack's Web API, over the playground's workspace. Boost talks to it through its real
// @slack/web-api client (SLACK_API_URL), so every call is a real HTTP request with Slack's wire format; answers keep
// the shapes of Slack's own (test/fixtures/slack), and Block Kit is checked against Slack's limits, so what works
// here works in Slack. It also serves the response_urls it hands out, as Slack does.

/** Slack expires a trigger_id after three seconds. */
const TRIGGER_LIFETIME_MS = 3000;

/** Where a response_url answers: the person who acted, the conversation, and the message or ephemeral clicked. */
export interface ResponseOrigin {
  user: string;
  channel: string;
  messageTs?: string;
  ephemeralTs?: string;
}

class SlackError extends Error {
  constructor(
    readonly error: string,
    readonly messages?: string[],
  ) {
    super(error);
  }
}

const fail = (error: string, messages?: string[]): never => {
  throw new SlackError(error, messages);
};

export class SlackApi {
  readonly url: string;
  readonly apiUrl: string;
  readonly botToken = `xoxb-playground-${randomBytes(12).toString('hex')}`;
  private readonly scopes = manifestBotScopes();
  private readonly triggers = new Map<string, { user: string; channel?: string; at: number }>();
  private readonly origins = new Map<string, ResponseOrigin>();

  private readonly methods: Record<string, (args: Json) => Json> = {
    'auth.test': () => this.authTest(),
    'chat.postMessage': (a) => this.postMessage(a),
    'chat.postEphemeral': (a) => this.postEphemeral(a),
    'chat.update': (a) => this.update(a),
    'chat.delete': (a) => this.deleteMessage(a),
    'views.open': (a) => this.openView(a, false),
    'views.push': (a) => this.openView(a, true),
    'views.update': (a) => this.updateView(a),
    'views.publish': (a) => this.publishView(a),
    'users.info': (a) => this.usersInfo(a),
  };

  constructor(
    private readonly server: Server,
    private readonly workspace: Workspace,
  ) {
    const { port } = server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    this.apiUrl = `${this.url}/api/`;
  }

  /** A trigger_id for something a person just did (a command, a click, a shortcut), valid for three seconds. */
  trigger(user: string, channel?: string): string {
    const id = `${Date.now()}.${randomBytes(4).readUInt32BE()}.${randomBytes(16).toString('hex')}`;
    this.triggers.set(id, { user, channel, at: Date.now() });
    return id;
  }

  /** A response_url for what a person just did. */
  responseUrl(origin: ResponseOrigin): string {
    const id = randomBytes(12).toString('hex');
    this.origins.set(id, origin);
    return `${this.url}/response/${id}`;
  }

  /** A view Boost sent back as its answer to a submission (`response_action: update` or `push`). */
  showAnsweredView(user: string, view: Json, push: boolean): void {
    if (checkView(view).length > 0 || view.type !== 'modal') {
      this.workspace.notify(user, 'Boost answered the form with a view Slack would refuse.');
      return;
    }
    const top = this.workspace.topModal(user);
    if (top && !push) {
      this.workspace.saveView(this.makeView('api.views.update.json', view, top.view.id, String(top.view.root_view_id)));
      this.workspace.showErrors(user, {});
      return;
    }
    const stored = this.makeView('api.views.open.json', view, this.workspace.nextViewId());
    this.workspace.saveView(stored);
    this.workspace.openModal(user, { view: stored, channel: top?.channel }, true);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const raw = await readBody(req);
    const [, root = '', name = ''] = url.pathname.split('/');
    let status = 200;
    let body: Json;
    try {
      const { args, token, undecodable } = parseArgs(req, raw, url);
      if (undecodable.includes('blocks')) fail('invalid_blocks_format');
      if (undecodable.length > 0)
        fail(
          'invalid_arguments',
          undecodable.map((f) => `[ERROR] must be JSON [json-pointer:/${f}]`),
        );
      if (root === 'api') body = this.answer(name, args, token);
      else if (root === 'response' && this.origins.has(name)) body = this.respond(name, args);
      else {
        status = 404;
        body = { ok: false, error: 'not_found' };
      }
    } catch (error) {
      if (!(error instanceof SlackError)) throw error;
      // A response_url answers with plain HTTP statuses, the Web API with `ok: false`.
      if (root === 'response') status = 400;
      body = {
        ok: false,
        error: error.error,
        ...(error.messages ? { response_metadata: { messages: error.messages } } : {}),
      };
    }
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }

  private answer(method: string, args: Json, token: string | undefined): Json {
    const handler = this.methods[method];
    const known = method in BOT_SCOPES_BY_METHOD;
    if (!handler && !known) return fail('unknown_method');
    if (!token) return fail('not_authed');
    if (token !== this.botToken) return fixture('api.error.invalid_auth.json');
    const refused = missingScope(method, this.scopes);
    if (refused) return refused;
    // Methods the manifest grants no scope for (conversations.*, team.info) end above, as in Slack.
    if (!handler) return fail('unknown_method');
    return handler(args);
  }

  // ---- messages -------------------------------------------------------------------------------------------------

  private content(args: Json): Pick<Message, 'text' | 'blocks'> {
    if (args.blocks === undefined && (typeof args.text !== 'string' || args.text === '')) fail('no_text');
    if (args.blocks !== undefined) {
      const problems = checkBlocks(args.blocks, 'message');
      if (problems.length > 0) fail('invalid_blocks', problems);
      if (blocksTooLong(args.blocks)) fail('msg_blocks_too_long');
    }
    if (typeof args.text === 'string' && args.text.length > LIMITS.messageText) fail('msg_too_long');
    const text = typeof args.text === 'string' ? args.text : '';
    return Array.isArray(args.blocks) ? { text, blocks: withBlockIds(args.blocks as Json[]) } : { text };
  }

  /** A channel id, or a person's DM with Boost for a user id or a D… id. */
  private conversation(channel: unknown, allowUserId: boolean): string {
    if (typeof channel !== 'string') return fail('channel_not_found');
    if (isUserId(channel) && allowUserId && personById(channel)) return this.workspace.dmChannelOf(channel);
    if (this.workspace.isConversation(channel)) return channel;
    return fail('channel_not_found');
  }

  private stored(channel: string, message: Message): Json {
    const { message: captured } = fixture<{ message: Json & { bot_profile: Json } }>('api.chat.update.real.json');
    return {
      type: 'message',
      ts: message.ts,
      user: message.user,
      text: message.text,
      team: BOT.teamId,
      ...(message.user === BOT.userId
        ? {
            bot_id: BOT.botId,
            app_id: BOT.appId,
            bot_profile: {
              ...captured.bot_profile,
              id: BOT.botId,
              app_id: BOT.appId,
              name: BOT.name,
              team_id: BOT.teamId,
            },
          }
        : {}),
      ...(message.blocks ? { blocks: message.blocks } : {}),
      channel,
    };
  }

  private postMessage(args: Json): Json {
    const content = this.content(args);
    const channel = this.conversation(args.channel, true);
    const message = this.workspace.post(channel, { user: BOT.userId, ...content });
    return { ...fixture('api.chat.postMessage.json'), channel, ts: message.ts, message: this.stored(channel, message) };
  }

  private postEphemeral(args: Json): Json {
    const content = this.content(args);
    const user = String(args.user ?? '');
    if (!personById(user)) return fail('user_not_found');
    const channel = this.conversation(args.channel, false);
    const ephemeral = this.workspace.postEphemeral({ user: BOT.userId, viewer: user, channel, ...content });
    return { ...fixture('api.chat.postEphemeral.json'), message_ts: ephemeral.ts };
  }

  private update(args: Json): Json {
    const channel = this.conversation(args.channel, false);
    const ts = String(args.ts ?? '');
    const previous = this.workspace.message(channel, ts);
    if (!previous) return fail('message_not_found');
    if (previous.user !== BOT.userId) return fail('cant_update_message');
    // chat.update keeps the blocks that the call leaves out; an empty array removes them.
    const content = this.content({ text: previous.text, blocks: previous.blocks, ...args });
    const blocks = content.blocks?.length ? content.blocks : undefined;
    const message = this.workspace.replaceMessage(channel, ts, {
      user: BOT.userId,
      text: content.text,
      blocks,
      edited: true,
    });
    return {
      ...fixture('api.chat.update.json'),
      channel,
      ts,
      text: content.text,
      message: message ? this.stored(channel, message) : {},
    };
  }

  private deleteMessage(args: Json): Json {
    const channel = this.conversation(args.channel, false);
    const ts = String(args.ts ?? '');
    if (this.workspace.message(channel, ts)?.user !== BOT.userId) return fail('message_not_found');
    this.workspace.deleteMessage(channel, ts);
    return { ok: true, channel, ts };
  }

  /** A POST to a response_url: a new private reply by default, or a change to the message that was clicked. */
  private respond(id: string, args: Json): Json {
    const origin = this.origins.get(id) as ResponseOrigin;
    const truthy = (value: unknown) => value === true || value === 'true';
    if (truthy(args.delete_original)) {
      if (origin.ephemeralTs) this.workspace.deleteEphemeral(origin.ephemeralTs);
      else if (origin.messageTs) this.workspace.deleteMessage(origin.channel, origin.messageTs);
      return { ok: true };
    }
    const content = this.content(args);
    if (truthy(args.replace_original) && origin.ephemeralTs) {
      this.workspace.replaceEphemeral(origin.ephemeralTs, content);
    } else if (truthy(args.replace_original) && origin.messageTs) {
      this.workspace.replaceMessage(origin.channel, origin.messageTs, { user: BOT.userId, ...content, edited: true });
    } else if (args.response_type === 'in_channel') {
      this.workspace.post(origin.channel, { user: BOT.userId, ...content });
    } else {
      this.workspace.postEphemeral({ user: BOT.userId, viewer: origin.user, channel: origin.channel, ...content });
    }
    return { ok: true };
  }

  // ---- views ----------------------------------------------------------------------------------------------------

  private checkedView(args: Json, type?: 'modal' | 'home'): Json {
    const problems = checkView(args.view);
    if (problems.length === 0 && type && (args.view as Json).type !== type) {
      problems.push('[ERROR] must be a valid enum value [json-pointer:/view/type]');
    }
    if (problems.length > 0) fail('invalid_arguments', problems);
    return args.view as Json;
  }

  private makeView(template: string, view: Json, id: string, rootId = id): View {
    const ids = { id, teamId: BOT.teamId, appId: BOT.appId, botId: BOT.botId, hash: this.workspace.nextHash() };
    return { ...storedView(template, view, ids), root_view_id: rootId } as View;
  }

  private openView(args: Json, push: boolean): Json {
    const view = this.checkedView(args, 'modal');
    const trigger = this.triggers.get(String(args.trigger_id ?? ''));
    if (!trigger) return fail('invalid_trigger_id');
    this.triggers.delete(String(args.trigger_id));
    if (Date.now() - trigger.at > TRIGGER_LIFETIME_MS) return fail('expired_trigger_id');
    const stored = this.makeView('api.views.open.json', view, this.workspace.nextViewId());
    this.workspace.saveView(stored);
    this.workspace.openModal(trigger.user, { view: stored, channel: trigger.channel }, push);
    return { ok: true, view: stored };
  }

  private updateView(args: Json): Json {
    const view = this.checkedView(args);
    const previous =
      typeof args.view_id === 'string' && args.view_id !== ''
        ? this.workspace.view(args.view_id)
        : this.workspace.viewByExternalId(String(args.external_id ?? ''));
    if (!previous) return fail('not_found');
    if (typeof args.hash === 'string' && args.hash !== '' && args.hash !== previous.hash) return fail('hash_conflict');
    const updated = this.makeView('api.views.update.json', view, previous.id, String(previous.root_view_id));
    this.workspace.saveView(updated);
    return { ok: true, view: updated };
  }

  private publishView(args: Json): Json {
    const user = String(args.user_id ?? '');
    if (user === '') return fail('invalid_arguments', ['missing required field: user_id']);
    if (!personById(user)) return fail('user_not_found');
    const view = this.checkedView(args, 'home');
    const existing = this.workspace.homeOf(user);
    if (existing && typeof args.hash === 'string' && args.hash !== '' && args.hash !== existing.hash) {
      return fail('hash_conflict');
    }
    const published = this.makeView('api.views.publish.json', view, existing?.id ?? this.workspace.nextViewId());
    this.workspace.publishHome(user, published);
    return { ok: true, view: published };
  }

  // ---- people, conversations, team ------------------------------------------------------------------------------

  private authTest(): Json {
    return {
      ...fixture('api.auth.test.json'),
      team_id: BOT.teamId,
      user_id: BOT.userId,
      bot_id: BOT.botId,
      app_id: BOT.appId,
      is_enterprise_install: false,
    };
  }

  private usersInfo(args: Json): Json {
    const person = personById(String(args.user ?? ''));
    if (!person) return fail('user_not_found');
    const { user } = fixture<{ user: Json & { profile: Json } }>('api.users.info.json');
    return {
      ok: true,
      user: {
        ...user,
        id: person.id,
        team_id: BOT.teamId,
        name: person.name,
        real_name: person.realName,
        tz: person.tz,
        tz_label: timeZoneLabel(person.tz),
        tz_offset: offsetAt({ tz: person.tz }, Date.now()),
        profile: {
          ...user.profile,
          title: person.title,
          real_name: person.realName,
          real_name_normalized: person.realName,
          display_name: person.name,
          display_name_normalized: person.name,
          email: `${person.name}@example.com`,
          team: BOT.teamId,
        },
        is_admin: person.isAdmin,
        is_owner: false,
        is_primary_owner: false,
        is_bot: false,
      },
    };
  }
}

/** Starts the stand-in on 127.0.0.1 at a free port. */
export async function startSlackApi(workspace: Workspace): Promise<SlackApi> {
  let api: SlackApi | undefined;
  const server = createServer((req, res) => {
    api?.handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: `internal_error: ${String(error)}` }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  api = new SlackApi(server, workspace);
  return api;
}
