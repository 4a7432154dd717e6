import { describe, expect, it } from 'vitest';
import { addDays, endOfLocalDay, formatDeadline, isoWeek, localDate } from '../../src/domain/dates.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const utc = (date: string, time = '12:00') => Date.parse(`${date}T${time}:00Z`);

describe('isoWeek', () => {
  it.each([
    ['2026-12-28', '2026-W53'],
    ['2026-12-31', '2026-W53'],
    ['2027-01-01', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2020-12-31', '2020-W53'],
    ['2021-01-01', '2020-W53'],
    ['2021-01-04', '2021-W01'],
    ['2024-12-30', '2025-W01'],
    ['2026-06-15', '2026-W25'],
  ])('puts %s in %s', (date, week) => {
    expect(isoWeek(utc(date))).toBe(week);
  });

  it('uses the local date of the given time zone', () => {
    const sundayLateUtc = utc('2026-12-27', '23:30');
    expect(isoWeek(sundayLateUtc)).toBe('2026-W52');
    expect(isoWeek(sundayLateUtc, 3600)).toBe('2026-W53');
    expect(isoWeek(utc('2026-12-28', '05:00'), -12 * 3600)).toBe('2026-W52');
  });

  it('starts a new week on every Monday and week 1 always holds January 4th', () => {
    let previous = isoWeek(utc('2014-12-31'));
    for (let day = utc('2015-01-01'); day < utc('2036-01-01'); day += DAY) {
      const week = isoWeek(day);
      const isMonday = new Date(day).getUTCDay() === 1;
      expect(week !== previous).toBe(isMonday);
      if (localDate(day, 0).endsWith('-01-04')) expect(week).toBe(`${localDate(day, 0).slice(0, 4)}-W01`);
      previous = week;
    }
  });
});

describe('localDate', () => {
  it('gives the calendar date in the time zone', () => {
    expect(localDate(utc('2026-03-01', '05:00'), -6 * 3600)).toBe('2026-02-28');
    expect(localDate(utc('2026-02-28', '10:00'), 14 * 3600)).toBe('2026-03-01');
    expect(localDate(utc('2026-02-28', '10:00'), 0)).toBe('2026-02-28');
  });
});

describe('endOfLocalDay', () => {
  it('is the last millisecond of that day in UTC', () => {
    expect(endOfLocalDay('2026-03-10', 0)).toBe(Date.UTC(2026, 2, 10, 23, 59, 59, 999));
  });

  it('is the last millisecond of that day east and west of UTC', () => {
    expect(endOfLocalDay('2026-03-10', 14 * 3600)).toBe(Date.UTC(2026, 2, 10, 9, 59, 59, 999));
    expect(endOfLocalDay('2026-03-10', -12 * 3600)).toBe(Date.UTC(2026, 2, 11, 11, 59, 59, 999));
    expect(endOfLocalDay('2026-03-10', 19_800)).toBe(Date.UTC(2026, 2, 10, 18, 29, 59, 999));
  });

  it('ends the day it names, with the next millisecond on the next day, in any zone', () => {
    for (const offset of [-12 * 3600, -9_000, 0, 19_800, 14 * 3600]) {
      const end = endOfLocalDay('2026-12-31', offset) ?? Number.NaN;
      expect(localDate(end, offset)).toBe('2026-12-31');
      expect(localDate(end + 1, offset)).toBe('2027-01-01');
    }
  });

  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '2026-2-3', '', 'tomorrow', '2026-02-28T00:00'])(
    'is null for %j, which is not a real date',
    (date) => {
      expect(endOfLocalDay(date, 0)).toBeNull();
    },
  );

  it('accepts a leap day', () => {
    expect(endOfLocalDay('2024-02-29', 0)).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
  });
});

describe('addDays', () => {
  it('crosses months, years and leap days', () => {
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-06-15', 365)).toBe('2027-06-15');
  });

  it('refuses a malformed date', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('formatDeadline', () => {
  const offset = -5 * 3600;
  const deadline = endOfLocalDay('2026-06-15', offset) ?? 0;
  const localTime = (date: string, time: string) => utc(date, time) - offset * 1000;

  it.each([
    ['2026-06-15', '00:00', 'today'],
    ['2026-06-15', '23:59', 'today'],
    ['2026-06-14', '00:01', 'tomorrow'],
    ['2026-06-14', '23:30', 'tomorrow'],
    ['2026-06-10', '08:00', 'in 5 days'],
    ['2026-06-16', '00:00', 'yesterday'],
    ['2026-06-16', '23:59', 'yesterday'],
    ['2026-06-17', '09:00', '2 days ago'],
  ])('calls a deadline seen on %s at %s local time %j', (date, time, phrase) => {
    expect(formatDeadline(deadline, localTime(date, time))).toBe(phrase);
  });
});
