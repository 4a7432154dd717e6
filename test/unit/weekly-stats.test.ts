import { describe, expect, it } from 'vitest';
import { isBoostAdmin } from '../../src/domain/admin.ts';
import { isoWeek } from '../../src/domain/dates.ts';
import { composeStats, statsWindow, weekNumber, weekStart } from '../../src/domain/weekly-stats.ts';
import { statsMessage } from '../../src/slack/views/stats-message.ts';

const DAY = 86_400_000;

describe('workspace stats', () => {
  it('numbers weeks so that each one starts on a Monday at 00:00 UTC and matches its ISO week', () => {
    for (const ms of [Date.UTC(2026, 0, 1), Date.UTC(2020, 11, 31, 23, 59), Date.UTC(2027, 0, 4)]) {
      const start = weekStart(weekNumber(ms));
      expect(new Date(start).getUTCDay()).toBe(1);
      expect(start).toBeLessThanOrEqual(ms);
      expect(ms - start).toBeLessThan(7 * DAY);
      expect(isoWeek(start)).toBe(isoWeek(ms));
    }
  });

  it('covers the last eight weeks, the current one last', () => {
    const now = Date.UTC(2026, 2, 4, 15); // a Wednesday
    const window = statsWindow(now, 8);
    expect(window.weeks).toHaveLength(8);
    expect(isoWeek(weekStart(window.weeks[7] ?? 0))).toBe(isoWeek(now));
    expect(window.from).toBe(weekStart(window.weeks[0] ?? 0));
  });

  it('shows every week, quiet ones as zeros, with totals that count each helper once', () => {
    const window = statsWindow(Date.UTC(2026, 2, 4), 3);
    const [first = 0, , last = 0] = window.weeks;
    const stats = composeStats(
      window,
      [
        { week: first, requests: 2, optIns: 5, shares: 3, helpers: 4 },
        { week: last, requests: 1, optIns: 1, shares: 0, helpers: 1 },
      ],
      4,
    );
    expect(stats.weeks.map((week) => week.requests)).toEqual([2, 0, 1]);
    expect(stats.totals).toEqual({ week: 'total', requests: 3, helpers: 4, optIns: 6, shares: 3 });
  });

  it('renders figures only, with no mention of anyone', () => {
    const stats = composeStats(statsWindow(Date.UTC(2026, 2, 4), 8), [], 0);
    const text = JSON.stringify(statsMessage('en', stats));
    expect(text).toContain('Requests');
    expect(text).not.toMatch(/<@|<!/);
  });
});

describe('who is a Boost admin', () => {
  it('is someone in BOOST_ADMINS or a Slack admin or owner, and nobody else', () => {
    expect(isBoostAdmin('U1', new Set(['U1']), undefined)).toBe(true);
    expect(isBoostAdmin('U2', new Set(['U1']), { isAdmin: true })).toBe(true);
    expect(isBoostAdmin('U2', new Set(['U1']), { isAdmin: false })).toBe(false);
    expect(isBoostAdmin('U2', new Set(), undefined)).toBe(false);
  });
});
