import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Boost } from '../../src/app.ts';
import { main } from '../../src/jobs/digest-cli.ts';
import { type BoostHarness, startBoost, startBoostOnPostgres, TEAM, TestClock } from '../harness/boost.ts';
import { createRequest, DAY, dayFromNow, HOUR, optIn, REQUESTER } from '../harness/driver.ts';
import {
  captured,
  cliEnv,
  deliveries,
  ELIGIBLE,
  JOINER,
  recipients,
  SHARER,
  scenario,
  WEDNESDAY,
} from './digest-driver.ts';

/** Two `npm run digest` on Friday at the same moment, as on two machines: every eligible person gets one digest. */
async function expectEachDigestOnceFromTwoRunsAtOnce(h: BoostHarness<Boost>): Promise<void> {
  const friday = WEDNESDAY + 2 * DAY;
  const [first, second] = [captured(), captured()];
  const codes = await Promise.all([
    main([], cliEnv(h), first, () => friday),
    main([], cliEnv(h), second, () => friday),
  ]);
  expect(codes).toEqual([0, 0]);
  expect(recipients(h).sort()).toEqual(ELIGIBLE);
  const sentBy = (output: { stdout: string[] }) => Number(/^Sent (\d+) digest/.exec(output.stdout[0] ?? '')?.[1]);
  expect(sentBy(first) + sentBy(second)).toBe(ELIGIBLE.length);
}

describe('npm run digest', () => {
  let h: BoostHarness;
  beforeEach(async () => {
    h = await startBoost({}, new TestClock(WEDNESDAY), { runJobs: false });
    await scenario(h);
  });
  afterEach(async () => {
    await h.stop();
  });

  it('--dry-run prints who would get what and sends nothing', async () => {
    const friday = WEDNESDAY + 2 * DAY;
    const output = captured();
    expect(await main(['--dry-run'], cliEnv(h), output, () => friday)).toBe(0);
    expect(output.stdout[0]).toBe('Dry run: 4 digests would be sent now. Nothing was sent.');
    const listed = output.stdout.slice(1).map((line) => line.trim().split(' ')[0]);
    expect(listed.sort()).toEqual(ELIGIBLE.map((user) => `${TEAM}/${user}`));
    expect(output.stdout.join('\n')).toContain(`${TEAM}/${REQUESTER} 2026-W10 (UTC): 1 request`);
    expect(recipients(h)).toEqual([]);
    expect(await deliveries(h)).toEqual([]);
  });

  it('sends this week’s digests now to everyone eligible, and the scheduled run then sends none again', async () => {
    const friday = WEDNESDAY + 2 * DAY;
    const output = captured();
    expect(await main([], cliEnv(h), output, () => friday)).toBe(0);
    expect(output.stdout).toEqual(['Sent 4 digests.']);
    expect(recipients(h).sort()).toEqual(ELIGIBLE);

    await h.boost.jobs.digest.runOnce(friday + HOUR);
    const again = captured();
    await main([], cliEnv(h), again, () => friday + 2 * HOUR);
    expect(again.stdout).toEqual(['Sent 0 digests.']);
    expect(recipients(h).sort()).toEqual(ELIGIBLE);
  });

  it('sends each digest once when two runs start at the same moment, as on two machines', async () => {
    await expectEachDigestOnceFromTwoRunsAtOnce(h);
  });

  it('names a bad setting and sends nothing', async () => {
    const output = captured();
    expect(await main([], { ...cliEnv(h), DIGEST_TIMEZONE: 'Mars/Olympus' }, output)).toBe(1);
    expect(output.stderr.join('\n')).toContain('DIGEST_TIMEZONE');
    expect(recipients(h)).toEqual([]);
  });
});

describe('a crash in the middle of npm run digest', () => {
  let h: BoostHarness;
  afterEach(async () => {
    await h.stop();
  });

  it('never leads to a second digest: the rest are sent later, those in flight are not sent again', async () => {
    // A child process runs on the real clock, so this workspace's history is recent in real time.
    h = await startBoost({}, new TestClock(Date.now()), { runJobs: false });
    const posted = await createRequest(h, { title: 'Right now', deadline: dayFromNow(h, 5) });
    await optIn(h, SHARER, posted);
    await optIn(h, JOINER, posted);
    // More people than DMs in flight at once, so the kill leaves some unclaimed.
    const subscribers = ['USUB00001', 'USUB00002', 'USUB00003', 'USUB00004', 'USUB00005', 'USUB00006'];
    for (const user of subscribers) {
      await h.boost.context.repos.settings.update(TEAM, user, { digest: true }, Date.now() - HOUR);
    }
    const everyone = [REQUESTER, SHARER, JOINER, ...subscribers].sort();

    // Answers are held back until the process dies, so the four first DMs are all in flight then, however long the
    // process takes to start.
    h.slack.hold('chat.postMessage');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/jobs/digest-cli.ts'], {
      env: { ...process.env, ...cliEnv(h) },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await h.slack.waitFor('chat.postMessage', 60_000, 4);
    child.kill('SIGKILL');
    await exited;
    h.slack.release('chat.postMessage');

    const leftInFlight = await deliveries(h);
    expect(leftInFlight.length).toBeGreaterThanOrEqual(4);
    expect(leftInFlight.length).toBeLessThan(everyone.length);
    expect(leftInFlight.every((row) => row.sent_at === null)).toBe(true);

    const output = captured();
    expect(await main([], cliEnv(h), output)).toBe(0);
    const sent = recipients(h);
    expect(new Set(sent).size).toBe(sent.length);
    // A claim is never sent again: one whose DM had not reached Slack when the process died (a DM that timed out on a
    // slow machine frees its turn for the next claim) is lost, as the claim promises, rather than risk a second digest.
    const claimedAtKill = leftInFlight.map((row) => row.user_id);
    expect([...new Set([...sent, ...claimedAtKill])].sort()).toEqual(everyone);
    expect(output.stdout).toEqual([`Sent ${everyone.length - leftInFlight.length} digests.`]);
  }, 90_000); // Starting tsx takes seconds, more on a busy machine.
});

describe('npm run digest on PostgreSQL (DATABASE_URL)', () => {
  it('sends each digest once when two runs start at the same moment, as on two machines', async () => {
    const h = await startBoostOnPostgres({}, new TestClock(WEDNESDAY), { runJobs: false });
    try {
      await scenario(h);
      await expectEachDigestOnceFromTwoRunsAtOnce(h);
    } finally {
      await h.stop();
    }
  });
});
