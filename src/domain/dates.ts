const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** ISO-8601 week of the local date, such as `2026-W53`; the year is the week-numbering year, not the calendar year. */
export function isoWeek(ms: number, tzOffsetSeconds = 0): string {
  const local = new Date(ms + tzOffsetSeconds * 1000);
  const isoDayOfWeek = local.getUTCDay() || 7;
  // The Thursday of a week decides which year the week belongs to.
  const thursday = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 4 - isoDayOfWeek);
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The calendar date (YYYY-MM-DD) at `ms` in a zone `tzOffsetSeconds` east of UTC. */
export function localDate(ms: number, tzOffsetSeconds: number): string {
  return new Date(ms + tzOffsetSeconds * 1000).toISOString().slice(0, 10);
}

/** The last millisecond (23:59:59.999) of `date` in the zone; null when `date` is not a real YYYY-MM-DD date. */
export function endOfLocalDay(date: string, tzOffsetSeconds: number): number | null {
  const midnight = utcMidnight(date);
  return midnight === null ? null : midnight + DAY_MS - 1 - tzOffsetSeconds * 1000;
}

/** The calendar date `days` after `date` (negative goes back). Throws on a malformed date. */
export function addDays(date: string, days: number): string {
  const midnight = utcMidnight(date);
  if (midnight === null) throw new RangeError(`Not a calendar date: ${date}`);
  return new Date(midnight + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * "today", "tomorrow", "in 5 days", "yesterday", "2 days ago". Deadlines are the end of a day in the requester's zone,
 * so the whole days left before it are exactly the calendar days ahead there.
 */
export function formatDeadline(deadlineAt: number, now: number): string {
  if (deadlineAt >= now) {
    const daysAhead = Math.floor((deadlineAt - now) / DAY_MS);
    if (daysAhead === 0) return 'today';
    return daysAhead === 1 ? 'tomorrow' : `in ${daysAhead} days`;
  }
  const daysAgo = Math.ceil((now - deadlineAt) / DAY_MS);
  return daysAgo === 1 ? 'yesterday' : `${daysAgo} days ago`;
}

function utcMidnight(date: string): number | null {
  if (!DATE_PATTERN.test(date)) return null;
  const ms = Date.parse(`${date}T00:00:00Z`);
  // Round-tripping rejects dates that parse leniently, such as 2026-02-30.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) return null;
  return ms;
}
