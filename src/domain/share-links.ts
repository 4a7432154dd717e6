import { truncate } from './escape.ts';
import { NETWORK_LABELS, NETWORKS, type Network } from './networks.ts';
import { ORIGINAL_LINK_NETWORKS, withoutTrailingSlashes } from './tracked-links.ts';

export interface ShareLink {
  network: Network;
  label: string;
  url: string;
}

export interface ShareInput {
  url: string;
  /** The editable wording, usually from composePost. */
  text: string;
  networks: readonly Network[];
  mastodonInstance: string;
  /** Used as the submission title on Reddit and Hacker News when given; otherwise the text is. */
  title?: string | null;
  /** The helper's personal tracked link: used instead of `url` except where the link itself is the submission. */
  personalUrl?: string;
}

/** Slack rejects a button whose url is longer than this. */
export const MAX_SHARE_LINK_LENGTH = 3000;
export const DEFAULT_MASTODON_INSTANCE = 'mastodon.social';

// The sites cut longer titles themselves, often mid-word.
const TITLE_LIMITS: Partial<Record<Network, number>> = { reddit: 300, hackernews: 80 };

const encode = encodeURIComponent;
const withLink = (text: string, link: string) => (text ? `${text}\n\n${link}` : link);

const COMPOSERS: Record<Network, (text: string, link: string, instance: string) => string> = {
  linkedin: (text, link) => `https://www.linkedin.com/feed/?shareActive=true&text=${encode(withLink(text, link))}`,
  x: (text, link) => `https://x.com/intent/post?text=${encode(text)}&url=${encode(link)}`,
  bluesky: (text, link) => `https://bsky.app/intent/compose?text=${encode(withLink(text, link))}`,
  mastodon: (text, link, instance) => `https://${instance}/share?text=${encode(withLink(text, link))}`,
  reddit: (text, link) => `https://www.reddit.com/submit?url=${encode(link)}&title=${encode(text)}`,
  hackernews: (text, link) => `https://news.ycombinator.com/submitlink?u=${encode(link)}&t=${encode(text)}`,
  facebook: (_text, link) => `https://www.facebook.com/sharer/sharer.php?u=${encode(link)}`,
  threads: (text, link) => `https://www.threads.net/intent/post?text=${encode(withLink(text, link))}`,
};

/** The wording people start from: the suggestion, then the disclosure on its own line (rule 8). */
export function composePost(suggestedText: string | null, disclosure: string): string {
  const wording = suggestedText?.trim() ?? '';
  const note = disclosure.trim();
  if (!note || wording.toLowerCase().includes(note.toLowerCase())) return wording;
  return wording ? `${wording}\n\n${note}` : note;
}

/**
 * Each network's own composer with the link and wording prefilled; the person edits and posts it themselves (rule 7).
 * Wording is shortened to fit Slack's button limit, never the link; a link too long for any button is left out.
 */
export function shareLinks(input: ShareInput): ShareLink[] {
  const instance = normalizeMastodonInstance(input.mastodonInstance) ?? DEFAULT_MASTODON_INSTANCE;
  const links: ShareLink[] = [];
  for (const network of NETWORKS) {
    if (!input.networks.includes(network)) continue;
    const titleLimit = TITLE_LIMITS[network];
    const text = titleLimit ? truncate(oneLine(input.title || input.text), titleLimit) : input.text;
    const link = input.personalUrl && !ORIGINAL_LINK_NETWORKS.has(network) ? input.personalUrl : input.url;
    const url = fitWithin(MAX_SHARE_LINK_LENGTH, text, (wording) => COMPOSERS[network](wording, link, instance));
    if (url) links.push({ network, label: NETWORK_LABELS[network], url });
  }
  return links;
}

/** The host of a Mastodon instance from what a person typed: `hachyderm.io`, `https://hachyderm.io/`, `@me@hachyderm.io`. */
export function normalizeMastodonInstance(input: string): string | null {
  const candidate = withoutTrailingSlashes(
    input
      .trim()
      .replace(/^https?:\/\//i, '')
      .replace(/^@?[^@\s/]+@/, ''),
  );
  if (!candidate) return null;
  try {
    const url = new URL(`https://${candidate}`);
    const plainHost = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
    return plainHost && url.hostname.includes('.') ? url.host : null;
  } catch {
    return null;
  }
}

/** The longest truncation of `text` whose built URL fits, or null when not even the bare link fits. */
function fitWithin(max: number, text: string, build: (text: string) => string): string | null {
  const full = build(text);
  if (full.length <= max) return full;
  if (build('').length > max) return null;
  // Built length grows with the kept length, so a binary search finds the longest that fits.
  let low = 0;
  let high = text.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (build(truncate(text, middle)).length <= max) low = middle;
    else high = middle - 1;
  }
  return build(truncate(text, low));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
