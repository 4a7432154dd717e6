import { decodeSlackEntities, truncate } from './escape.ts';

export type BoostCommand =
  | { kind: 'new'; url?: string; text?: string }
  | { kind: 'list' | 'mine' | 'help' | 'settings' | 'forget-me' | 'export' | 'stats' }
  | { kind: 'report'; requestId?: number }
  | { kind: 'unknown'; word: string };

type SimpleKind = 'list' | 'mine' | 'help' | 'settings' | 'forget-me' | 'export' | 'stats';

const KEYWORDS: ReadonlyMap<string, SimpleKind> = new Map([
  ['list', 'list'],
  ['mine', 'mine'],
  ['help', 'help'],
  ['?', 'help'],
  ['settings', 'settings'],
  ['forget-me', 'forget-me'],
  ['export', 'export'],
  ['stats', 'stats'],
]);

// Slack sends links in command and message text as <https://x> or <https://x|label>, with & < > as entities. Neither
// part takes a `<`, so a search started at one `<` stops at the next: linear in the text, however many `<` it holds.
const SLACK_LINK = /<(https?:\/\/[^|<>\s]+)(?:\|[^<>]*)?>/i;
const BARE_LINK = /https?:\/\/\S+/i;
const LEADING_LINK = new RegExp(`^(?:${SLACK_LINK.source}|${BARE_LINK.source})`, 'i');

/** What `/boost <text>` asks for. */
export function parseBoostCommand(text: string): BoostCommand {
  const trimmed = text.trim();
  if (!trimmed) return { kind: 'new' };
  const linked = leadingLink(trimmed);
  if (linked) return newRequest(linked.url, linked.rest);

  const first = /^\S+/.exec(trimmed)?.[0] ?? '';
  const rest = trimmed.slice(first.length).trimStart();
  const word = first.toLowerCase();
  const simple = KEYWORDS.get(word);
  if (simple) return { kind: simple };
  if (word === 'report') return parseReport(rest);
  if (word === 'new') {
    const link = leadingLink(rest);
    return link ? newRequest(link.url, link.rest) : newRequest(undefined, rest);
  }
  return { kind: 'unknown', word: truncate(decodeSlackEntities(first), 40) };
}

/** The first web link in Slack message text, for the "Ask for a boost" message shortcut. */
export function firstLinkIn(text: string): string | undefined {
  const found = SLACK_LINK.exec(text)?.[1] ?? BARE_LINK.exec(text)?.[0];
  return found === undefined ? undefined : decodeSlackEntities(found);
}

function leadingLink(text: string): { url: string; rest: string } | undefined {
  const match = LEADING_LINK.exec(text);
  if (!match) return undefined;
  return { url: decodeSlackEntities(match[1] ?? match[0]), rest: text.slice(match[0].length) };
}

function newRequest(url: string | undefined, rest: string): BoostCommand {
  const text = decodeSlackEntities(rest.trim());
  return { kind: 'new', ...(url ? { url } : {}), ...(text ? { text } : {}) };
}

function parseReport(rest: string): BoostCommand {
  const id = /^#?(\d{1,15})(?:\s|$)/.exec(rest.trim())?.[1];
  return id ? { kind: 'report', requestId: Number(id) } : { kind: 'report' };
}
