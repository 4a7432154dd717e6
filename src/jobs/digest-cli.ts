import { type Logger, LogLevel } from '@slack/bolt';
import { runAsCommand } from '../cli.ts';
import { type Config, ConfigError, loadConfig } from '../config.ts';
import { describeDigest } from '../domain/digest.ts';
import { type Clock, systemClock } from '../domain/types.ts';
import { MemoryPauses } from '../pacing/store.ts';
import { DmSender } from '../slack/dm-sender.ts';
import { lookUpProfile } from '../slack/profiles.ts';
import { openDistribution, workspaceClients } from '../wiring/installations.ts';
import { openStorage } from '../wiring/storage.ts';
import { DigestJob } from './digest.ts';

// `npm run digest` sends this week's digest now to everyone eligible who has not had it (the same claims as the
// scheduled run, so nobody gets two); `npm run digest -- --dry-run` prints who would get what and sends nothing.

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

const consoleOutput: CliOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

const USAGE = `Usage: npm run digest [-- --dry-run]

Sends this week's Boost digest now to everyone eligible who has not had it this week.
  --dry-run   print who would get what, and send nothing
Settings come from the environment and .env, as for npm start (SLACK_BOT_TOKEN, DATABASE_PATH, ...).`;

const LEVELS: Record<Config['LOG_LEVEL'], number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Runs the command; resolves with the exit code. Exported so tests can run it in-process. */
export async function main(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  output: CliOutput = consoleOutput,
  clock: Clock = systemClock,
): Promise<number> {
  const unknown = argv.filter((arg) => arg !== '--dry-run');
  if (unknown.some((arg) => arg === '--help' || arg === '-h')) {
    output.out(USAGE);
    return 0;
  }
  if (unknown.length > 0) {
    output.err(`Unknown option: ${unknown.join(' ')}\n\n${USAGE}`);
    return 2;
  }
  const dryRun = argv.includes('--dry-run');

  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      output.err(error.message);
      return 1;
    }
    throw error;
  }

  const logger = cliLogger(config.LOG_LEVEL, output);
  const storage = openStorage(config, logger, { checkpoints: false });
  const clientOptions = { slackApiUrl: config.SLACK_API_URL, logger, logLevel: LogLevel.ERROR, timeout: 10_000 };
  // Each workspace's digests go out with that workspace's token (the one bot token in single-workspace mode).
  const distribution = openDistribution(config, { db: storage.db, clock, logger, clientOptions });
  try {
    await storage.ready();
    await distribution?.installations.checkKey();
  } catch (error) {
    await storage.database.close();
    if (error instanceof ConfigError) {
      output.err(error.message);
      return 1;
    }
    throw error;
  }
  const slack = workspaceClients(config, distribution, clientOptions);
  const { repos } = storage;
  const sender = new DmSender({
    clientFor: async (teamId) => (await slack.forTeam(teamId)).directMessages,
    pauses: new MemoryPauses(),
    logger,
  });
  const job = new DigestJob({
    repos,
    config,
    clock,
    logger,
    sender,
    lookUpZone: (teamId, userId) => lookUpProfile({ repos, slack, clock, logger }, teamId, userId),
  });
  // Ctrl-C stops claiming; digests in flight finish and are recorded, the rest stay due for a later run.
  const interrupt = () => job.stop();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    // A dry run keeps one short line per digest, not the digests: a big workspace has tens of thousands.
    const lines: string[] = [];
    const report = await job.sendNow(clock(), {
      dryRun,
      onPlanned: ({ digest, zone }) => lines.push(`  ${describeDigest(digest, zone)}`),
    });
    if (dryRun) {
      output.out(
        `Dry run: ${report.composed} ${report.composed === 1 ? 'digest' : 'digests'} would be sent now. Nothing was sent.`,
      );
      for (const line of lines) output.out(line);
      return 0;
    }
    const { sent, unreachable, failed, skipped } = report.tally;
    output.out(
      `Sent ${sent} ${sent === 1 ? 'digest' : 'digests'}` +
        (unreachable > 0 ? `; ${unreachable} unreachable (deactivated, or Slack will not deliver to them)` : '') +
        (failed > 0 ? `; ${failed} failed (see the log above)` : '') +
        (skipped > 0 ? `; ${skipped} already sent by another run` : '') +
        (report.waitingForZone > 0 ? `; ${report.waitingForZone} waiting for their time zone` : '') +
        '.',
    );
    // Interrupted runs end normally (what was sent is recorded); a bot token Slack refused is an error.
    return sender.haltedBecause ? 1 : 0;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await storage.database.close();
  }
}

/** Log lines go to stderr so that stdout holds only the report. */
function cliLogger(level: Config['LOG_LEVEL'], output: CliOutput): Logger {
  let current = LEVELS[level];
  const write =
    (at: number, name: string) =>
    (...messages: unknown[]) => {
      if (at >= current) output.err(`[${name}] ${messages.map(String).join(' ')}`);
    };
  return {
    debug: write(0, 'debug'),
    info: write(1, 'info'),
    warn: write(2, 'warn'),
    error: write(3, 'error'),
    setLevel: (next) => {
      current = LEVELS[next as Config['LOG_LEVEL']] ?? current;
    },
    getLevel: () => (['debug', 'info', 'warn', 'error'][current] ?? 'info') as LogLevel,
    setName: () => undefined,
  };
}

runAsCommand(import.meta.url, 'digest', main);
