import type { Message } from '../i18n/index.ts';
import { isInternalHost } from './addresses.ts';
import { addDays, endOfLocalDay, localDate } from './dates.ts';
import { hasVisibleText, truncate } from './escape.ts';
import { isNetwork, NETWORKS, type Network } from './networks.ts';

/** Lengths in characters (code points), so an emoji counts as one. */
export const LIMITS = { url: 2000, title: 150, ask: 1000, suggestedText: 1000, shareUrl: 2000 } as const;

export const DEFAULT_DEADLINE_DAYS = 7;
export const MAX_DEADLINE_DAYS = 365;

export const VOTE_RING_MESSAGE: Message = { key: 'validation.voteRing' };

export interface RequestDraft {
  url: string;
  title?: string;
  ask: string;
  suggestedText?: string;
  networks: string[];
  /** YYYY-MM-DD from a datepicker. */
  deadline?: string;
  channelId?: string;
}

export type DraftField = keyof RequestDraft;
export type DraftErrors = Partial<Record<DraftField, Message>>;

export interface ValidRequest {
  url: string;
  title: string | null;
  ask: string;
  suggestedText: string | null;
  networks: Network[];
  deadlineAt: number;
  channelId: string;
}

export interface DraftContext {
  now: number;
  /** The requester's offset from UTC, in seconds east. */
  tzOffsetSeconds: number;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: Message };

/** Every problem comes back as a message for the modal field it belongs to, so nothing typed is lost. */
export function validateRequestDraft(
  draft: RequestDraft,
  context: DraftContext,
): { ok: true; value: ValidRequest } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {};

  const rawUrl = draft.url?.trim() ?? '';
  const url = rawUrl ? parseWebLink(rawUrl, LIMITS.url) : fail({ key: 'validation.url.missing' });
  if (!url.ok) errors.url = url.error;

  const title = optionalText(draft.title, LIMITS.title, 'validation.field.title');
  if (title.ok && title.value !== null && !hasVisibleText(title.value)) {
    errors.title = { key: 'validation.title.invisible' };
  } else if (!title.ok) errors.title = title.error;

  const rawAsk = draft.ask?.trim() ?? '';
  const ask = hasVisibleText(rawAsk)
    ? checkLength(rawAsk, LIMITS.ask, 'validation.field.ask')
    : fail({ key: 'validation.ask.missing' });
  if (!ask.ok) errors.ask = ask.error;

  const suggestedText = optionalText(draft.suggestedText, LIMITS.suggestedText, 'validation.field.suggestedText');
  if (!suggestedText.ok) errors.suggestedText = suggestedText.error;

  const chosen = new Set(draft.networks.filter(isNetwork));
  const networks = NETWORKS.filter((network) => chosen.has(network));
  if (networks.length === 0) errors.networks = { key: 'validation.networks.none' };

  const channelId = checkChannel(draft.channelId);
  if (!channelId.ok) errors.channelId = channelId.error;

  const deadlineAt = checkDeadline(draft.deadline, context);
  if (!deadlineAt.ok) errors.deadline = deadlineAt.error;

  if (url.ok) {
    const wording = { ask: rawAsk, suggestedText: draft.suggestedText ?? '', title: draft.title ?? '' } as const;
    for (const field of ['ask', 'suggestedText', 'title'] as const) {
      if (!errors[field] && asksForVotes(url.value, wording[field])) errors[field] = VOTE_RING_MESSAGE;
    }
  }

  if (!url.ok || !title.ok || !ask.ok || !suggestedText.ok || !channelId.ok || !deadlineAt.ok || hasAny(errors)) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      url: url.value,
      title: title.value,
      ask: ask.value,
      suggestedText: suggestedText.value,
      networks,
      deadlineAt: deadlineAt.value,
      channelId: channelId.value,
    },
  };
}

/** A public http(s) link without credentials; returns it normalised (punycode host, encoded path). */
export function parseWebLink(text: string, limit: number): Checked<string> {
  const trimmed = text.trim();
  const length = checkLength(trimmed, limit, 'validation.field.link');
  if (!length.ok) return length;

  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return fail({ key: 'validation.url.notAddress' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return fail({ key: 'validation.url.notWeb', params: { protocol: truncate(url.protocol, 24) } });
  }
  if (url.username || url.password) {
    return fail({ key: 'validation.url.credentials' });
  }
  if (isInternalHost(url.hostname)) {
    return fail({ key: 'validation.url.internal' });
  }
  const host = url.hostname.replace(/\.$/, '');
  if (!host.includes('.')) {
    return fail({ key: 'validation.url.noDomain' });
  }
  return url.href.length > limit
    ? fail(tooLong('validation.field.link', limit, url.href.length))
    : { ok: true, value: url.href };
}

const VOTE_RING_DOMAINS = [
  'stackoverflow.com',
  'stackexchange.com',
  'superuser.com',
  'serverfault.com',
  'askubuntu.com',
  'mathoverflow.net',
  'stackapps.com',
  'reddit.com',
  'redd.it',
  'news.ycombinator.com',
];

const VOTE_REQUEST = new RegExp(
  [
    String.raw`\b(?:up|down)[- ]?vot(?:e|es|ed|ing)\b`,
    String.raw`\bvote\s+(?:(?:it|this|that|them|me|us|(?:my|our|the)\s+\w+)\s+)?up\b`,
    String.raw`\bvotes\b`,
    String.raw`\bgive\s+(?:\w+\s+){1,3}an?\s+vote\b`,
    String.raw`\bvote\s+for\b`,
    String.raw`\b(?:please|pls|plz)\s+vote\b`,
    String.raw`\bkarma\b`,
    // "+1" as a vote, not a phone prefix (+1 555…) or arithmetic (n+1, +1.5).
    String.raw`(?<![\w+])\+1(?!\d|[.,]\d|\s*[\d(])`,
  ].join('|'),
  'i',
);

/** True when a link to a site that bans vote rings comes with a request for votes. */
export function asksForVotes(url: string, text: string): boolean {
  let host: string;
  try {
    host = new URL(url.trim()).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return false;
  }
  const onVotingSite = VOTE_RING_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
  return onVotingSite && VOTE_REQUEST.test(text);
}

function optionalText(value: string | undefined, limit: number, label: FieldName): Checked<string | null> {
  const trimmed = value?.trim() ?? '';
  return trimmed ? checkLength(trimmed, limit, label) : { ok: true, value: null };
}

/** What a field is called in "… can be at most N characters". */
type FieldName = Extract<Message['key'], `validation.field.${string}`>;

function checkLength(text: string, limit: number, label: FieldName): Checked<string> {
  const length = [...text].length;
  return length > limit ? fail(tooLong(label, limit, length)) : { ok: true, value: text };
}

function tooLong(label: FieldName, limit: number, length: number): Message {
  return { key: 'validation.tooLong', params: { field: { key: label }, limit, count: length - limit } };
}

function checkChannel(channelId: string | undefined): Checked<string> {
  const id = channelId?.trim() ?? '';
  if (!id) return fail({ key: 'validation.channel.missing' });
  // Requests are for a team to see: public (C) or private (G) channels, not direct messages.
  if (!/^[CG][A-Z0-9]+$/.test(id)) return fail({ key: 'validation.channel.notChannel' });
  return { ok: true, value: id };
}

function checkDeadline(deadline: string | undefined, { now, tzOffsetSeconds }: DraftContext): Checked<number> {
  const today = localDate(now, tzOffsetSeconds);
  const date = deadline?.trim() || addDays(today, DEFAULT_DEADLINE_DAYS);
  const end = endOfLocalDay(date, tzOffsetSeconds);
  if (end === null) return fail({ key: 'validation.deadline.invalid' });
  if (date < today) return fail({ key: 'validation.deadline.past' });
  if (date > addDays(today, MAX_DEADLINE_DAYS)) return fail({ key: 'validation.deadline.tooFar' });
  return { ok: true, value: end };
}

function fail(error: Message): { ok: false; error: Message } {
  return { ok: false, error };
}

function hasAny(errors: DraftErrors): boolean {
  return Object.keys(errors).length > 0;
}
