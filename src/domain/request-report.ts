import { isRequesterOrAdmin } from './admin.ts';
import { addDays } from './dates.ts';
import { isNetwork, NETWORK_LABELS, NETWORKS, type Network } from './networks.ts';
import { utcDay } from './tracked-links.ts';
import type { BoostRequest, Participation } from './types.ts';

// The requester's private summary of one request (`/boost report <id>`, the Report button): who helped, where, and what
// their personal links brought. Plain data in, plain data out. Helpers stay in the order they joined: figures per
// person are shown to the person who asked, to thank them, and are never ranked (rule 10).

/** Clicks by day are shown for at most this many days (a fortnight); earlier clicks are summed in one figure. */
export const REPORT_DAYS = 14;

export type ReportRequest = Pick<
  BoostRequest,
  'id' | 'requesterId' | 'title' | 'url' | 'channelId' | 'status' | 'createdAt' | 'deadlineAt' | 'closedAt'
>;

export type ReportParticipation = Pick<
  Participation,
  'userId' | 'optedInAt' | 'sharedAt' | 'shareUrl' | 'network' | 'thankedAt'
>;

export interface ReportInput {
  request: ReportRequest;
  participations: readonly ReportParticipation[];
  /** Clicks on each helper's personal link, by user id. */
  clicksByHelper: ReadonlyMap<string, number>;
  /** Clicks on all of the request's links per UTC day, any order. */
  clicksByDay: readonly { day: string; clicks: number }[];
  /** Whether personal links are on (PUBLIC_BASE_URL is set). */
  tracking: boolean;
  now: number;
}

export interface NetworkShares {
  /** null: they shared without saying where. */
  network: Network | null;
  label: string;
  shares: number;
}

export interface ReportHelper {
  userId: string;
  optedInAt: number;
  sharedAt: number | null;
  network: Network | null;
  shareUrl: string | null;
  clicks: number;
  thanked: boolean;
}

export interface RequestReport {
  request: ReportRequest;
  optedIn: number;
  shared: number;
  /** Networks people said they shared on, in the usual network order; "not said" last. Only networks with shares. */
  sharesByNetwork: NetworkShares[];
  tracking: boolean;
  clicks: {
    total: number;
    /** Consecutive UTC days, oldest first, ending today while the request is open (or on its last click). */
    byDay: { day: string; clicks: number }[];
    /** Clicks on days before the first one listed. */
    earlier: number;
  };
  /** Everyone taking part, in the order they joined. */
  helpers: ReportHelper[];
  /** Helpers who shared and have not been thanked yet, in the order they shared. */
  toThank: string[];
}

/** Rule 3: the report names helpers, so only the requester and Boost admins may see it. */
export function canSeeReport(viewerId: string, request: Pick<BoostRequest, 'requesterId'>, viewerIsAdmin: boolean) {
  return isRequesterOrAdmin(viewerId, request, viewerIsAdmin);
}

export function composeReport(input: ReportInput): RequestReport {
  const { request, clicksByHelper } = input;
  const helpers = [...input.participations]
    .sort((a, b) => a.optedInAt - b.optedInAt || a.userId.localeCompare(b.userId))
    .map(
      (p): ReportHelper => ({
        userId: p.userId,
        optedInAt: p.optedInAt,
        sharedAt: p.sharedAt,
        network: p.network !== null && isNetwork(p.network) ? p.network : null,
        shareUrl: p.shareUrl,
        clicks: clicksByHelper.get(p.userId) ?? 0,
        thanked: p.thankedAt !== null,
      }),
    );
  const sharers = helpers.filter((h) => h.sharedAt !== null);
  return {
    request,
    optedIn: helpers.length,
    shared: sharers.length,
    sharesByNetwork: sharesByNetwork(sharers),
    tracking: input.tracking,
    clicks: clicksTimeline(input),
    helpers,
    toThank: sharers
      .filter((h) => !h.thanked)
      .sort((a, b) => (a.sharedAt ?? 0) - (b.sharedAt ?? 0))
      .map((h) => h.userId),
  };
}

function sharesByNetwork(sharers: readonly ReportHelper[]): NetworkShares[] {
  const counts = new Map<Network | null, number>();
  for (const helper of sharers) counts.set(helper.network, (counts.get(helper.network) ?? 0) + 1);
  const known = NETWORKS.filter((network) => counts.has(network)).map((network) => ({
    network,
    label: NETWORK_LABELS[network],
    shares: counts.get(network) ?? 0,
  }));
  const unsaid = counts.get(null);
  // Shares whose network nobody named: the view words the label.
  return unsaid ? [...known, { network: null, label: '', shares: unsaid }] : known;
}

function clicksTimeline({ clicksByDay, request, now }: ReportInput): RequestReport['clicks'] {
  const days = clicksByDay.filter((d) => d.clicks > 0).sort((a, b) => a.day.localeCompare(b.day));
  const total = days.reduce((sum, d) => sum + d.clicks, 0);
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return { total, byDay: [], earlier: 0 };
  const today = utcDay(now);
  const end = request.status === 'open' && today > last.day ? today : last.day;
  const windowStart = addDays(end, -(REPORT_DAYS - 1));
  // biome-ignore lint/complexity/useMathMinMax: days are YYYY-MM-DD strings, which Math.max cannot compare.
  const start = first.day > windowStart ? first.day : windowStart;
  const byDayMap = new Map(days.map((d) => [d.day, d.clicks]));
  const byDay: { day: string; clicks: number }[] = [];
  for (let day = start; day <= end; day = addDays(day, 1)) byDay.push({ day, clicks: byDayMap.get(day) ?? 0 });
  const earlier = days.filter((d) => d.day < start).reduce((sum, d) => sum + d.clicks, 0);
  return { total, byDay, earlier };
}
