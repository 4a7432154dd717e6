import { escapeMrkdwn, truncate } from './escape.ts';

// A link's label is what people read and trust. When people's own text becomes the label of a link (a request's title
// over its URL), a title such as "https://bank.example/login" would disguise where the link goes. Such a label is
// replaced by the address the link really opens.

/**
 * The host a label reads as, when it reads as a web address ("https://a.example/x", "www.a.example", "a.example"): the
 * host must hold a dot with something on both sides (checked in code; `[^…]+\.[^…]+` here, two runs that both take
 * dots, was quadratic on "a.a.a.a…").
 */
const ADDRESS_LABEL = /^\s*(?:[a-z][a-z0-9+.-]*:\/\/)?(?:www\.)?([^\s/?#:@]+)(?:[:/?#]|\s*$)/i;

const decodeEntities = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function hostOf(address: string): string | undefined {
  try {
    return new URL(address).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/** True when `label` (mrkdwn, already escaped) reads as a web address on another host than `url`'s. */
export function labelDisguisesLink(url: string, label: string): boolean {
  const shown = ADDRESS_LABEL.exec(decodeEntities(label))?.[1];
  if (!shown?.slice(1, -1).includes('.')) return false;
  const shownHost = hostOf(`https://${shown}`);
  const target = hostOf(url);
  if (!shownHost || !target) return true;
  return shownHost !== target && !target.endsWith(`.${shownHost}`);
}

/** The label to show for `url`: `label` itself, unless it would disguise the link; then the address, shortened. */
export function honestLinkLabel(url: string, label: string): string {
  if (!labelDisguisesLink(url, label)) return label;
  let shown = url;
  try {
    const { hostname, pathname } = new URL(url);
    shown = `${hostname.replace(/^www\./, '')}${pathname === '/' ? '' : pathname}`;
  } catch {
    // Not a URL: shown as it is.
  }
  return escapeMrkdwn(truncate(shown, 80));
}
