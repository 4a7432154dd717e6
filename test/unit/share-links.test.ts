import { describe, expect, it } from 'vitest';
import { NETWORK_LABELS, NETWORKS, type Network } from '../../src/domain/networks.ts';
import {
  composePost,
  MAX_SHARE_LINK_LENGTH,
  normalizeMastodonInstance,
  type ShareLink,
  shareLinks,
} from '../../src/domain/share-links.ts';

const LINK = 'https://example.com/launch?ref=slack&lang=en#section';
const TEXT = 'Ship it & celebrate #launch 🚀\nSecond line: 100% "quoted" +plus ?query=1';

function linkFor(links: ShareLink[], network: Network): URL {
  const found = links.find((link) => link.network === network);
  if (!found) throw new Error(`no ${network} link`);
  return new URL(found.url);
}

function paramsOf(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams);
}

describe('composePost', () => {
  it('puts the disclosure on its own line after the suggested wording', () => {
    expect(composePost('We shipped Boost!', 'I work at Acme.')).toBe('We shipped Boost!\n\nI work at Acme.');
  });

  it('gives only the disclosure when there is no suggestion', () => {
    expect(composePost(null, 'I work at Acme.')).toBe('I work at Acme.');
    expect(composePost('  \n ', 'I work at Acme.')).toBe('I work at Acme.');
  });

  it('does not repeat a disclosure the wording already has', () => {
    expect(composePost('Proud of this. I work at Acme.', 'I work at acme.')).toBe('Proud of this. I work at Acme.');
  });

  it('gives the wording alone when no disclosure is configured', () => {
    expect(composePost('We shipped Boost!', ' ')).toBe('We shipped Boost!');
  });
});

describe('shareLinks', () => {
  const all = shareLinks({ url: LINK, text: TEXT, networks: NETWORKS, mastodonInstance: 'hachyderm.io' });

  it('gives one link per chosen network, in the usual order, with its label', () => {
    const links = shareLinks({ url: LINK, text: TEXT, networks: ['threads', 'x', 'linkedin'], mastodonInstance: '' });
    expect(links.map((link) => link.network)).toEqual(['linkedin', 'x', 'threads']);
    expect(links.map((link) => link.label)).toEqual(['LinkedIn', 'X', 'Threads']);
    expect(all.map((link) => link.label)).toEqual(NETWORKS.map((network) => NETWORK_LABELS[network]));
  });

  it('opens each network’s own composer', () => {
    const bases = all.map((link) => {
      const url = new URL(link.url);
      return `${url.origin}${url.pathname}`;
    });
    expect(bases).toEqual([
      'https://www.linkedin.com/feed/',
      'https://x.com/intent/post',
      'https://bsky.app/intent/compose',
      'https://hachyderm.io/share',
      'https://www.reddit.com/submit',
      'https://news.ycombinator.com/submitlink',
      'https://www.facebook.com/sharer/sharer.php',
      'https://www.threads.net/intent/post',
    ]);
  });

  it('prefills the wording and the link, each arriving intact', () => {
    const withLink = `${TEXT}\n\n${LINK}`;
    expect(paramsOf(linkFor(all, 'linkedin'))).toEqual({ shareActive: 'true', text: withLink });
    expect(paramsOf(linkFor(all, 'x'))).toEqual({ text: TEXT, url: LINK });
    expect(paramsOf(linkFor(all, 'bluesky'))).toEqual({ text: withLink });
    expect(paramsOf(linkFor(all, 'mastodon'))).toEqual({ text: withLink });
    expect(paramsOf(linkFor(all, 'facebook'))).toEqual({ u: LINK });
    expect(paramsOf(linkFor(all, 'threads'))).toEqual({ text: withLink });
  });

  it('encodes every special character, so nothing leaks into the composer URL itself', () => {
    for (const link of all) {
      expect(link.url).not.toMatch(/[\s#🚀"]/u);
      expect(new URL(link.url).hash).toBe('');
    }
  });

  it('gives Reddit and Hacker News a one-line title within their limits', () => {
    const reddit = paramsOf(linkFor(all, 'reddit'));
    const hackerNews = paramsOf(linkFor(all, 'hackernews'));
    expect(reddit).toEqual({ url: LINK, title: TEXT.replace('\n', ' ') });
    expect(hackerNews.u).toBe(LINK);
    expect(hackerNews.t?.length).toBeLessThanOrEqual(80);
    expect(hackerNews.t).not.toContain('\n');
  });

  it('uses the title for Reddit and Hacker News when there is one', () => {
    const links = shareLinks({
      url: LINK,
      text: TEXT,
      title: 'Boost: opt-in amplification for Slack',
      networks: ['reddit', 'hackernews'],
      mastodonInstance: '',
    });
    expect(linkFor(links, 'reddit').searchParams.get('title')).toBe('Boost: opt-in amplification for Slack');
    expect(linkFor(links, 'hackernews').searchParams.get('t')).toBe('Boost: opt-in amplification for Slack');
  });

  it('shares just the link when there is no wording', () => {
    const links = shareLinks({ url: LINK, text: '', networks: ['linkedin', 'x'], mastodonInstance: '' });
    expect(linkFor(links, 'linkedin').searchParams.get('text')).toBe(LINK);
    expect(linkFor(links, 'x').searchParams.get('url')).toBe(LINK);
  });

  it('uses the Mastodon instance a person chose, or a default for one that makes no sense', () => {
    const hostFor = (mastodonInstance: string) =>
      linkFor(shareLinks({ url: LINK, text: TEXT, networks: ['mastodon'], mastodonInstance }), 'mastodon').host;
    expect(hostFor('https://fosstodon.org/')).toBe('fosstodon.org');
    expect(hostFor('@alice@hachyderm.io')).toBe('hachyderm.io');
    expect(hostFor('evil.example/phish?x=')).toBe('mastodon.social');
    expect(hostFor('user@evil.example@x')).toBe('mastodon.social');
    expect(hostFor('')).toBe('mastodon.social');
  });

  describe('Slack’s 3000-character button limit', () => {
    const longText = `${'Boost 🚀 & friends #launch '.repeat(300)}end`;
    const longLinks = shareLinks({ url: LINK, text: longText, networks: NETWORKS, mastodonInstance: 'hachyderm.io' });

    it('keeps every link within it', () => {
      expect(longLinks).toHaveLength(NETWORKS.length);
      for (const link of longLinks) expect(link.url.length).toBeLessThanOrEqual(MAX_SHARE_LINK_LENGTH);
    });

    it('shortens the wording, never the link', () => {
      const x = paramsOf(linkFor(longLinks, 'x'));
      expect(x.url).toBe(LINK);
      expect(x.text?.endsWith('…')).toBe(true);
      expect(longText.startsWith(x.text?.slice(0, -1) ?? '')).toBe(true);
      const linkedin = linkFor(longLinks, 'linkedin').searchParams.get('text') ?? '';
      expect(linkedin.endsWith(`…\n\n${LINK}`)).toBe(true);
    });

    it('keeps as much wording as fits', () => {
      const x = linkFor(longLinks, 'x').toString();
      expect(x.length).toBeGreaterThan(MAX_SHARE_LINK_LENGTH - 20);
    });

    it('leaves out a link too long for any button rather than break the message', () => {
      const hugeLink = `https://example.com/${'%'.repeat(1500)}`;
      const links = shareLinks({ url: hugeLink, text: 'hi', networks: NETWORKS, mastodonInstance: '' });
      expect(links).toEqual([]);
    });
  });
});

describe('normalizeMastodonInstance', () => {
  it('reads a host from the ways people write an instance', () => {
    expect(normalizeMastodonInstance('Mastodon.Social')).toBe('mastodon.social');
    expect(normalizeMastodonInstance('https://hachyderm.io/')).toBe('hachyderm.io');
    expect(normalizeMastodonInstance('alice@hachyderm.io')).toBe('hachyderm.io');
  });

  it('is null for something that is not an instance', () => {
    expect(normalizeMastodonInstance('')).toBeNull();
    expect(normalizeMastodonInstance('localhost')).toBeNull();
    expect(normalizeMastodonInstance('example.com/path')).toBeNull();
  });
});
