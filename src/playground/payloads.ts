import { randomBytes, randomUUID } from 'node:crypto';
import { DEFAULT_IDS, dmChannelFor, fixture } from './fixtures.ts';

// Payloads as Slack sends them. Each builder starts from a captured payload in test/fixtures/slack and replaces
// only ids and values, so listeners are tested against Slack's real shapes. Interactions are sent with
// `SlackSender.interact(payload)`, commands with `command(fields)`, events with `event(body)`.
// Enterprise Grid fields (`enterprise_id`, `enterprise_name`) are dropped unless `enterprise: true`.

type Json = Record<string, unknown>;

interface Common {
  teamId?: string;
  userId?: string;
  /** Keep the Enterprise Grid fields of the captured payload. */
  enterprise?: boolean;
}

let lastMicros = 0;
let triggers = 0;
let views = 0;

/** A Slack-style `action_ts`/`event_ts` (`1700000000.123456`), strictly increasing within the process. */
export function nextTs(): string {
  lastMicros = Math.max(Date.now() * 1000, lastMicros + 1);
  return `${Math.floor(lastMicros / 1e6)}.${String(lastMicros % 1e6).padStart(6, '0')}`;
}

/** A fresh trigger id in Slack's format (`<digits>.<digits>.<hex>`). */
export function triggerId(): string {
  triggers += 1;
  return `${Date.now()}${String(triggers).padStart(4, '0')}.${randomBytes(4).readUInt32BE()}.${randomBytes(16).toString('hex')}`;
}

function team(teamId: string, enterprise = false): Json {
  const base: Json = { id: teamId, domain: DEFAULT_IDS.teamDomain };
  return enterprise
    ? { ...base, enterprise_id: DEFAULT_IDS.enterpriseId, enterprise_name: DEFAULT_IDS.enterpriseName }
    : base;
}

function user(userId: string, teamId: string): Json {
  const name = userId.toLowerCase();
  return { id: userId, username: name, name, team_id: teamId };
}

/** `enterprise`/`is_enterprise_install` as a non-Grid workspace sends them (interactive.block_actions.json, 2023). */
function install(enterprise = false): Json {
  return enterprise
    ? { enterprise: { id: DEFAULT_IDS.enterpriseId, name: DEFAULT_IDS.enterpriseName }, is_enterprise_install: false }
    : { enterprise: null, is_enterprise_install: false };
}

// ---- slash command ----------------------------------------------------------------------------------------------

export interface SlashCommandOptions extends Common {
  channelId?: string;
  channelName?: string;
  text?: string;
  command?: string;
  responseUrl: string;
  triggerId?: string;
}

/** Form fields of a slash command (command.slash.enterprise.json plus api_app_id/is_enterprise_install). */
export function slashCommand(options: SlashCommandOptions): Record<string, string> {
  const { teamId = DEFAULT_IDS.teamId, userId = 'U111', channelId = 'C111' } = options;
  const base = fixture<Record<string, string>>('command.slash.enterprise.json');
  const fields: Record<string, string> = {
    ...base,
    api_app_id: DEFAULT_IDS.appId,
    team_id: teamId,
    team_domain: DEFAULT_IDS.teamDomain,
    channel_id: channelId,
    channel_name: options.channelName ?? (channelId.startsWith('D') ? 'directmessage' : 'random'),
    user_id: userId,
    user_name: userId.toLowerCase(),
    command: options.command ?? '/boost',
    text: options.text ?? '',
    response_url: options.responseUrl,
    trigger_id: options.triggerId ?? triggerId(),
    is_enterprise_install: 'false',
  };
  if (!options.enterprise) {
    delete fields.enterprise_id;
    delete fields.enterprise_name;
  }
  return fields;
}

// ---- block actions ----------------------------------------------------------------------------------------------

export interface BlockActionOptions extends Common {
  /** `modal`: a button in an open modal (the payload of a Home click, with the view's type). */
  container: 'message' | 'ephemeral' | 'home' | 'modal';
  actionId: string;
  /** Defaults to the block holding `actionId` in `message`/`view`, else a generated one. */
  blockId?: string;
  value?: string;
  channelId?: string;
  /** ts of the message holding the button (`message` and `ephemeral` containers). */
  messageTs?: string;
  /** The message as it is in the channel, e.g. `fake.message(channel, ts)`; Slack sends it for non-ephemeral clicks. */
  message?: Json;
  /** Required for `message` and `ephemeral` containers; Home tab clicks have none. */
  responseUrl?: string;
  triggerId?: string;
  actionTs?: string;
  /** `state.values` of the surface. */
  state?: Json;
  /** Home tab: the view id, and the view as published (e.g. `fake.homeView(user)`). */
  viewId?: string;
  view?: Json;
  /** Merged into the action last (e.g. `{ type: 'static_select', selected_option }`). */
  action?: Json;
}

/** The element with this action_id in a list of blocks, and the block_id holding it. */
function findElement(blocks: unknown, actionId: string): { blockId?: string; element?: Json } {
  if (!Array.isArray(blocks)) return {};
  for (const block of blocks as Json[]) {
    const elements = [block.accessory, block.element, ...(Array.isArray(block.elements) ? block.elements : [])];
    const element = elements.find((e): e is Json => typeof e === 'object' && e !== null && e.action_id === actionId);
    if (element) return { blockId: block.block_id as string | undefined, element };
  }
  return {};
}

/** The captured bot message, holding the clicked button, for when the test passes no `message`. */
function defaultMessage(captured: Json, action: Json): Json {
  const button = { type: 'button', action_id: action.action_id, text: action.text, value: action.value };
  const [section] = captured.blocks as Json[];
  return {
    ...captured,
    bot_id: DEFAULT_IDS.botId,
    user: DEFAULT_IDS.botUserId,
    app_id: DEFAULT_IDS.appId,
    blocks: [{ ...section, block_id: action.block_id, accessory: button }],
  };
}

/** A click on a button (by default) in a channel message, an ephemeral message, or the Home tab. */
export function blockAction(options: BlockActionOptions): Json {
  const { container, actionId, teamId = DEFAULT_IDS.teamId, userId = 'U111', channelId = 'C111' } = options;
  const inView = container === 'home' || container === 'modal';
  if (!inView && options.responseUrl === undefined) {
    throw new Error(`blockAction: a ${container} click needs responseUrl (use fake.responseUrl())`);
  }
  const messageTs = options.messageTs ?? (options.message?.ts as string | undefined) ?? nextTs();
  const surfaceBlocks = inView ? options.view?.blocks : options.message?.blocks;
  const found = findElement(surfaceBlocks, actionId);
  const elementText = found.element?.text as Json | undefined;
  const action: Json = {
    action_id: actionId,
    block_id: options.blockId ?? found.blockId ?? 'b1',
    text: { type: 'plain_text', text: String(elementText?.text ?? 'Button'), emoji: true },
    value: options.value ?? found.element?.value,
    type: 'button',
    action_ts: options.actionTs ?? nextTs(),
    ...options.action,
  };
  if (action.value === undefined) delete action.value;

  if (inView) {
    const payload = fixture<Json & { view: Json }>('interactive.block_actions.home_tab.json');
    const viewId = options.viewId ?? (options.view?.id as string | undefined) ?? 'V12345678';
    const view: Json = {
      ...payload.view,
      ...options.view,
      id: viewId,
      team_id: teamId,
      type: container,
      state: options.state ?? (options.view?.state as Json | undefined) ?? { values: {} },
      root_view_id: viewId,
      app_id: DEFAULT_IDS.appId,
      app_installed_team_id: teamId,
    };
    return {
      ...payload,
      team: team(teamId, options.enterprise),
      user: user(userId, teamId),
      api_app_id: DEFAULT_IDS.appId,
      ...install(options.enterprise),
      container: { type: 'view', view_id: viewId },
      trigger_id: options.triggerId ?? triggerId(),
      view,
      actions: [action],
    };
  }

  const ephemeral = container === 'ephemeral';
  const payload = fixture<Json>(
    ephemeral ? 'interactive.block_actions.ephemeral.json' : 'interactive.block_actions.json',
  );
  const result: Json = {
    ...payload,
    user: user(userId, teamId),
    api_app_id: DEFAULT_IDS.appId,
    container: { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: ephemeral },
    trigger_id: options.triggerId ?? triggerId(),
    team: team(teamId, options.enterprise),
    ...install(options.enterprise),
    channel: { id: channelId, name: channelId.startsWith('D') ? 'directmessage' : 'random' },
    response_url: options.responseUrl,
    actions: [action],
  };
  // Slack sends no `message` for a click in an ephemeral message (block_actions.ephemeral*.json).
  if (ephemeral) delete result.message;
  else
    result.message = {
      ...defaultMessage(payload.message as Json, action),
      ...options.message,
      ts: messageTs,
      team: teamId,
    };
  if (options.state !== undefined || !ephemeral) result.state = options.state ?? { values: {} };
  return result;
}

// ---- views ------------------------------------------------------------------------------------------------------

export interface ViewPayloadOptions extends Common {
  callbackId?: string;
  privateMetadata?: string;
  viewId?: string;
  blocks?: Json[];
  /** The view as the app opened it (e.g. `fake.view(id)`); its title, blocks, callback_id, ... are kept. */
  view?: Json;
}

function viewOf(payload: Json & { view: Json }, options: ViewPayloadOptions, values: Json): Json {
  const teamId = options.teamId ?? DEFAULT_IDS.teamId;
  // Each built submission is a distinct modal unless told otherwise; a retry resends the same payload object.
  const viewId = options.viewId ?? (options.view?.id as string | undefined) ?? `V${String(++views).padStart(9, '0')}`;
  return {
    ...payload.view,
    ...options.view,
    id: viewId,
    team_id: teamId,
    type: 'modal',
    blocks: options.blocks ?? options.view?.blocks ?? payload.view.blocks,
    private_metadata: options.privateMetadata ?? options.view?.private_metadata ?? '',
    callback_id: options.callbackId ?? options.view?.callback_id ?? payload.view.callback_id,
    state: { values },
    root_view_id: options.view?.root_view_id ?? viewId,
    app_id: DEFAULT_IDS.appId,
    app_installed_team_id: teamId,
  };
}

export interface ViewSubmissionOptions extends ViewPayloadOptions {
  /** `view.state.values`: `{ [blockId]: { [actionId]: { type: 'plain_text_input', value: '…' } } }`. */
  values: Json;
  triggerId?: string;
}

/** A modal's submit button (interactive.view_submission.json). */
export function viewSubmission(options: ViewSubmissionOptions): Json {
  const teamId = options.teamId ?? DEFAULT_IDS.teamId;
  const payload = fixture<Json & { view: Json }>('interactive.view_submission.json');
  return {
    ...payload,
    team: team(teamId, options.enterprise),
    user: user(options.userId ?? 'U111', teamId),
    api_app_id: DEFAULT_IDS.appId,
    ...install(options.enterprise),
    trigger_id: options.triggerId ?? triggerId(),
    view: viewOf(payload, options, options.values),
    response_urls: [],
  };
}

/** A modal closed with Cancel or ✕ (needs `notify_on_close: true`; interactive.view_closed.json). */
export function viewClosed(options: ViewPayloadOptions & { isCleared?: boolean; values?: Json }): Json {
  const teamId = options.teamId ?? DEFAULT_IDS.teamId;
  const payload = fixture<Json & { view: Json }>('interactive.view_closed.json');
  return {
    ...payload,
    team: team(teamId, options.enterprise),
    user: user(options.userId ?? 'U111', teamId),
    api_app_id: DEFAULT_IDS.appId,
    ...install(options.enterprise),
    view: viewOf(payload, options, options.values ?? {}),
    is_cleared: options.isCleared ?? false,
  };
}

// ---- shortcuts --------------------------------------------------------------------------------------------------

export interface MessageShortcutOptions extends Common {
  channelId?: string;
  callbackId: string;
  /** The message text as Slack sends it: links as `<https://…>` or `<https://…|label>`, mentions as `<@U…>`. */
  messageText: string;
  messageTs?: string;
  /** Who wrote the message; defaults to the user running the shortcut. */
  messageUserId?: string;
  triggerId?: string;
  responseUrl: string;
  actionTs?: string;
}

/** The rich_text block Slack attaches to a typed message, for links, mentions and plain text. */
function richText(text: string): Json {
  const elements: Json[] = [];
  const pattern = /<(https?:[^>|]+)(?:\|([^>]*))?>|<@([UW][A-Z0-9]+)>/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) elements.push({ type: 'text', text: text.slice(last, match.index) });
    if (match[3]) elements.push({ type: 'user', user_id: match[3] });
    else elements.push(match[2] ? { type: 'link', url: match[1], text: match[2] } : { type: 'link', url: match[1] });
    last = match.index + match[0].length;
  }
  if (last < text.length) elements.push({ type: 'text', text: text.slice(last) });
  return { type: 'rich_text', block_id: 'rt1', elements: [{ type: 'rich_text_section', elements }] };
}

/** "Ask for a boost" on a message (interactive.message_action.json). */
export function messageShortcut(options: MessageShortcutOptions): Json {
  const { teamId = DEFAULT_IDS.teamId, userId = 'U111', channelId = 'C111' } = options;
  const payload = fixture<Json & { message: Json }>('interactive.message_action.json');
  const messageTs = options.messageTs ?? nextTs();
  return {
    ...payload,
    action_ts: options.actionTs ?? nextTs(),
    team: team(teamId, options.enterprise),
    user: { id: userId, name: userId.toLowerCase(), team_id: teamId },
    ...install(options.enterprise),
    channel: { id: channelId, name: 'random' },
    callback_id: options.callbackId,
    trigger_id: options.triggerId ?? triggerId(),
    message_ts: messageTs,
    message: {
      ...payload.message,
      client_msg_id: randomUUID(),
      text: options.messageText,
      user: options.messageUserId ?? userId,
      ts: messageTs,
      team: teamId,
      blocks: [richText(options.messageText)],
    },
    response_url: options.responseUrl,
  };
}

export interface GlobalShortcutOptions extends Common {
  callbackId: string;
  triggerId?: string;
  actionTs?: string;
}

/** "New boost request" from the shortcuts menu (interactive.shortcut.json). */
export function globalShortcut(options: GlobalShortcutOptions): Json {
  const { teamId = DEFAULT_IDS.teamId, userId = 'U111' } = options;
  const payload = fixture<Json>('interactive.shortcut.json');
  return {
    ...payload,
    action_ts: options.actionTs ?? nextTs(),
    team: team(teamId, options.enterprise),
    user: { id: userId, username: userId.toLowerCase(), team_id: teamId },
    ...install(options.enterprise),
    callback_id: options.callbackId,
    trigger_id: options.triggerId ?? triggerId(),
  };
}

// ---- events -----------------------------------------------------------------------------------------------------

export interface EventOptions {
  teamId?: string;
  /** Reuse an id to simulate a redelivery; fresh by default. */
  eventId?: string;
  eventTime?: number;
  botUserId?: string;
}

/** An Events API `event_callback` wrapper (as in event.app_home_opened.json) around `event`. */
export function eventCallback(event: Json, options: EventOptions = {}): Json {
  const teamId = options.teamId ?? DEFAULT_IDS.teamId;
  const wrapper = fixture<Json & { authorizations: Json[] }>('event.app_home_opened.json');
  return {
    ...wrapper,
    team_id: teamId,
    api_app_id: DEFAULT_IDS.appId,
    event,
    event_id: options.eventId ?? `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
    event_time: options.eventTime ?? Math.floor(Date.now() / 1000),
    authorizations: [
      { ...wrapper.authorizations[0], team_id: teamId, user_id: options.botUserId ?? DEFAULT_IDS.botUserId },
    ],
  };
}

/**
 * The user opened the app's Home tab (event.app_home_opened.json), or its Messages tab with `tab: 'messages'`; `view`
 * is the one last published, if any.
 */
export function appHomeOpened(
  userId: string,
  teamId?: string,
  options: EventOptions & { view?: Json; tab?: 'home' | 'messages' } = {},
): Json {
  const { event } = fixture<{ event: Json }>('event.app_home_opened.json');
  const tab = options.tab ?? 'home';
  const inner: Json = { ...event, user: userId, channel: dmChannelFor(userId), tab, event_ts: nextTs() };
  if (options.view) inner.view = options.view;
  return eventCallback(inner, { ...options, teamId });
}

/** A profile change (event.user_change.json); pass `{ id, deleted: true }` for a deactivated account. */
export function userChange(changes: Json & { id: string }, options: EventOptions = {}): Json {
  const teamId = options.teamId ?? DEFAULT_IDS.teamId;
  const { event } = fixture<{ event: Json & { user: Json } }>('event.user_change.json');
  const now = Math.floor(Date.now() / 1000);
  return eventCallback(
    { ...event, user: { ...event.user, team_id: teamId, updated: now, ...changes }, cache_ts: now, event_ts: nextTs() },
    { ...options, teamId },
  );
}

/** The app was uninstalled from the workspace (event.app_uninstalled.json). */
export function appUninstalled(teamId?: string, options: EventOptions = {}): Json {
  const { event } = fixture<{ event: Json }>('event.app_uninstalled.json');
  return eventCallback(event, { ...options, teamId });
}

/** The workspace revoked the app's tokens (event.tokens_revoked.json); by default the bot token. */
export function tokensRevoked(
  teamId?: string,
  tokens: { bot?: string[]; oauth?: string[] } = {},
  options: EventOptions = {},
): Json {
  const { event } = fixture<{ event: Json }>('event.tokens_revoked.json');
  const revoked = { oauth: tokens.oauth ?? [], bot: tokens.bot ?? [options.botUserId ?? DEFAULT_IDS.botUserId] };
  return eventCallback({ ...event, tokens: revoked }, { ...options, teamId });
}
