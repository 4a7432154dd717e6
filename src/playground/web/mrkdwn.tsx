import type { ComponentChildren } from 'preact';

// Slack's mrkdwn as Slack's clients show it: *bold*, _italic_, ~strike~, `code`, ```preformatted```, > quotes,
// <url|label> links, <@U…> and <#C…> as names, <!here>-style mentions, <!date^…> in the reader's time zone, and the
// three escaped entities (&amp; &lt; &gt;). Text is never parsed as HTML: every piece becomes a text node.

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

export function Mrkdwn({ text, reader }: { text: string; reader: Reader }) {
  return <>{blocksOf(text, reader)}</>;
}

/** Preformatted blocks and quotes first, then each line's inline formatting. */
function blocksOf(text: string, reader: Reader): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  const parts = text.split('```');
  parts.forEach((part, i) => {
    if (i % 2 === 1 && i < parts.length - 1) {
      out.push(<pre class="mrkdwn-pre">{decodeEntities(part.replace(/^\n/, ''))}</pre>);
      return;
    }
    const piece = i % 2 === 1 ? `\`\`\`${part}` : part;
    const lines = piece.split('\n');
    let quote: string[] = [];
    const flushQuote = () => {
      if (quote.length > 0) out.push(<blockquote>{linesOf(quote, reader)}</blockquote>);
      quote = [];
    };
    const plain: string[] = [];
    const flushPlain = () => {
      if (plain.length > 0) out.push(<span>{linesOf(plain.splice(0), reader)}</span>);
    };
    for (const line of lines) {
      const quoted = line.match(/^(?:&gt;|>) ?(.*)$/);
      if (quoted) {
        flushPlain();
        quote.push(quoted[1] ?? '');
      } else {
        flushQuote();
        plain.push(line);
      }
    }
    flushQuote();
    flushPlain();
  });
  return out;
}

function linesOf(lines: string[], reader: Reader): ComponentChildren[] {
  return lines.flatMap((line, i) => (i === 0 ? inline(line, reader) : [<br />, ...inline(line, reader)]));
}

const OPENERS: Record<string, string> = { '*': 'strong', _: 'em', '~': 's' };
const BOUNDARY = /[\s.,;:!?()[\]{}'"«»“”‘’/-]/;

/** Inline formatting of one line: code spans and <…> tokens are atoms; * _ ~ pair up at word boundaries. */
function inline(text: string, reader: Reader): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let plain = '';
  const flush = () => {
    if (plain !== '') out.push(decodeEntities(emojify(plain)));
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const char = text[i] ?? '';
    if (char === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push(<code>{decodeEntities(text.slice(i + 1, end))}</code>);
        i = end + 1;
        continue;
      }
    }
    if (char === '<') {
      const end = text.indexOf('>', i + 1);
      if (end > i) {
        flush();
        out.push(token(text.slice(i + 1, end), reader));
        i = end + 1;
        continue;
      }
    }
    const tag = OPENERS[char];
    if (tag && (i === 0 || BOUNDARY.test(text[i - 1] ?? ' ')) && !/\s/.test(text[i + 1] ?? ' ')) {
      const end = closingOf(text, char, i + 1);
      if (end !== -1) {
        flush();
        const Tag = tag as 'strong';
        out.push(<Tag>{inline(text.slice(i + 1, end), reader)}</Tag>);
        i = end + 1;
        continue;
      }
    }
    plain += char;
    i += 1;
  }
  flush();
  return out;
}

function closingOf(text: string, marker: string, from: number): number {
  for (let j = from + 1; j < text.length; j++) {
    if (text[j] === '<') j = Math.max(j, text.indexOf('>', j));
    if (
      text[j] === marker &&
      !/\s/.test(text[j - 1] ?? ' ') &&
      (j + 1 === text.length || BOUNDARY.test(text[j + 1] ?? ''))
    ) {
      return j;
    }
  }
  return -1;
}

/** One `<…>` token: a mention, a special mention, a date, or a link. */
function token(inner: string, reader: Reader): ComponentChildren {
  const [target = '', label] = splitLabel(inner);
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return <span class="mention">@{reader.userName(id) ?? label ?? id}</span>;
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return <span class="mention">#{reader.channelName(id) ?? label ?? id}</span>;
  }
  if (target.startsWith('!date^')) return <time>{formatDateToken(target, label, reader)}</time>;
  if (target.startsWith('!subteam^')) return <span class="mention">{label ?? '@group'}</span>;
  if (target.startsWith('!')) return <span class="mention">@{label ?? target.slice(1)}</span>;
  const url = decodeEntities(target);
  if (!/^(https?|mailto):/i.test(url)) return decodeEntities(`<${inner}>`);
  return (
    <a href={url} target="_blank" rel="noopener noreferrer">
      {label === undefined ? url : inline(label, reader)}
    </a>
  );
}

function splitLabel(inner: string): [string, string | undefined] {
  const bar = inner.indexOf('|');
  return bar === -1 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
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
