import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Builds dist/index.js once, as `npm start` does, for the tests that run Boost as a process of its own. */
export default function buildBundle(): void {
  execFileSync('sh', ['scripts/build.sh'], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'inherit' });
}
