import { isInternalHost } from './addresses.ts';
import { addDays, endOfLocalDay, localDate } from './dates.ts';
import { hasVisibleText, truncate } from './escape.ts';
import { isNetwork, NETWORKS, type Network } from './networks.ts';

/** Lengths in characters (code points), so an emoji counts as one. */
export const LIMITS = { url: 2000, title: 150, ask: 1000, suggestedText: 1000, shareUrl: 2000 } as const;

export const DEFAULT_DEADLINE_DAYS = 7;
export const MAX_DEADLINE_DAYS = 365;

export const VOTE_RING_MESSAGE =
  'This site bans coordinated voting (vote rings). Ask people to share it, answer or comment instead of voting.';

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
export type DraftErrors = Partial<Record<DraftField, string>>;

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

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** Every problem comes back as a sentence for the modal field it belongs to, so nothing typed is lost. */
export function validateRequestDraft(
  draft: RequestDraft,
  context: DraftContext,
): { ok: true; value: ValidRequest } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {};

  const rawUrl = draft.url?.trim() ?? '';
  const url = rawUrl ? parseWebLink(rawUrl, LIMITS.url) : fail('Add the link you would like people to see.');
  if (!url.ok) errors.url = url.error;

  const title = optionalText(draft.title, LIMITS.title, 'The title');
  if (title.ok && title.value !== null && !hasVisibleText(title.value)) {
    errors.title = 'The title has no visible characters. Type a few words, or leave it empty.';
  } else if (!title.ok) errors.title = title.error;

  const rawAsk = draft.ask?.trim() ?? '';
  const ask = hasVisibleText(rawAsk)
    ? checkLength(rawAsk, LIMITS.ask, 'The ask')
    : fail('Say what help you need, in a sentence or two people can read.');
  if (!ask.ok) errors.ask = ask.error;

  const suggestedText = optionalText(draft.suggestedText, LIMITS.suggestedText, 'The suggested wording');
  if (!suggestedText.ok) errors.suggestedText = suggestedText.error;

  const chosen = new Set(draft.networks.filter(isNetwork));
  const networks = NETWORKS.filter((network) => chosen.has(network));
  if (networks.length === 0) errors.networks = 'Pick at least one network where people could share it.';

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
  const length = checkLength(trimmed, limit, 'The link');
  if (!length.ok) return length;

  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return fail("That doesn't look like a web address. Paste the full link, including the https:// at the start.");
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return fail(`Only web links (http:// or https://) can be shared, not ${truncate(url.protocol, 24)} links.`);
  }
  if (url.username || url.password) {
    return fail('Remove the user name or password from the link (the part before @) so it is safe to share.');
  }
  if (isInternalHost(url.hostname)) {
    return fail(
      'That address is on an internal network, which nobody outside can open. Use the public address of the page.',
    );
  }
  const host = url.hostname.replace(/\.$/, '');
  if (!host.includes('.')) {
    return fail('Use the public address of the page, with a full domain name such as example.com.');
  }
  return url.href.length > limit ? fail(tooLong('The link', limit, url.href.length)) : { ok: true, value: url.href };
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

function optionalText(value: string | undefined, limit: number, label: string): Checked<string | null> {
  const trimmed = value?.trim() ?? '';
  return trimmed ? checkLength(trimmed, limit, label) : { ok: true, value: null };
}

function checkLength(text: string, limit: number, label: string): Checked<string> {
  const length = [...text].length;
  return length > limit ? fail(tooLong(label, limit, length)) : { ok: true, value: text };
}

function tooLong(label: string, limit: number, length: number): string {
  const over = length - limit;
  return `${label} can be at most ${limit.toLocaleString('en-US')} characters. Please cut ${over.toLocaleString('en-US')} ${over === 1 ? 'character' : 'characters'}.`;
}

function checkChannel(channelId: string | undefined): Checked<string> {
  const id = channelId?.trim() ?? '';
  if (!id) return fail('Choose the channel where your request should appear.');
  // Requests are for a team to see: public (C) or private (G) channels, not direct messages.
  if (!/^[CG][A-Z0-9]+$/.test(id))
    return fail('Pick a public or private channel. Requests cannot go to direct messages.');
  return { ok: true, value: id };
}

function checkDeadline(deadline: string | undefined, { now, tzOffsetSeconds }: DraftContext): Checked<number> {
  const today = localDate(now, tzOffsetSeconds);
  const date = deadline?.trim() || addDays(today, DEFAULT_DEADLINE_DAYS);
  const end = endOfLocalDay(date, tzOffsetSeconds);
  if (end === null) return fail('Pick the deadline from the calendar, as a date such as 2026-05-31.');
  if (date < today) return fail('The deadline is in the past. Pick today or a later date.');
  if (date > addDays(today, MAX_DEADLINE_DAYS)) return fail('Pick a deadline within a year from today.');
  return { ok: true, value: end };
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}

function hasAny(errors: DraftErrors): boolean {
  return Object.keys(errors).length > 0;
}
