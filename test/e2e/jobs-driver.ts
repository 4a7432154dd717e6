import type { BoostHarness } from '../harness/boost.ts';
import type { RecordedCall } from '../harness/fake-slack.ts';

// Helpers shared by the tests of the background jobs (reminders, expiry, digests).

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/**
 * Restarts Boost on the same database, as a deploy or crash recovery would. The harness gives the app the bot's ids,
 * so Bolt makes no start-up auth.test call that the test's teardown could close the fake Slack under.
 */
export async function restart(h: BoostHarness): Promise<void> {
  await h.restart();
}

/** Direct messages Slack accepted for this person. */
export function dmsTo(h: BoostHarness, userId: string): RecordedCall[] {
  return h.slack.dmsTo(userId).filter((call) => call.ok);
}

/** Every direct message Slack accepted, to anyone. */
export function allDms(h: BoostHarness): RecordedCall[] {
  return h.slack.callsTo('chat.postMessage').filter((call) => call.ok && /^[UWD]/.test(String(call.args.channel)));
}
