/** The networks a request can suggest, in the order they are shown. */
export const NETWORKS = [
  'linkedin',
  'x',
  'bluesky',
  'mastodon',
  'reddit',
  'hackernews',
  'facebook',
  'threads',
] as const;

export type Network = (typeof NETWORKS)[number];

export const NETWORK_LABELS: Record<Network, string> = {
  linkedin: 'LinkedIn',
  x: 'X',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  reddit: 'Reddit',
  hackernews: 'Hacker News',
  facebook: 'Facebook',
  threads: 'Threads',
};

export function isNetwork(value: string): value is Network {
  return (NETWORKS as readonly string[]).includes(value);
}
