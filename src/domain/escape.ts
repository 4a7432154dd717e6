const WORD_JOINER = '\u2060';
const ELLIPSIS = '…';

// With link_names, Slack turns a bare @channel/@here/@everyone into a broadcast; an invisible joiner after the @ stops that.
const BROADCAST_WORD = /@(channel|here|everyone)\b/gi;

/** Removes C0/C1 control characters (terminal escapes, NUL, bells) but keeps newlines and tabs. */
export function stripControlCharacters(text: string): string {
  return text.replace(/\p{Cc}/gu, (char) => (char === '\n' || char === '\t' ? char : ''));
}

/**
 * Makes user text inert in mrkdwn and in notification fallbacks: Slack reads `<…>` as mentions and links, so `&`, `<`
 * and `>` become entities, and bare broadcast words are broken up. Everything else is kept as typed.
 */
export function escapeMrkdwn(text: string): string {
  return stripControlCharacters(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(BROADCAST_WORD, `@${WORD_JOINER}$1`);
}

/** Slack sends `&`, `<` and `>` typed by people as entities (in command text and message text); this restores them. */
export function decodeSlackEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * At most `max` UTF-16 units, ending in `…` when cut. Truncate before escaping, so that an entity is never cut in half.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  let end = Math.floor(max) - 1;
  if (isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
