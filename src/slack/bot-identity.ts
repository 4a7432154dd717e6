import { createHash } from 'node:crypto';
import type { Logger } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { SavedIdentity } from '../db/repositories/bot-identities.ts';
import type { Repositories } from '../db/repositories/index.ts';
import type { Clock } from '../domain/types.ts';
import { isTokenRefused, slackErrorCode } from './slack-errors.ts';

// Bolt needs the bot's ids (bot id, bot user id) for every delivery, and only auth.test tells them. Boost no longer
// waits for that answer before serving: it asks in the background, again and again with a growing pause while Slack
// cannot be reached or fails, and serves Slack's deliveries once the answer is in (or at once from the answer saved at
// an earlier start). Only Slack refusing the token ends the asking: no later try would pass.

export type BotIds = SavedIdentity;

/** Where the known ids come from: Slack in this run, the database (an earlier run), or the caller (tests). */
export type IdentitySource = 'slack' | 'saved' | 'given' | 'unknown';

export interface SlackCheckTuning {
  /** Pause after the first failed auth.test; it doubles after each further failure (default 1 s). */
  firstRetryMs?: number;
  /** Longest pause between two auth.test calls while Slack fails (default 60 s). */
  maxRetryMs?: number;
  /** Least time between two auth.test calls prompted by Slack's deliveries (default 1 s). */
  deliveryCheckSpacingMs?: number;
}

export interface BotIdentityOptions extends SlackCheckTuning {
  /** Calls auth.test once (no retries of its own: this class paces the tries). */
  authTest: () => ReturnType<WebClient['auth']['test']>;
  /** The ids saved at an earlier start, as the database answers. */
  saved?: Promise<BotIds | undefined>;
  save: (ids: BotIds) => Promise<void>;
  /** Slack refused the token: the saved ids are dropped. */
  forget: () => Promise<void>;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

/** The hash under which a token's identity is saved; the token itself is never stored. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class BotIdentity {
  private ids?: BotIds;
  private source: IdentitySource;
  private failures = 0;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private attempt?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private readonly waiters = new Set<() => void>();
  private readonly firstRetryMs: number;
  private readonly maxRetryMs: number;
  private readonly deliveryCheckSpacingMs: number;
  private refuse: (error: unknown) => void = () => undefined;
  /** Settles with Slack's error once Slack has refused the token; never settles otherwise. */
  readonly refused: Promise<unknown>;

  constructor(private readonly options: BotIdentityOptions) {
    this.source = 'unknown';
    this.firstRetryMs = options.firstRetryMs ?? 1000;
    this.maxRetryMs = options.maxRetryMs ?? 60_000;
    this.deliveryCheckSpacingMs = options.deliveryCheckSpacingMs ?? 1000;
    this.refused = new Promise((resolve) => {
      this.refuse = resolve;
    });
    options.saved?.then(
      (ids) => this.adoptSaved(ids),
      (error: unknown) => options.logger.warn(`Could not read the bot's saved identity: ${(error as Error).message}`),
    );
  }

  /** Ids known in advance (tests against a fake Slack): no auth.test is ever made. */
  static given(ids: BotIds): BotIdentity {
    const identity = new BotIdentity({
      authTest: () => Promise.reject(new Error('not asked')),
      save: async () => undefined,
      forget: async () => undefined,
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    identity.ids = ids;
    identity.source = 'given';
    return identity;
  }

  get current(): BotIds | undefined {
    return this.ids;
  }

  get knownFrom(): IdentitySource {
    return this.source;
  }

  /** Whether Slack has answered auth.test in this run (ids given in advance count as such). */
  get slackReached(): boolean {
    return this.source === 'slack' || this.source === 'given';
  }

  /** Starts asking Slack in the background, unless it has already answered. */
  start(): void {
    if (!this.slackReached) this.check();
  }

  /**
   * A delivery from Slack arrived while the ids are unknown: Slack may be back, so ask now rather than at the end of
   * the current pause (at most once per spacing, so a burst of requests cannot turn into a burst of auth.test calls).
   */
  checkSoon(): void {
    if (this.slackReached || this.attempt || this.stopped) return;
    if (Date.now() - this.lastAttemptAt < this.deliveryCheckSpacingMs) return;
    clearTimeout(this.timer);
    this.check();
  }

  /** Resolves with the ids once known; undefined if still unknown after `timeoutMs` (if given), or once stopped. */
  whenKnown(timeoutMs?: number): Promise<BotIds | undefined> {
    if (this.stopped) return Promise.resolve(undefined);
    if (this.ids) return Promise.resolve(this.ids);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve(this.stopped ? undefined : this.ids);
      };
      const timer = timeoutMs === undefined ? undefined : setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const done of [...this.waiters]) done();
  }

  private adoptSaved(ids: BotIds | undefined): void {
    if (!ids || this.ids || this.stopped) return;
    this.ids = ids;
    this.source = 'saved';
    for (const done of [...this.waiters]) done();
  }

  private check(): void {
    this.lastAttemptAt = Date.now();
    this.attempt = this.options
      .authTest()
      .then(
        (answer) => this.reached(answer),
        (error: unknown) => this.failed(error),
      )
      .finally(() => {
        this.attempt = undefined;
      });
  }

  private reached(answer: Awaited<ReturnType<BotIdentityOptions['authTest']>>): void {
    if (this.stopped) return;
    const { team_id: teamId, bot_id: botId, user_id: botUserId } = answer;
    if (!teamId || !botId || !botUserId) {
      this.failed(new Error('auth.test did not name the bot: is SLACK_BOT_TOKEN a bot token (xoxb-)?'));
      return;
    }
    const ids = { teamId, botId, botUserId };
    if (this.failures > 0) this.options.logger.info(`Slack answered after ${this.failures} failed tries.`);
    this.ids = ids;
    this.source = 'slack';
    this.options.save(ids).catch((error: unknown) => {
      this.options.logger.warn(`Could not save the bot's identity for the next start: ${(error as Error).message}`);
    });
    for (const done of [...this.waiters]) done();
  }

  private failed(error: unknown): void {
    if (this.stopped) return;
    if (isTokenRefused(error)) {
      this.stopped = true;
      this.options.forget().catch(() => {
        // The process stops anyway; the next start asks Slack before trusting anything.
      });
      for (const done of [...this.waiters]) done();
      this.refuse(error);
      return;
    }
    this.failures += 1;
    const pause = Math.min(this.firstRetryMs * 2 ** (this.failures - 1), this.maxRetryMs);
    const serving = this.ids ? "serving with the bot's identity saved at an earlier start" : 'not serving Slack yet';
    this.options.logger.warn(
      `Slack did not answer auth.test (${slackErrorCode(error)}); ${serving}, trying again in ${Math.ceil(pause / 1000)} s.`,
    );
    this.timer = setTimeout(() => this.check(), pause);
  }
}

/**
 * The bot's identity for Boost: the ids given (tests against a fake Slack), or asked of Slack with auth.test, starting
 * from the ones saved for this token at an earlier start.
 */
export function botIdentityFor(options: {
  token: string;
  clientOptions: WebClientOptions;
  saved: Repositories['botIdentities'];
  clock: Clock;
  logger: BotIdentityOptions['logger'];
  tuning?: SlackCheckTuning;
  given?: { botId: string; botUserId: string; teamId?: string };
}): BotIdentity {
  const { given, saved } = options;
  if (given) return BotIdentity.given({ ...given, teamId: given.teamId ?? '' });
  const key = tokenHash(options.token);
  // No retries of the client's own: BotIdentity paces the tries, for as long as Slack fails.
  const client = new WebClient(options.token, { ...options.clientOptions, retryConfig: { retries: 0 } });
  return new BotIdentity({
    authTest: () => client.auth.test(),
    saved: saved.find(key),
    save: (ids) => saved.save(key, ids, options.clock()),
    forget: () => saved.forget(key),
    logger: options.logger,
    ...options.tuning,
  });
}
