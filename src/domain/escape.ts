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
 * and `>` become entities, bare broadcast words are broken up, and a direction override left open is closed. Everything
 * else is kept as typed.
 */
export function escapeMrkdwn(text: string): string {
  return closeBidiControls(stripControlCharacters(text))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(BROADCAST_WORD, `@${WORD_JOINER}$1`);
}

/**
 * User text for a plain_text field (a header, a button): without control characters, with direction overrides it
 * leaves open closed, and at most `max` UTF-16 units once closed.
 */
export function plainTextWithin(text: string, max: number): string {
  const clean = stripControlCharacters(text);
  let room = max;
  for (;;) {
    const cut = closeBidiControls(truncate(clean, room));
    if (cut.length <= max) return cut;
    room -= cut.length - max;
  }
}

// Spaces, format characters (zero-width spaces, joiners, direction marks), controls, lone combining marks and the
// blank-looking fillers (Hangul fillers, the blank Braille pattern).
const VISIBLE = /[^\p{White_Space}\p{Cf}\p{Cc}\p{Mn}\p{Me}\u115f\u1160\u3164\uffa0\u2800]/u;

/** Whether people would see anything of `text` at all. */
export function hasVisibleText(text: string): boolean {
  return VISIBLE.test(text);
}

const POP_DIRECTIONAL_FORMATTING = '\u202c';
const POP_DIRECTIONAL_ISOLATE = '\u2069';

/**
 * Closes the direction embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2068) that the text opens and leaves
 * open. User text is often followed by Boost's own words on the same line ("… (3 in, 1 shared)"); an open right-to-left
 * override would display those reversed. Text that opens none, or closes what it opens, is returned unchanged.
 */
export function closeBidiControls(text: string): string {
  const open: string[] = [];
  for (const char of text) {
    if (char === '\n' || char === '\u2029')
      open.length = 0; // a new paragraph starts with no open controls
    else if (char >= '\u202a' && char <= '\u202e' && char !== POP_DIRECTIONAL_FORMATTING)
      open.push(POP_DIRECTIONAL_FORMATTING);
    else if (char >= '\u2066' && char <= '\u2068') open.push(POP_DIRECTIONAL_ISOLATE);
    else if (char === POP_DIRECTIONAL_FORMATTING && open.at(-1) === POP_DIRECTIONAL_FORMATTING) open.pop();
    else if (char === POP_DIRECTIONAL_ISOLATE) {
      // A closed isolate also closes every embedding opened inside it.
      const isolate = open.lastIndexOf(POP_DIRECTIONAL_ISOLATE);
      if (isolate >= 0) open.length = isolate;
    }
  }
  return open.length === 0 ? text : text + open.reverse().join('');
}

/** Slack sends `&`, `<` and `>` typed by people as entities (in command text and message text); this restores them. */
export function decodeSlackEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** The longest entity Slack text carries (`&amp;`, `&#128512;`), for telling a cut entity from a bare `&`. */
const LONGEST_ENTITY = 10;

/**
 * At most `max` UTF-16 units (the unit of Slack's limits), ending in `…` when cut. Cuts between graphemes, so an emoji,
 * a flag or a letter with its accents is never split. Truncate plain text before escaping it; for mrkdwn, truncateMrkdwn.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  return `${text.slice(0, graphemeStart(text, Math.floor(max) - 1)).trimEnd()}${ELLIPSIS}`;
}

/**
 * truncate for mrkdwn that is already escaped or built: also never cuts inside `<…>` (a link, mention or date, which
 * would show as raw markup with no working link) nor inside an entity such as `&amp;`; what would be cut is left out.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  let end = graphemeStart(text, Math.floor(max) - 1);
  const open = text.lastIndexOf('<', end - 1);
  if (open >= 0 && text.lastIndexOf('>', end - 1) < open) end = open;
  const entity = text.lastIndexOf('&', end - 1);
  if (entity >= 0 && end - entity <= LONGEST_ENTITY && !text.slice(entity, end).includes(';')) end = entity;
  return `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

/** Where the grapheme holding `index` starts. Boundaries up to `index` depend only on the text up to the code point there. */
function graphemeStart(text: string, index: number): number {
  return GRAPHEMES.segment(text.slice(0, index + 2)).containing(index)?.index ?? index;
}
