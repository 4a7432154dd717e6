import { Cron } from 'croner';
import { isoWeek } from './dates.ts';

/**
 * Where a person's week is counted: an IANA zone (`Europe/Paris`), or a fixed offset east of UTC in seconds for the
 * rare profile whose zone name this runtime does not know.
 */
export type Zone = { tz: string } | { offsetSeconds: number };

export const UTC: Zone = { tz: 'UTC' };

/** One person's digest slot this week: when it fell due, and the ISO week it counts for. */
export interface DigestSlot {
  dueAt: number;
  week: string;
}

const zoneNames = new Map<string, boolean>();

/** Whether this runtime knows the IANA zone (`Pacific/Kiritimati` yes, `Mars/Olympus` no). */
export function isTimeZone(name: string): boolean {
  let known = zoneNames.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      known = true;
    } catch {
      known = false;
    }
    zoneNames.set(name, known);
  }
  return known;
}

/** Whether `pattern` is a cron pattern croner accepts (five fields: minute hour day month weekday). */
export function isCronPattern(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true });
    return true;
  } catch {
    return false;
  }
}

/** The zone of a cached profile: its IANA name when known, else the offset Slack gave, else undefined (unknown). */
export function zoneOf(profile: { tz: string | null; tzOffsetSeconds: number | null } | undefined): Zone | undefined {
  if (!profile) return undefined;
  if (profile.tz && isTimeZone(profile.tz)) return { tz: profile.tz };
  if (profile.tzOffsetSeconds !== null) return { offsetSeconds: profile.tzOffsetSeconds };
  return undefined;
}

export function zoneKey(zone: Zone): string {
  return 'tz' in zone ? zone.tz : `UTC${zone.offsetSeconds >= 0 ? '+' : '-'}${formatOffset(zone.offsetSeconds)}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Building an Intl formatter is slow (tens of microseconds); one per zone is kept. */
function formatterFor(tz: string): Intl.DateTimeFormat {
  let formatter = formatters.get(tz);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, formatter);
  }
  return formatter;
}

/** Seconds east of UTC that `zone` is at the instant `ms` (daylight saving time included). */
export function offsetAt(zone: Zone, ms: number): number {
  if (!('tz' in zone)) return zone.offsetSeconds;
  const parts = formatterFor(zone.tz).formatToParts(new Date(ms));
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 1000);
}

/** The ISO week (`2026-W10`) that the instant `ms` falls in, on the calendar of `zone`. */
export function weekIn(zone: Zone, ms: number): string {
  return isoWeek(ms, offsetAt(zone, ms));
}

const crons = new Map<string, Cron>();

/** DIGEST_CRON read on `zone`'s clock; parsing a pattern is not free, so one Cron per pattern and zone is kept. */
function cronIn(pattern: string, zone: Zone): Cron {
  const key = `${pattern}|${zoneKey(zone)}`;
  let cron = crons.get(key);
  if (!cron) {
    cron = new Cron(pattern, {
      paused: true,
      ...('tz' in zone ? { timezone: zone.tz } : { utcOffset: Math.round(zone.offsetSeconds / 60) }),
    });
    crons.set(key, cron);
  }
  return cron;
}

/**
 * This week's digest slot of someone living in `zone`, once it has come: the latest time matching `pattern` (read on
 * that zone's clock) at or before `now`, provided it lies in the same ISO week as `now` there. Undefined before the
 * week's first slot. A run after downtime therefore still finds the slot until the week is over, then lets it go.
 */
export function digestSlot(pattern: string, zone: Zone, now: number): DigestSlot | undefined {
  // croner excludes a run at exactly the reference instant; one millisecond later includes it.
  const [previous] = cronIn(pattern, zone).previousRuns(1, new Date(now + 1));
  if (!previous) return undefined;
  const dueAt = previous.getTime();
  if (dueAt > now) return undefined;
  const week = weekIn(zone, now);
  return weekIn(zone, dueAt) === week ? { dueAt, week } : undefined;
}

/** A scheduled run decides who is due at least this often, for whoever became eligible after their slot. */
export const DECIDE_AT_LEAST_EVERY_MS = 3_600_000;

/**
 * One clock per offset in use on Earth (UTC−12 to UTC+14, in quarter hours). At a person's slot their local time
 * matches DIGEST_CRON at the offset their zone has then, so every slot on anyone's clock is a slot on one of these.
 */
export const EVERY_CLOCK: readonly Zone[] = Array.from({ length: 26 * 4 + 1 }, (_, i) => ({
  offsetSeconds: (i - 12 * 4) * 900,
}));

/**
 * When the scheduled digest run must decide again after deciding at `decidedAt`: at the first slot after it on any of
 * `clocks`, or DECIDE_AT_LEAST_EVERY_MS later if that comes first. Eligibility for a slot is judged on what had
 * happened by the slot, so in between only rare changes (digests turned back on, Boost reinstalled, a slot croner
 * moves around a daylight-saving change) can make someone due; the hourly decision catches up with those.
 */
export function nextDecisionAt(pattern: string, clocks: readonly Zone[], decidedAt: number): number {
  let next = decidedAt + DECIDE_AT_LEAST_EVERY_MS;
  for (const zone of clocks) {
    // Strictly after decidedAt (croner counts whole seconds): a slot at decidedAt itself was part of that decision.
    const slot = cronIn(pattern, zone).nextRun(new Date(decidedAt))?.getTime();
    if (slot !== undefined && slot < next) next = slot;
  }
  return next;
}

/** Computes slots once per zone for a run: thousands of people share a few dozen zones. */
export function slotFinder(pattern: string, now: number): (zone: Zone) => DigestSlot | undefined {
  const memo = new Map<string, DigestSlot | undefined>();
  return (zone) => {
    const key = zoneKey(zone);
    if (!memo.has(key)) memo.set(key, digestSlot(pattern, zone, now));
    return memo.get(key);
  };
}

/** Like slotFinder, for `npm run digest`: the slot is now, in whatever week it is now in each zone. */
export function nowSlotFinder(now: number): (zone: Zone) => DigestSlot {
  const memo = new Map<string, DigestSlot>();
  return (zone) => {
    const key = zoneKey(zone);
    let slot = memo.get(key);
    if (!slot) {
      slot = { dueAt: now, week: weekIn(zone, now) };
      memo.set(key, slot);
    }
    return slot;
  };
}

/** Every ISO week some place on Earth is in at `now` (UTC-12 to UTC+14): one, or two around midnight on Sunday. */
export function weeksAround(now: number): string[] {
  return [...new Set([isoWeek(now, -12 * 3600), isoWeek(now), isoWeek(now, 14 * 3600)])];
}

function formatOffset(seconds: number): string {
  const abs = Math.abs(seconds);
  return `${String(Math.floor(abs / 3600)).padStart(2, '0')}:${String(Math.floor((abs % 3600) / 60)).padStart(2, '0')}`;
}
