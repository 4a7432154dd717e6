import type { BoostRequest, Participation } from './types.ts';

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

/**
 * Rule 5: one reminder, only to someone who asked for it, only while it can still help: not after they shared or
 * withdrew (the participation is then gone), not once the request is closed, and not when reminders are off for them.
 */
export function isReminderDue(
  participation: Pick<Participation, 'remindMe' | 'remindedAt' | 'sharedAt'>,
  request: Pick<BoostRequest, 'status' | 'deadlineAt'>,
  remindersOn: boolean,
  now: number,
): boolean {
  return (
    remindersOn &&
    participation.remindMe &&
    participation.remindedAt === null &&
    participation.sharedAt === null &&
    request.status === 'open' &&
    now >= reminderDueAt(request.deadlineAt) &&
    now < request.deadlineAt
  );
}
