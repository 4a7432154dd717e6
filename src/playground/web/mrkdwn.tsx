import type { ComponentChildren } from 'preact';
import { decodeEntities, emojify, formatDateToken, type Reader } from './slack-text.ts';

// Slack's mrkdwn as Slack's clients show it: *bold*, _italic_, ~strike~, `code`, ```preformatted```, > quotes,
// <url|label> links, <@U…> and <#C…> as names, <!here>-style mentions, <!date^…> in the reader's time zone, and the
// three escaped entities (&amp; &lt; &gt;). Text is never parsed as HTML: every piece becomes a text node.

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
