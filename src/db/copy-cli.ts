import { existsSync } from 'node:fs';
import { runAsCommand } from '../cli.ts';
import { openDatabase } from './connection.ts';
import { copyDatabase, TargetNotEmpty } from './copy.ts';
import { openPostgres } from './postgres.ts';

// `npm run db:copy -- --to postgres://…` moves an installation from its SQLite file to an empty PostgreSQL database.

const USAGE = `Usage: npm run db:copy -- --to postgres://user:password@host:5432/boost [--from ./data/boost.sqlite]

Copies every table of Boost's SQLite database into an empty PostgreSQL database (created beforehand; Boost's
migrations are applied to it first). Stop Boost first, so nothing changes while it copies.
  --to     the PostgreSQL database, as DATABASE_URL will name it
  --from   the SQLite file (default: DATABASE_PATH, else ./data/boost.sqlite)`;

export interface CopyOutput {
  out(line: string): void;
  err(line: string): void;
}

const consoleOutput: CopyOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function optionsOf(argv: readonly string[]): { to?: string; from?: string; help: boolean; unknown: string[] } {
  const options: { to?: string; from?: string; help: boolean; unknown: string[] } = { help: false, unknown: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [name, inline] = arg.split(/=(.*)/s, 2);
    if (name === '--help' || name === '-h') options.help = true;
    else if (name === '--to' || name === '--from') {
      const value = inline ?? argv[++i];
      if (name === '--to') options.to = value;
      else options.from = value;
    } else options.unknown.push(arg);
  }
  return options;
}

/** Runs the command; resolves with the exit code. Exported so tests can run it in-process. */
export async function main(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  output: CopyOutput = consoleOutput,
): Promise<number> {
  const options = optionsOf(argv);
  if (options.help) {
    output.out(USAGE);
    return 0;
  }
  if (options.unknown.length > 0 || !options.to) {
    output.err(`${options.to ? `Unknown option: ${options.unknown.join(' ')}` : '--to is missing.'}\n\n${USAGE}`);
    return 2;
  }
  if (!/^postgres(ql)?:\/\//.test(options.to)) {
    output.err(`--to must be a postgres:// or postgresql:// URL.\n\n${USAGE}`);
    return 2;
  }
  const from = options.from ?? env.DATABASE_PATH ?? './data/boost.sqlite';
  if (!existsSync(from)) {
    output.err(`There is no SQLite database at ${from} (--from, or DATABASE_PATH).`);
    return 2;
  }
  const source = openDatabase(from);
  try {
    // A one-off run with nobody waiting on an answer: a distant server gets time to connect.
    const target = await openPostgres(options.to, { poolSize: 2, statementTimeoutMs: 0, connectTimeoutMs: 10_000 });
    try {
      const copied = await copyDatabase(source, target, ({ table, rows }) => output.out(`  ${table}: ${rows}`));
      const total = copied.reduce((sum, { rows }) => sum + rows, 0);
      output.out(`Copied ${total} rows from ${from}.`);
      return 0;
    } finally {
      await target.close();
    }
  } catch (error) {
    if (error instanceof TargetNotEmpty) {
      output.err(error.message);
      return 1;
    }
    throw error;
  } finally {
    source.close();
  }
}

runAsCommand(import.meta.url, 'db:copy', main);
