import { describe, expect, it } from 'vitest';
import {
  DECIDE_AT_LEAST_EVERY_MS,
  digestSlot,
  EVERY_CLOCK,
  isCronPattern,
  isTimeZone,
  nextDecisionAt,
  offsetAt,
  weekIn,
  weeksAround,
  zoneOf,
} from '../../src/domain/schedule.ts';

const MONDAY_9 = '0 9 * * 1';
const at = (iso: string) => Date.parse(iso);

describe('digestSlot', () => {
  it('is not due before 09:00 on Monday in the person’s zone, and due from then on', () => {
    const paris = { tz: 'Europe/Paris' };
    // 2026-03-02 is a Monday; Paris is UTC+1 in March before the clocks change.
    expect(digestSlot(MONDAY_9, paris, at('2026-03-02T07:59:59Z'))).toBeUndefined();
    expect(digestSlot(MONDAY_9, paris, at('2026-03-02T08:00:00Z'))).toEqual({
      dueAt: at('2026-03-02T08:00:00Z'),
      week: '2026-W10',
    });
  });

  it('stays due for the rest of the week, so a run after downtime catches up', () => {
    const slot = digestSlot(MONDAY_9, { tz: 'Europe/Paris' }, at('2026-03-08T22:00:00Z'));
    expect(slot).toEqual({ dueAt: at('2026-03-02T08:00:00Z'), week: '2026-W10' });
  });

  it('lets the slot go once the week is over there', () => {
    // Sunday 23:30 UTC is already Monday 00:30 in Paris: a new week whose 09:00 has not come yet.
    expect(digestSlot(MONDAY_9, { tz: 'Europe/Paris' }, at('2026-03-08T23:30:00Z'))).toBeUndefined();
  });

  it('puts Monday 09:00 in Kiritimati (UTC+14) on Sunday 19:00 UTC', () => {
    const kiritimati = { tz: 'Pacific/Kiritimati' };
    expect(digestSlot(MONDAY_9, kiritimati, at('2026-03-01T18:59:00Z'))).toBeUndefined();
    expect(digestSlot(MONDAY_9, kiritimati, at('2026-03-01T19:00:00Z'))).toEqual({
      dueAt: at('2026-03-01T19:00:00Z'),
      week: '2026-W10',
    });
  });

  it('puts Monday 09:00 in Pago Pago (UTC-11) on Monday 20:00 UTC', () => {
    const pagoPago = { tz: 'Pacific/Pago_Pago' };
    expect(digestSlot(MONDAY_9, pagoPago, at('2026-03-02T19:59:00Z'))).toBeUndefined();
    expect(digestSlot(MONDAY_9, pagoPago, at('2026-03-02T20:00:00Z'))?.dueAt).toBe(at('2026-03-02T20:00:00Z'));
  });

  it('follows daylight saving time: 09:00 stays 09:00 on the local clock', () => {
    const newYork = { tz: 'America/New_York' };
    // EST (UTC-5) in early March, EDT (UTC-4) after the second Sunday of March.
    expect(digestSlot(MONDAY_9, newYork, at('2026-03-02T14:00:00Z'))?.dueAt).toBe(at('2026-03-02T14:00:00Z'));
    expect(digestSlot(MONDAY_9, newYork, at('2026-03-09T13:00:00Z'))?.dueAt).toBe(at('2026-03-09T13:00:00Z'));
  });

  it('works with a fixed offset when the zone name is unknown', () => {
    const plusFive = { offsetSeconds: 5 * 3600 };
    expect(digestSlot(MONDAY_9, plusFive, at('2026-03-02T03:59:00Z'))).toBeUndefined();
    expect(digestSlot(MONDAY_9, plusFive, at('2026-03-02T04:00:00Z'))?.week).toBe('2026-W10');
  });

  it('sends once a week even with a daily pattern: the week’s first slot counts', () => {
    const slot = digestSlot('0 9 * * *', { tz: 'UTC' }, at('2026-03-04T12:00:00Z'));
    expect(slot?.week).toBe('2026-W10');
  });
});

describe('nextDecisionAt (when the minute tick must decide again)', () => {
  const HOUR = 3_600_000;
  const MINUTE = 60_000;

  it('waits an hour in the middle of the week, when no clock on Earth shows Monday 09:00', () => {
    const wednesday = at('2026-03-04T10:00:00Z');
    expect(DECIDE_AT_LEAST_EVERY_MS).toBe(HOUR);
    expect(nextDecisionAt(MONDAY_9, EVERY_CLOCK, wednesday)).toBe(wednesday + HOUR);
  });

  it('comes with the first Monday 09:00 anywhere: Kiritimati’s (UTC+14), on Sunday at 19:00 UTC', () => {
    expect(nextDecisionAt(MONDAY_9, EVERY_CLOCK, at('2026-03-01T18:30:00Z'))).toBe(at('2026-03-01T19:00:00Z'));
  });

  it('never counts the slot it was decided at, and finds the next one a quarter of an hour later', () => {
    const monday9Utc = at('2026-03-09T09:00:00Z');
    expect(nextDecisionAt(MONDAY_9, EVERY_CLOCK, monday9Utc)).toBe(monday9Utc + 15 * MINUTE);
  });

  it('leaves no slot of any zone between two decisions, odd offsets and daylight saving time included', () => {
    const zones = [
      'Pacific/Kiritimati',
      'Pacific/Chatham',
      'Australia/Eucla',
      'Asia/Kathmandu',
      'Asia/Kolkata',
      'Europe/Paris',
      'America/St_Johns',
      'America/New_York',
      'Pacific/Pago_Pago',
    ];
    for (const tz of zones) {
      // The Monday after the USA moved its clocks (2026-03-08), and one in Europe's summer time.
      for (const now of [at('2026-03-10T12:00:00Z'), at('2026-07-08T12:00:00Z')]) {
        const slot = digestSlot(MONDAY_9, { tz }, now);
        if (!slot) throw new Error(`no slot this week in ${tz}`);
        expect(nextDecisionAt(MONDAY_9, EVERY_CLOCK, slot.dueAt - MINUTE), tz).toBeLessThanOrEqual(slot.dueAt);
      }
    }
  });

  it('with one zone for everyone, follows that zone alone', () => {
    const tokyo = [{ tz: 'Asia/Tokyo' }];
    expect(nextDecisionAt(MONDAY_9, tokyo, at('2026-03-08T23:30:00Z'))).toBe(at('2026-03-09T00:00:00Z'));
    expect(nextDecisionAt(MONDAY_9, tokyo, at('2026-03-09T00:00:00Z'))).toBe(at('2026-03-09T01:00:00Z'));
  });
});

describe('zones and weeks', () => {
  it('reads offsets with daylight saving time', () => {
    expect(offsetAt({ tz: 'Europe/Paris' }, at('2026-01-15T12:00:00Z'))).toBe(3600);
    expect(offsetAt({ tz: 'Europe/Paris' }, at('2026-07-15T12:00:00Z'))).toBe(7200);
    expect(offsetAt({ tz: 'Pacific/Kiritimati' }, at('2026-07-15T12:00:00Z'))).toBe(14 * 3600);
  });

  it('counts the ISO week on the local calendar', () => {
    const sundayEvening = at('2026-03-01T20:00:00Z');
    expect(weekIn({ tz: 'UTC' }, sundayEvening)).toBe('2026-W09');
    expect(weekIn({ tz: 'Pacific/Kiritimati' }, sundayEvening)).toBe('2026-W10');
    expect(weeksAround(sundayEvening)).toEqual(['2026-W09', '2026-W10']);
    expect(weeksAround(at('2026-03-04T12:00:00Z'))).toEqual(['2026-W10']);
  });

  it('takes the zone of a cached profile, falling back to its offset, and knows when it is unknown', () => {
    expect(zoneOf({ tz: 'Asia/Tokyo', tzOffsetSeconds: 32400 })).toEqual({ tz: 'Asia/Tokyo' });
    expect(zoneOf({ tz: 'Not/AZone', tzOffsetSeconds: 3600 })).toEqual({ offsetSeconds: 3600 });
    expect(zoneOf({ tz: null, tzOffsetSeconds: null })).toBeUndefined();
    expect(zoneOf(undefined)).toBeUndefined();
  });

  it('validates settings values', () => {
    expect(isTimeZone('Pacific/Pago_Pago')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isCronPattern('0 9 * * 1')).toBe(true);
    expect(isCronPattern('every monday')).toBe(false);
  });
});
