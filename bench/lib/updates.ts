import type { CallSummary } from '../servers/fake-slack.ts';

// How a request message was updated during a burst of clicks, from the chat.update calls the fake Slack received.

export interface UpdatePace {
  /** The longest time without an update while clicks were arriving (from the first click to the last). */
  longestGap: number;
  /** The shortest time between two updates, on arrival at the fake Slack. */
  closest: number;
  /**
   * The pace of updates from the first one of the burst to the final state: intervals per second between them (three
   * updates a second apart are a pace of 1/s). "About one a second" while the message catches up.
   */
  rate: number;
}

/** `updates` in the order they arrived; `finalAt` is when the exact final counts arrived. */
export function updatePace(
  updates: readonly CallSummary[],
  firstClick: number,
  lastClick: number,
  finalAt: number,
): UpdatePace {
  const during = updates.map((call) => call.at).filter((at) => at >= firstClick && at <= lastClick);
  const marks = [firstClick, ...during, lastClick];
  let longestGap = 0;
  for (let i = 1; i < marks.length; i++)
    longestGap = Math.max(longestGap, (marks[i] as number) - (marks[i - 1] as number));
  let closest = Number.POSITIVE_INFINITY;
  for (let i = 1; i < updates.length; i++) {
    closest = Math.min(closest, (updates[i] as CallSummary).at - (updates[i - 1] as CallSummary).at);
  }
  const updatesUntilFinal = updates.filter((call) => call.at >= firstClick && call.at <= finalAt);
  const first = updatesUntilFinal[0]?.at ?? firstClick;
  const last = updatesUntilFinal.at(-1)?.at ?? first;
  const rate = last > first ? (updatesUntilFinal.length - 1) / ((last - first) / 1000) : 0;
  return { longestGap, closest, rate };
}
