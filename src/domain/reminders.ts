/** "Remind me before the deadline" means one message about a day before it. */
export const REMINDER_LEAD_MS = 24 * 60 * 60 * 1000;

/** When a reminder for this deadline is sent. */
export function reminderDueAt(deadlineAt: number): number {
  return deadlineAt - REMINDER_LEAD_MS;
}

/** A reminder only makes sense while its moment is still ahead; with less than a day left there is nothing to remind. */
export function canStillRemind(deadlineAt: number, now: number): boolean {
  return now < reminderDueAt(deadlineAt);
}
