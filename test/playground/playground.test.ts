import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Playground } from '../../src/playground/playground.ts';
import { CHANNELS, PEOPLE, WELCOME } from '../../src/playground/workspace.ts';

// The playground drives the real Boost: what a colleague types becomes the signed delivery Slack would send, and
// Boost's answers land in the workspace through the stand-in.

const ADA = PEOPLE[0]?.id ?? '';
const LAUNCHES = CHANNELS[1]?.id ?? '';

const waitUntil = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(done()).toBe(true);
};

describe('the playground', () => {
  let playground: Playground;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'boost-playground-'));
    playground = await Playground.start({ dataDir });
  });

  afterAll(async () => {
    await playground.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /boost help with Boost’s own private reply', async () => {
    await playground.type(ADA, LAUNCHES, '/boost help');
    await waitUntil(() =>
      playground.workspace.snapshot().ephemerals.some((e) => e.viewer === ADA && e.text === 'How to use Boost'),
    );
  });

  it('opens the request form from /boost with the link and the words typed', async () => {
    await playground.type(ADA, LAUNCHES, '/boost https://example.com/post Please share');
    await waitUntil(() => playground.workspace.topModal(ADA) !== undefined);
    const form = playground.workspace.topModal(ADA);
    expect(JSON.stringify(form?.view.blocks)).toContain('https://example.com/post');
    expect(JSON.stringify(form?.view.blocks)).toContain('Please share');
    expect(form?.channel).toBe(LAUNCHES);
  });

  it('moves the clock only forward, to the next Monday digest', async () => {
    const before = playground.clock.now();
    expect(await playground.moveClock('digest')).toBe('');
    const monday = new Date(playground.clock.now());
    expect(monday.getTime()).toBeGreaterThan(before);
    expect(monday.getUTCDay()).toBe(1);
    expect(await playground.moveClock('expiry')).toBe('There is no open request with a deadline yet.');
  });

  it('starts over on reset: a new database, the welcome messages only, the clock at now', async () => {
    await playground.reset();
    const snapshot = playground.workspace.snapshot();
    expect(snapshot.ephemerals).toEqual([]);
    expect(Object.values(snapshot.messages).flat()).toHaveLength(WELCOME.length);
    expect(Math.abs(playground.clock.now() - Date.now())).toBeLessThan(60_000);
    expect(existsSync(playground.databasePath)).toBe(true);
  });
});
