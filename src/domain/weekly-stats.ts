import { isoWeek } from './dates.ts';

// Workspace figures for admins (`/boost stats`): totals per ISO week, in UTC. Counts of what people did, never who
// did it, never who did not, never a ranking (rules 2 and 10).

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-01 was a Thursday; ISO weeks start on Monday, three days earlier. */
const MONDAY_SHIFT_MS = 3 * DAY_MS;

/** The number of the UTC ISO week holding `ms`, counted from the week of 1970-01-01; the same as SQL's bucket. */
export function weekNumber(ms: number): number {
  return Math.floor((ms + MONDAY_SHIFT_MS) / WEEK_MS);
}

/** Monday 00:00 UTC of week `number`. */
export function weekStart(number: number): number {
  return number * WEEK_MS - MONDAY_SHIFT_MS;
}

export interface StatsWindow {
  /** Week numbers, oldest first, the current week last. */
  weeks: number[];
  /** Monday 00:00 UTC of the oldest week: activity from here on counts. */
  from: number;
}

export function statsWindow(now: number, weekCount: number): StatsWindow {
  const current = weekNumber(now);
  const weeks = Array.from({ length: weekCount }, (_, i) => current - weekCount + 1 + i);
  return { weeks, from: weekStart(weeks[0] ?? current) };
}

/** What the repository counts per week number. */
export interface WeekCounts {
  week: number;
  requests: number;
  optIns: number;
  shares: number;
  /** Distinct people who joined or shared that week. */
  helpers: number;
}

export interface WeekFigures {
  /** ISO week label such as 2026-W09. */
  week: string;
  requests: number;
  helpers: number;
  optIns: number;
  shares: number;
}

export interface WorkspaceStats {
  weeks: WeekFigures[];
  totals: WeekFigures;
}

/** Every week of the window, zeros included, with totals; `helpersOverall` counts each person once over the window. */
export function composeStats(window: StatsWindow, rows: readonly WeekCounts[], helpersOverall: number): WorkspaceStats {
  const byWeek = new Map(rows.map((row) => [row.week, row]));
  const weeks = window.weeks.map((number) => {
    const row = byWeek.get(number);
    return {
      week: isoWeek(weekStart(number)),
      requests: row?.requests ?? 0,
      helpers: row?.helpers ?? 0,
      optIns: row?.optIns ?? 0,
      shares: row?.shares ?? 0,
    };
  });
  const sum = (key: 'requests' | 'optIns' | 'shares') => weeks.reduce((total, week) => total + week[key], 0);
  return {
    weeks,
    totals: {
      week: 'total',
      requests: sum('requests'),
      helpers: helpersOverall,
      optIns: sum('optIns'),
      shares: sum('shares'),
    },
  };
}
