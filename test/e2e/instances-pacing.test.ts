import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/slack/ids.ts';
import {
  type BoostInstances,
  openHomeOn,
  type PostedMessage,
  postRequest,
  press,
  startInstances,
} from '../harness/boost-instances.ts';
import type { BoostProcess } from '../harness/boost-process.ts';
import { countsIn, eventually, helpers, MIN_UPDATE_GAP_MS, REQUESTER, visibleText } from '../harness/driver.ts';
import type { RecordedCall } from '../harness/fake-slack.ts';

// Two Boost processes on one PostgreSQL, as behind a load balancer: Slack's deliveries are spread over both, and every
// pacing rule holds across them. Both call the same fake Slack, whose record therefore holds every instance's calls.

/** Production's pace of a person's Home: one publish per three seconds. */
const HOME_INTERVAL_MS = 3000;

const updatesOf = (cluster: BoostInstances, posted: PostedMessage) =>
  cluster.slack
    .callsTo('chat.update')
    .filter((call) => call.args.channel === posted.channel && call.args.ts === posted.ts);

/** Slack's deliveries of a crowd's clicks: `inFlight` at a time, as a load balancer passes them on. */
async function crowd<T>(items: T[], send: (item: T, index: number) => Promise<void>, inFlight = 50): Promise<void> {
  let next = 0;
  const sender = async () => {
    for (let index = next++; index < items.length; index = next++) await send(items[index] as T, index);
  };
  await Promise.all(Array.from({ length: inFlight }, sender));
}

const gapsBetween = (calls: RecordedCall[]) => calls.slice(1).map((call, i) => call.at - (calls[i]?.at ?? 0));

async function participants(cluster: BoostInstances, posted: PostedMessage): Promise<string[]> {
  const rows = await cluster.rows<{ user_id: string }>(
    'select user_id from participations where request_id = $1 order by user_id',
    posted.id,
  );
  return rows.map((row) => row.user_id);
}

/** Waits until the request's message in the channel shows `optedIn` people in. */
async function messageShows(cluster: BoostInstances, posted: PostedMessage, optedIn: number): Promise<void> {
  const message = () => visibleText(cluster.slack.message(posted.channel, posted.ts) ?? {});
  await eventually(() => message().includes(`${optedIn} in, 0 shared`), 30_000, `the message to show ${optedIn} in`);
}

describe('two instances on one PostgreSQL', () => {
  let cluster: BoostInstances;
  afterEach(async () => {
    await cluster?.stop();
  });

  it('counts 500 opt-ins spread over both exactly, with the message updated about once a second across both', async () => {
    cluster = await startInstances(2);
    const [first, second] = cluster.instances as [BoostProcess, BoostProcess];
    const posted = await postRequest(cluster, first, 'Launch day');
    const answers: number[] = [];

    await crowd(helpers(500), async (userId, i) => {
      answers.push(await press(cluster, i % 2 === 0 ? first : second, userId, ACTIONS.optIn, posted, 2));
    });

    expect(answers).toEqual(answers.map(() => 200));
    await messageShows(cluster, posted, 500);
    expect(await participants(cluster, posted)).toHaveLength(500);
    const updates = updatesOf(cluster, posted);
    expect(countsIn(updates.at(-1) as RecordedCall)).toEqual([500, 0]);
    for (const gap of gapsBetween(updates)) expect(gap).toBeGreaterThanOrEqual(MIN_UPDATE_GAP_MS);
  }, 120_000);

  it('loses no acknowledged click when one instance is killed mid-burst, and the other sends the final update', async () => {
    cluster = await startInstances(2);
    const [doomed, survivor] = cluster.instances as [BoostProcess, BoostProcess];
    const posted = await postRequest(cluster, survivor, 'Launch day');
    // A first wave over both, then a wave on the doomed instance only, killed once half of it is acknowledged: its
    // last update waits for the pace when it dies, and nothing reaches the survivor after that.
    const firstWave = helpers(100, 'UFIRST');
    const lastWave = helpers(100, 'ULAST');
    const acknowledged: string[] = [];
    const pressAndNote = async (instance: BoostProcess, userId: string) => {
      const status = await press(cluster, instance, userId, ACTIONS.optIn, posted).catch(() => 0);
      if (status === 200) acknowledged.push(userId);
    };
    await crowd(firstWave, (userId, i) => pressAndNote(i % 2 === 0 ? doomed : survivor, userId));

    let killed: Promise<unknown> | undefined;
    await crowd(lastWave, async (userId) => {
      await pressAndNote(doomed, userId);
      if (acknowledged.length >= firstWave.length + lastWave.length / 2) killed ??= doomed.kill('SIGKILL');
    });
    expect(await killed).toBe('SIGKILL');

    const counted = await participants(cluster, posted);
    expect(counted).toEqual(expect.arrayContaining(acknowledged));
    await messageShows(cluster, posted, counted.length);
    expect(countsIn(updatesOf(cluster, posted).at(-1) as RecordedCall)).toEqual([counted.length, 0]);
    expect(await participants(cluster, posted)).toHaveLength(counted.length);
  }, 120_000);

  it("holds back the other instance's updates in the workspace while Slack's Retry-After to one instance runs", async () => {
    cluster = await startInstances(2);
    const [limited, other] = cluster.instances as [BoostProcess, BoostProcess];
    const posted = await postRequest(cluster, limited, 'Launch day');
    const second = await postRequest(cluster, other, 'Other launch');
    cluster.slack.rateLimit('chat.update', 2);

    expect(await press(cluster, limited, 'UFIRST001', ACTIONS.optIn, posted)).toBe(200);
    const [rateLimited] = await cluster.slack.waitFor('chat.update');
    expect(rateLimited?.status).toBe(429);
    // What every instance reads before calling that scope.
    await eventually(
      async () => (await cluster.rows('select until from rate_limit_pauses')).length > 0,
      5000,
      'the pause to be shared',
    );
    expect(await press(cluster, other, 'USECOND01', ACTIONS.optIn, second)).toBe(200);
    await messageShows(cluster, second, 1);
    await messageShows(cluster, posted, 1);

    // Slack limits chat.update per workspace: the other instance waits out the pause the first one was given.
    const secondUpdates = updatesOf(cluster, second);
    expect(secondUpdates.map((call) => call.status)).toEqual([200]);
    expect(secondUpdates[0]?.at).toBeGreaterThanOrEqual((rateLimited?.at ?? 0) + 2000 - 5);
    expect(limited.output()).toContain('ratelimited');
    expect(other.output()).not.toContain('ratelimited');
  }, 60_000);

  it("refreshes a person's Home at most once per interval across both, and from either one", async () => {
    cluster = await startInstances(2);
    const [opener, other] = cluster.instances as [BoostProcess, BoostProcess];
    const posted = await postRequest(cluster, opener, 'Launch day');
    await openHomeOn(cluster, opener, REQUESTER);
    await cluster.slack.waitFor((call) => call.method === 'views.publish' && call.args.user_id === REQUESTER);
    const home = () => JSON.stringify(cluster.slack.homeView(REQUESTER)?.blocks ?? []);
    const helpersInTime = helpers(40);

    for (const [i, userId] of helpersInTime.entries()) {
      expect(await press(cluster, i % 2 === 0 ? opener : other, userId, ACTIONS.optIn, posted)).toBe(200);
    }
    await eventually(() => home().includes('40 in, 0 shared'), 30_000, 'the Home to show 40 in');
    // The instance that saw the Home opened is gone: the other one still knows whose Home to keep current.
    await opener.kill('SIGKILL');
    for (const userId of helpers(5, 'ULATE')) {
      expect(await press(cluster, other, userId, ACTIONS.optIn, posted)).toBe(200);
    }

    await eventually(() => home().includes('45 in, 0 shared'), 30_000, 'the Home to show 45 in');
    const publishes = cluster.slack
      .callsTo('views.publish')
      .filter((call) => call.args.user_id === REQUESTER && call.ok);
    for (const gap of gapsBetween(publishes)) expect(gap).toBeGreaterThanOrEqual(HOME_INTERVAL_MS / 2);
    for (const helper of helpersInTime) expect(cluster.slack.homeView(helper)).toBeUndefined();
  }, 90_000);
});
