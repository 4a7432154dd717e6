// Slack's text conventions the page needs outside any markup: escaped entities, :emoji: codes, plain_text objects, and
// <!date> tokens as Slack's clients show them, in the reader's time zone.

export interface Reader {
  /** The reader's IANA time zone, for <!date> tokens. */
  tz: string;
  /** "Now" on the playground's clock, for "today" and "tomorrow". */
  now: number;
  userName(id: string): string | undefined;
  channelName(id: string): string | undefined;
}

const EMOJI: Record<string, string> = {
  alarm_clock: '⏰',
  bell: '🔔',
  calendar: '📅',
  clap: '👏',
  heart: '❤️',
  link: '🔗',
  lock: '🔒',
  mag: '🔍',
  memo: '📝',
  raised_hands: '🙌',
  rocket: '🚀',
  sparkles: '✨',
  tada: '🎉',
  thumbsup: '👍',
  warning: '⚠️',
  wastebasket: '🗑️',
  wave: '👋',
  white_check_mark: '✅',
  x: '❌',
};

export function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function emojify(text: string): string {
  return text.replace(/:([a-z0-9_+-]+):/g, (code, name: string) => EMOJI[name] ?? code);
}

/** Plain text as Slack shows it (`emoji: true` turns :codes: into emoji). */
export function plainText(text: { text?: unknown; emoji?: unknown } | undefined): string {
  const raw = String(text?.text ?? '');
  return text?.emoji === false ? raw : emojify(raw);
}

/** `!date^<seconds>^<format>[^<link>]` with `{date_short_pretty}`-style placeholders, in the reader's zone. */
export function formatDateToken(target: string, fallback: string | undefined, reader: Reader): string {
  const [, seconds = '', format = ''] = target.split('^');
  const ms = Number(seconds) * 1000;
  if (!Number.isFinite(ms) || seconds === '') return fallback ?? '';
  const at = new Date(ms);
  const zone = { timeZone: reader.tz };
  const day = (when: Date) => new Intl.DateTimeFormat('en-CA', { ...zone }).format(when);
  const ordinal = (n: number) => `${n}${['th', 'st', 'nd', 'rd'][n % 100 > 10 && n % 100 < 14 ? 0 : n % 10] ?? 'th'}`;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { ...zone, weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const long = `${parts.month} ${ordinal(Number(parts.day))}, ${parts.year}`;
  const short = new Intl.DateTimeFormat('en-US', { ...zone, month: 'short', day: 'numeric', year: 'numeric' }).format(
    at,
  );
  const relative = (otherwise: string) => {
    const offsetDays = [-1, 0, 1].find((d) => day(new Date(reader.now + d * 86_400_000)) === day(at));
    return offsetDays === undefined ? otherwise : (['yesterday', 'today', 'tomorrow'][offsetDays + 1] ?? otherwise);
  };
  const time = new Intl.DateTimeFormat('en-US', { ...zone, hour: 'numeric', minute: '2-digit' }).format(at);
  const values: Record<string, string> = {
    date_num: day(at),
    date: long,
    date_short: short,
    date_long: `${parts.weekday}, ${long}`,
    date_pretty: relative(long),
    date_short_pretty: relative(short),
    date_long_pretty: relative(`${parts.weekday}, ${long}`),
    time,
    time_secs: new Intl.DateTimeFormat('en-US', { ...zone, timeStyle: 'medium' }).format(at),
  };
  return format.replace(/\{([a-z_]+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}
