import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Boost, createBoost } from '../app.ts';
import { loadConfig } from '../config.ts';
import { COMMAND, SHORTCUTS } from '../slack/ids.ts';
import { dayBeforeDeadline, nextDigestSlot, PlaygroundClock, pastDeadline } from './clock.ts';
import {
  appHomeOpened,
  blockAction,
  globalShortcut,
  messageShortcut,
  slashCommand,
  viewClosed,
  viewSubmission,
} from './payloads.ts';
import { type SlackResponse, SlackSender } from './signed-client.ts';
import { type SlackApi, startSlackApi } from './slack-api.ts';
import { BOT, channelById, type Json, PEOPLE, personById, Workspace } from './workspace.ts';

// Boost as it runs in production (createBoost, signed HTTP requests to /slack/events), a Slack stand-in for its Web
// API, and what each colleague does in the page turned into the deliveries Slack would send for it.

export type ClockJump = 'digest' | 'reminders' | 'expiry';

/** Where a clicked element is: a channel or DM message, an ephemeral reply, the App Home, or an open modal. */
export type Surface =
  | { kind: 'message'; channel: string; ts: string }
  | { kind: 'ephemeral'; ts: string }
  | { kind: 'home' }
  | { kind: 'modal'; viewId: string };

export interface Click {
  user: string;
  surface: Surface;
  actionId: string;
  blockId: string;
  /** Merged into the action (value, type, selected_option...). */
  action: Json;
}

export interface PlaygroundOptions {
  /** Holds the playground's own SQLite file, which a reset deletes. */
  dataDir: string;
}

const DIGEST_CRON = '0 9 * * 1';

export class Playground {
  private readonly signingSecret = randomBytes(24).toString('hex');
  private boost: Boost | undefined;
  private sender: SlackSender | undefined;

  private constructor(
    readonly workspace: Workspace,
    readonly clock: PlaygroundClock,
    private readonly api: SlackApi,
    private readonly options: PlaygroundOptions,
  ) {}

  static async start(options: PlaygroundOptions): Promise<Playground> {
    const clock = new PlaygroundClock();
    const workspace = new Workspace(clock.now);
    const playground = new Playground(workspace, clock, await startSlackApi(workspace), options);
    // The workspace lives in memory only, so Boost starts from an empty database too, never from requests whose
    // messages are gone.
    playground.deleteDatabase();
    await playground.launch();
    return playground;
  }

  get databasePath(): string {
    return join(this.options.dataDir, 'boost.sqlite');
  }

  /** Everything back to the start: Boost's database deleted, the workspace and the clock as they were. */
  async reset(): Promise<void> {
    await this.boost?.stop();
    this.boost = undefined;
    this.deleteDatabase();
    this.clock.reset();
    this.workspace.reset();
    await this.launch();
  }

  private deleteDatabase(): void {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${this.databasePath}${suffix}`, { force: true });
  }

  async stop(): Promise<void> {
    await this.boost?.stop();
    await this.api.close();
  }

  // ---- what a colleague does ------------------------------------------------------------------------------------

  /** Types in a conversation's composer: `/boost …` runs the command, anything else is posted as their message. */
  async type(user: string, channel: string, typed: string): Promise<void> {
    const command = typed.trim().match(/^(\/\S+)\s*([\s\S]*)$/);
    if (!command) {
      this.workspace.post(channel, { user, text: slackText(typed.trim()) });
      return;
    }
    const [, name = '', text = ''] = command;
    if (name !== COMMAND) {
      this.workspace.notify(user, `${name} is not a valid command. In this workspace only ${COMMAND} is installed.`);
      return;
    }
    const fields = slashCommand({
      teamId: BOT.teamId,
      userId: user,
      channelId: channel,
      channelName: channelById(channel)?.name ?? 'directmessage',
      text,
      responseUrl: this.api.responseUrl({ user, channel }),
      triggerId: this.api.trigger(user, channel),
    });
    const answer = await this.send((sender) => sender.command(fields), user, `${COMMAND} failed`);
    // An acknowledgement with a body is shown at once, privately unless it asks to be in the channel.
    const body = answer && parseBody(answer);
    if (body && (body.text !== undefined || body.blocks !== undefined)) {
      const content = { user: BOT.userId, text: String(body.text ?? ''), blocks: body.blocks as Json[] | undefined };
      if (body.response_type === 'in_channel') this.workspace.post(channel, content);
      else this.workspace.postEphemeral({ ...content, viewer: user, channel });
    }
  }

  /** "Ask for a boost" from a message's menu. */
  async messageShortcut(user: string, channel: string, ts: string): Promise<void> {
    const message = this.workspace.message(channel, ts);
    if (!message) return;
    const payload = messageShortcut({
      teamId: BOT.teamId,
      userId: user,
      channelId: channel,
      callbackId: SHORTCUTS.fromMessage,
      messageText: message.text,
      messageTs: ts,
      messageUserId: message.user,
      triggerId: this.api.trigger(user, channel),
      responseUrl: this.api.responseUrl({ user, channel }),
    });
    await this.send((sender) => sender.interact(payload), user, 'The shortcut failed');
  }

  /** "New boost request" from the shortcuts menu. */
  async globalShortcut(user: string): Promise<void> {
    const payload = globalShortcut({
      teamId: BOT.teamId,
      userId: user,
      callbackId: SHORTCUTS.newRequest,
      triggerId: this.api.trigger(user),
    });
    await this.send((sender) => sender.interact(payload), user, 'The shortcut failed');
  }

  async click({ user, surface, actionId, blockId, action }: Click): Promise<void> {
    const common = { teamId: BOT.teamId, userId: user, actionId, blockId, action, value: action.value as string };
    let payload: Json | undefined;
    if (surface.kind === 'home' || surface.kind === 'modal') {
      const view = surface.kind === 'home' ? this.workspace.homeOf(user) : this.workspace.view(surface.viewId);
      const trigger = this.api.trigger(
        user,
        surface.kind === 'modal' ? this.workspace.topModal(user)?.channel : undefined,
      );
      payload = view && blockAction({ ...common, container: surface.kind, view, triggerId: trigger });
    } else if (surface.kind === 'ephemeral') {
      const ephemeral = this.workspace.ephemeral(surface.ts);
      payload =
        ephemeral &&
        blockAction({
          ...common,
          container: 'ephemeral',
          channelId: ephemeral.channel,
          messageTs: ephemeral.ts,
          responseUrl: this.api.responseUrl({ user, channel: ephemeral.channel, ephemeralTs: ephemeral.ts }),
          triggerId: this.api.trigger(user, ephemeral.channel),
        });
    } else {
      const message = this.workspace.message(surface.channel, surface.ts);
      payload =
        message &&
        blockAction({
          ...common,
          container: 'message',
          channelId: surface.channel,
          message: { ...message, type: 'message', bot_id: BOT.botId, app_id: BOT.appId },
          responseUrl: this.api.responseUrl({ user, channel: surface.channel, messageTs: surface.ts }),
          triggerId: this.api.trigger(user, surface.channel),
        });
    }
    if (payload) await this.send((sender) => sender.interact(payload), user, 'That button failed');
  }

  /** Submits the open modal with `values` (`state.values` as Slack builds it from the form). */
  async submit(user: string, viewId: string, values: Json): Promise<void> {
    const modal = this.workspace.topModal(user);
    if (!modal || modal.view.id !== viewId) return;
    const payload = viewSubmission({
      teamId: BOT.teamId,
      userId: user,
      view: modal.view,
      values,
      triggerId: this.api.trigger(user, modal.channel),
    });
    const answer = await this.send((sender) => sender.interact(payload), user, 'The form could not be sent');
    if (!answer) return;
    const body = parseBody(answer) ?? {};
    const action = body.response_action;
    if (action === 'errors') this.workspace.showErrors(user, (body.errors as Record<string, string>) ?? {});
    else if (action === 'clear') this.workspace.closeModal(user, true);
    else if (action === 'update' || action === 'push')
      this.api.showAnsweredView(user, (body.view ?? {}) as Json, action === 'push');
    else this.workspace.closeModal(user);
  }

  /** Cancel or ✕ on a modal; Boost hears of it only when the view asked (`notify_on_close`). */
  async closeModal(user: string, viewId: string): Promise<void> {
    const modal = this.workspace.topModal(user);
    if (!modal || modal.view.id !== viewId) return;
    this.workspace.closeModal(user);
    if (modal.view.notify_on_close !== true) return;
    const payload = viewClosed({ teamId: BOT.teamId, userId: user, view: modal.view });
    await this.send((sender) => sender.interact(payload), user, 'Closing the form failed');
  }

  /** Opens the App Home's Home or Messages tab, as `app_home_opened` tells Boost. */
  async openAppHome(user: string, tab: 'home' | 'messages'): Promise<void> {
    const payload = appHomeOpened(user, BOT.teamId, { view: this.workspace.homeOf(user), tab });
    await this.send((sender) => sender.event(payload), user, 'Boost did not answer');
  }

  /** Moves the clock to the next moment something happens, then runs Boost's minute tick at once. */
  async moveClock(jump: ClockJump): Promise<string> {
    const now = this.clock.now();
    const deadlines = ((await this.boost?.context.repos.requests.listOpen(BOT.teamId, 1000)) ?? []).map(
      (request) => request.deadlineAt,
    );
    const target =
      jump === 'digest'
        ? nextDigestSlot(
            DIGEST_CRON,
            PEOPLE.map((person) => person.tz),
            now,
          )
        : jump === 'reminders'
          ? dayBeforeDeadline(deadlines)
          : pastDeadline(deadlines);
    if (target === undefined) return 'There is no open request with a deadline yet.';
    if (!this.clock.jumpTo(target)) return 'That moment has already passed.';
    await this.boost?.jobs.scheduler.tick();
    return '';
  }

  // ---- plumbing -------------------------------------------------------------------------------------------------

  private async launch(): Promise<void> {
    mkdirSync(this.options.dataDir, { recursive: true });
    const config = loadConfig({
      SLACK_BOT_TOKEN: this.api.botToken,
      SLACK_SIGNING_SECRET: this.signingSecret,
      SLACK_API_URL: this.api.apiUrl,
      DATABASE_PATH: this.databasePath,
      HOST: '127.0.0.1',
      PORT: '0',
      DIGEST_CRON,
      LOG_LEVEL: 'warn',
    });
    const boost = createBoost({ config, clock: this.clock.now });
    const { port } = await boost.start();
    this.boost = boost;
    this.sender = new SlackSender({ baseUrl: `http://127.0.0.1:${port}`, signingSecret: this.signingSecret });
  }

  /** Sends a delivery to Boost; what Slack would show when the app fails to answer becomes a note for that person. */
  private async send(
    deliver: (sender: SlackSender) => Promise<SlackResponse>,
    user: string,
    failure: string,
  ): Promise<SlackResponse | undefined> {
    this.workspace.clearNotice(user);
    if (!this.sender) return undefined;
    try {
      const answer = await deliver(this.sender);
      if (answer.status !== 200) this.workspace.notify(user, `${failure}: Boost answered HTTP ${answer.status}.`);
      return answer.status === 200 ? answer : undefined;
    } catch (error) {
      this.workspace.notify(user, `${failure}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }
}

export function isPerson(id: unknown): id is string {
  return typeof id === 'string' && personById(id) !== undefined;
}

function parseBody(answer: SlackResponse): Json | undefined {
  if (answer.text.trim() === '') return undefined;
  try {
    return answer.json<Json>();
  } catch {
    return { text: answer.text };
  }
}

/** A typed message as Slack stores it: `&`, `<`, `>` escaped, and links wrapped as `<https://…>`. */
export function slackText(typed: string): string {
  return typed
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\bhttps?:\/\/[^\s<>]+[^\s<>.,;:!?)'"]/g, (url) => `<${url.replace(/&amp;/g, '&')}>`);
}
