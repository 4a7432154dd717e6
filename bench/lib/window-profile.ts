import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';

// A CPU profile of a chosen window only (a measurement, not the start-up), taken by a server child on the parent's
// request: `profileStart` before the load, `profileStop(name)` after it. Written to bench/out/profiles/window/.

let session: Session | undefined;

export async function profileStart(): Promise<void> {
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
}

export async function profileStop(name: string): Promise<string | undefined> {
  if (!session) return undefined;
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  session = undefined;
  const dir = fileURLToPath(new URL('../out/profiles/window/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const path = `${dir}${name}-${process.pid}-${Date.now()}.cpuprofile`;
  writeFileSync(path, JSON.stringify(profile));
  return path;
}
