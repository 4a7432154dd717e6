import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Logger, LogLevel } from '@slack/bolt';
import { inject } from 'vitest';
import { type Boost, type BoostTuning, createBoost, runsOnSqlite, type SqliteBoost } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { SlackSender } from '../../src/playground/signed-client.ts';
import { reportOnFailure } from './failure-report.ts';
import { type FakeSlack, startFakeSlack } from './fake-slack.ts';
import { FAKE_APP } from './fake-workspaces.ts';
import { migratedDatabase } from './postgres-server.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const TEST_SECRET = 'test-signing-secret-0123456789abcdef';
export const TEST_TOKEN = 'xoxb-test-token';
export const TEAM = 'T0G9PQBBK';

/** A clock the test moves by hand; starts at the real time so Slack's request timestamps stay plausible. */
export class TestClock {
  constructor(public current = Date.now()) {}
  readonly now = () => this.current;
  advance(ms: number): void {
    this.current += ms;
  }
  set(ms: number): void {
    this.current = ms;
  }
}

/** Collects everything the app logs, so tests can read it (and check that no secret ever appears). */
export function captureLogger(lines: string[]): Logger {
  let level = LogLevel.DEBUG;
  const write =
    (name: string) =>
    (...messages: unknown[]) => {
      lines.push(
        `${name} ${messages.map((m) => (m instanceof Error ? m.stack : typeof m === 'string' ? m : JSON.stringify(m))).join(' ')}`,
      );
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/** Boost running against a fake Slack: by default on the SQLite file in `dir`, which tests may read directly. */
export interface BoostHarness<B extends Boost = SqliteBoost> {
  slack: FakeSlack;
  sender: SlackSender;
  boost: B;
  config: Config;
  clock: TestClock;
  logs: string[];
  dir: string;
  /** Stops the app and starts a new one on the same database file, as a deploy or crash recovery would. */
  restart(): Promise<void>;
  /** Waits until no message update is pending or in flight. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The pace the harness runs Boost at unless a test asks for production's: the same rules (one update in flight per
 * message, coalescing, a pause between Home publishes, replies after acks, backoff between DM attempts), in tens of
 * milliseconds instead of seconds, so that tests do not wait on Slack's rate limits in real time.
 */
export const QUICK_PACING: BoostTuning = {
  messageUpdateIntervalMs: 50,
  homeRefreshIntervalMs: 50,
  replyMaxWaitMs: 100,
  dmBackoffMs: 20,
  webApiRetryMinMs: 20,
};

export interface StartOptions {
  /** Over the harness's quick pacing: shorter Web API timeouts, a pace of the test's own. */
  tuning?: BoostTuning;
  /** Pace as production does (Boost's own defaults), for tests about pacing itself. */
  productionPacing?: boolean;
  /** Start the background jobs' minute tick (default true, as in production); tests may call `boost.jobs.<name>.runOnce`. */
  runJobs?: boolean;
  /** Let Boost learn the bot's ids from auth.test, as in production, instead of giving them (default false). */
  checkToken?: boolean;
  /** Prepares the fake Slack before Boost starts (takes it down, makes auth.test fail or hang). */
  beforeStart?: (slack: FakeSlack) => void | Promise<void>;
  /** Serve many workspaces installed through "Add to Slack" (distribution mode) instead of one bot token. */
  distribution?: boolean;
  /** Another Boost's fake Slack, so that two Boosts serve one Slack (its tokens, messages and Homes); left running. */
  slack?: FakeSlack;
}

/** Where the tests say Boost is publicly reachable in distribution mode; install.ts maps it to the real port. */
export const PUBLIC_BASE_URL = 'https://boost.example.test';

/** A TOKEN_ENCRYPTION_KEY for tests only: 32 bytes in base64. */
export const TEST_TOKEN_KEY = Buffer.alloc(32, 7).toString('base64');

/** The settings of distribution mode against a fake Slack: its app credentials and its authorize page. */
export function distributionEnv(slack: FakeSlack): Record<string, string> {
  return {
    SLACK_CLIENT_ID: FAKE_APP.clientId,
    SLACK_CLIENT_SECRET: FAKE_APP.clientSecret,
    SLACK_STATE_SECRET: 'test-state-secret-0123456789',
    TOKEN_ENCRYPTION_KEY: TEST_TOKEN_KEY,
    PUBLIC_BASE_URL,
    SLACK_AUTHORIZE_URL: slack.authorizeUrl,
  };
}

/** Starts the real app on 127.0.0.1 (random port) against a fresh fake Slack and a temp SQLite file. */
export function startBoost(
  env: Record<string, string> = {},
  clock = new TestClock(),
  options: StartOptions = {},
): Promise<BoostHarness> {
  return launchHarness(env, clock, options, runsOnSqlite);
}

/** The same on PostgreSQL: DATABASE_URL set to a fresh, migrated database of the test server (postgres-server.ts). */
export async function startBoostOnPostgres(
  env: Record<string, string> = {},
  clock = new TestClock(),
  options: StartOptions = {},
): Promise<BoostHarness<Boost>> {
  const url = await migratedDatabase(inject('postgresUrl'));
  return launchHarness({ DATABASE_URL: url, ...env }, clock, options, (boost): boost is Boost => !runsOnSqlite(boost));
}

async function launchHarness<B extends Boost>(
  env: Record<string, string>,
  clock: TestClock,
  options: StartOptions,
  runsAsAsked: (boost: Boost) => boost is B,
): Promise<BoostHarness<B>> {
  const slack = options.slack ?? (await startFakeSlack({ botToken: TEST_TOKEN, clock: clock.now }));
  await options.beforeStart?.(slack);
  const dir = mkdtempSync(join(tmpdir(), 'boost-test-'));
  const logs: string[] = [];
  // Bolt's debug lines aside: what Boost itself said.
  reportOnFailure('Boost', () => logs.filter((line) => !line.startsWith('debug ')));
  const config = loadConfig({
    ...(options.distribution ? distributionEnv(slack) : { SLACK_BOT_TOKEN: TEST_TOKEN }),
    SLACK_SIGNING_SECRET: TEST_SECRET,
    SLACK_API_URL: slack.apiUrl,
    DATABASE_PATH: join(dir, 'boost.sqlite'),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'debug',
    ...env,
  });
  const launch = async () => {
    const boost = createBoost({
      config,
      clock: clock.now,
      logger: captureLogger(logs),
      tuning: { ...(options.productionPacing ? {} : QUICK_PACING), ...options.tuning },
      runJobs: options.runJobs,
      // Known ids spare the background auth.test, whose calls would show among the ones a test counts.
      identity: options.checkToken ? undefined : { botId: slack.botId, botUserId: slack.botUserId },
    });
    if (!runsAsAsked(boost)) throw new Error('Boost does not run on the database the test asked for');
    const { port } = await boost.start();
    return { boost, sender: new SlackSender({ baseUrl: `http://127.0.0.1:${port}`, signingSecret: TEST_SECRET }) };
  };
  const harness = { slack, config, clock, logs, dir, ...(await launch()) } as BoostHarness<B>;
  harness.restart = async () => {
    await harness.boost.stop();
    Object.assign(harness, await launch());
  };
  harness.settle = async () => {
    const { updater, replyGate, deliveries } = harness.boost.context;
    const busy = () => updater.pending > 0 || replyGate.waitingCount > 0 || deliveries.inFlight > 0;
    // Bounded by the test's own timeout rather than a guess: on a busy machine the last paced update can take seconds.
    while (busy()) await sleep(25);
    // Replies that just left are on their way to the fake: settled once it has seen no new call for a moment.
    for (let seen = -1, i = 0; i < 100 && seen !== slack.calls.length; i++) {
      seen = slack.calls.length;
      await sleep(30);
    }
  };
  harness.stop = async () => {
    await harness.boost.stop();
    if (!options.slack) await slack.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return harness;
}
