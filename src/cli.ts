import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';

/** Whether the module at `moduleUrl` is the script node was started with (rather than imported, by a test say). */
function isEntryPoint(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

/**
 * Runs a command's `main` with the process's arguments and environment (.env included) when its module was started as
 * the script; its result becomes the exit code. `npm run <name>` names it in the message of an unexpected failure.
 */
export function runAsCommand(
  moduleUrl: string,
  name: string,
  main: (argv: readonly string[], env: Record<string, string | undefined>) => Promise<number>,
): void {
  if (!isEntryPoint(moduleUrl)) return;
  dotenv.config({ quiet: true });
  main(process.argv.slice(2), process.env).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`npm run ${name} failed:`, error);
      process.exitCode = 1;
    },
  );
}
