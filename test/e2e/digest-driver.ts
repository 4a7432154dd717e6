import { expect } from 'vitest';
import type { Boost } from '../../src/app.ts';
import type { CliOutput } from '../../src/jobs/digest-cli.ts';
import { appHomeOpened } from '../../src/playground/payloads.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { type BoostHarness, TEAM, TEST_SECRET, TEST_TOKEN } from '../harness/boost.ts';
import {
  allDms,
  click,
  createRequest,
  DAY,
  dayFromNow,
  optIn,
  type Posted,
  REQUESTER,
  rows,
} from '../harness/driver.ts';
import type { StoredMessage } from '../harness/fake-slack.ts';

// The workspace history and helpers shared by the digest tests (digest.test.ts and digest-cli.test.ts).

// Wednesday of ISO week 2026-W10: the activity the digests of Monday 2026-03-09 (week W11) report on.
export const WEDNESDAY = Date.parse('2026-03-04T10:00:00Z');
export const MONDAY_9_UTC = Date.parse('2026-03-09T09:00:00Z');

export const SHARER = 'UHELPSHR1';
export const JOINER = 'UHELPJOIN';
export const SUBSCRIBER = 'USUBSCRIB';
export const STOPPED = 'USTOPPED1';
export const NEWCOMER = 'UNEWCOMER';
export const OLD_HELPER = 'UOLDHELP1';
export const OLD_REQUESTER = 'UOLDREQ01';
export const ELIGIBLE = [JOINER, SHARER, SUBSCRIBER, REQUESTER].sort();

/** The people Slack accepted a digest DM for (digests are the only DMs these scenarios send). */
export const recipients = (h: BoostHarness<Boost>) => allDms(h).map((call) => String(call.args.channel));

export const deliveries = (h: BoostHarness<Boost>) =>
  rows<{ user_id: string; iso_week: string; claimed_at: number; sent_at: number | null }>(
    h,
    'select user_id, iso_week, claimed_at, sent_at from digest_deliveries order by user_id',
  );

/** The digest as it is now in the person's DM with Boost. */
export function digestIn(h: BoostHarness<Boost>, userId: string): StoredMessage {
  const [message] = h.slack.messages(userId);
  if (!message) throw new Error(`no DM for ${userId}`);
  return message;
}

export function cliEnv(h: BoostHarness<Boost>): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: TEST_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SECRET,
    SLACK_API_URL: h.slack.apiUrl,
    DATABASE_PATH: h.config.DATABASE_PATH,
    ...(h.config.DATABASE_URL ? { DATABASE_URL: h.config.DATABASE_URL } : {}),
    LOG_LEVEL: 'warn',
  };
}

export function captured(): CliOutput & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
}

/**
 * A workspace with a history: a request from six weeks ago (its helper is no longer "recent"), and this week's request
 * with a helper who shared, one who only joined, one who then stopped digests, a subscriber who never helped, and a
 * newcomer who only opened App Home.
 */
export async function scenario(h: BoostHarness<Boost>): Promise<Posted> {
  h.clock.set(Date.parse('2026-01-20T10:00:00Z'));
  const old = await createRequest(h, { title: 'Old news', deadline: dayFromNow(h, 3) }, OLD_REQUESTER);
  await optIn(h, OLD_HELPER, old);
  await h.boost.jobs.expiry.runOnce(h.clock.now() + 5 * DAY);

  h.clock.set(WEDNESDAY);
  const posted = await createRequest(h, { title: 'Spring launch', deadline: dayFromNow(h, 12) });
  await optIn(h, SHARER, posted);
  await click(h, SHARER, ACTIONS.markShared, posted);
  await optIn(h, JOINER, posted);
  await optIn(h, STOPPED, posted);
  await h.boost.context.repos.settings.update(TEAM, STOPPED, { digest: false }, WEDNESDAY);
  await h.boost.context.repos.settings.update(TEAM, SUBSCRIBER, { digest: true }, WEDNESDAY);
  const opened = await h.sender.event(appHomeOpened(NEWCOMER));
  expect(opened.status).toBe(200);
  return posted;
}
