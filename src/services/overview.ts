import type { Repositories } from '../db/repositories/index.ts';
import type { Contribution, Page } from '../db/repositories/overview.ts';
import { isOpenForHelp } from '../domain/policy.ts';
import type { PersonalSettings } from '../domain/settings.ts';
import type { ShareLink } from '../domain/share-links.ts';
import type { BoostRequest, Counts, Participation } from '../domain/types.ts';
import { type ShareKitConfig, shareKitFor } from './share-kit.ts';

// What people see of requests (a request's message in its channel, the App Home, `/boost mine`, `/boost list`), read
// fresh from the database in one transaction at the moment it is rendered, so a coalesced update is never stale. A
// handful of queries whatever the lists' lengths. How many of each list to read is the view's to say: it knows what
// fits.

/** A request's message as the whole channel sees it: counts only, names only of helpers who chose it (rule 3). */
export interface PublicState {
  counts: Counts;
  /** Only helpers who chose to be named in public. */
  publicHelpers: readonly string[];
  /** Clicks on all personal links of the request, a total only. */
  clicks: number;
}

/** One of the person's own requests, with everyone taking part (shown by name only to the requester, rule 3). */
export interface MyRequest {
  request: BoostRequest;
  counts: Counts;
  /** Everyone taking part; shown by name only to the requester (rule 3). */
  participants: readonly Participation[];
  /** Clicks on the request's personal links, in all and per helper (for the requester's eyes, never ranked). */
  clicks?: number;
  clicksByHelper?: ReadonlyMap<string, number>;
}

export interface OpenRequestItem {
  request: BoostRequest;
  counts: Counts;
  /** The person is already in. */
  joined: boolean;
  /** The person asked for it. */
  own: boolean;
}

export interface ContributionItem extends Contribution {
  /** Still taking help: the person can share, add their post, or withdraw from here. */
  open: boolean;
  /** Share links for a request they are in and have not shared yet; empty otherwise. */
  links: readonly ShareLink[];
  /** Clicks on their own personal link for this request. */
  clicks?: number;
}

/** The App Home's read model. */
export interface HomeReadModel {
  open: Page<OpenRequestItem>;
  mine: Page<MyRequest>;
  contributions: Page<ContributionItem>;
  settings: PersonalSettings;
}

/** `/boost mine`'s read model. */
export interface MineReadModel {
  mine: Page<MyRequest>;
  /** With the clicks on the person's own personal link for each request. */
  contributions: Page<Contribution & { clicks?: number }>;
}

export interface ListedRequest {
  request: BoostRequest;
  counts: Counts;
}

/** How many of each list to read: the view says what fits. */
export interface HomeLimits {
  open: number;
  mine: number;
  contributions: number;
}

export type MineLimits = Pick<HomeLimits, 'mine' | 'contributions'>;

export interface Viewer {
  teamId: string;
  userId: string;
  now: number;
}

async function myRequests(repos: Repositories, { teamId, userId }: Viewer, limit: number): Promise<Page<MyRequest>> {
  const page = await repos.overview.requestsBy(teamId, userId, limit);
  const ids = page.items.map((request) => request.id);
  const counts = await repos.overview.countsFor(ids);
  const participants = await repos.overview.participantsOf(ids);
  const clicks = await repos.links.clicksByRequest(ids);
  const clicksByHelper = await repos.links.clicksByHelperOf(ids);
  const items: MyRequest[] = page.items.map((request) => ({
    request,
    counts: counts.get(request.id) ?? { optedIn: 0, shared: 0 },
    participants: participants.get(request.id) ?? [],
    clicks: clicks.get(request.id) ?? 0,
    clicksByHelper: clicksByHelper.get(request.id) ?? new Map(),
  }));
  return { items, total: page.total };
}

/** The App Home of one person: open requests, their own requests, their contributions (with share links), settings. */
export function homeReadModel(
  repos: Repositories,
  config: ShareKitConfig,
  viewer: Viewer,
  limits: HomeLimits,
  /** In the viewer's language: the share links of their contributions carry it. */
  disclosure: string,
): Promise<HomeReadModel> {
  const { teamId, userId, now } = viewer;
  return repos.transaction(async (tx) => {
    const open = await tx.overview.openRequests(teamId, now, limits.open);
    const openIds = open.items.map((request) => request.id);
    const openCounts = await tx.overview.countsFor(openIds);
    const joined = await tx.overview.joinedAmong(userId, openIds);
    const contributions = await tx.overview.contributionsOf(teamId, userId, limits.contributions);
    const ownClicks = await tx.links.clicksForUser(teamId, userId);
    const linksOf = async (item: Contribution, takesHelp: boolean) =>
      takesHelp && item.participation.sharedAt === null
        ? (await shareKitFor(tx, config, item.request, userId, now, disclosure)).links
        : [];
    const contributionItems: ContributionItem[] = [];
    for (const item of contributions.items) {
      const takesHelp = isOpenForHelp(item.request, now);
      const links = await linksOf(item, takesHelp);
      contributionItems.push({ ...item, open: takesHelp, links, clicks: ownClicks.get(item.request.id) ?? 0 });
    }
    return {
      open: {
        total: open.total,
        items: open.items.map((request) => ({
          request,
          counts: openCounts.get(request.id) ?? { optedIn: 0, shared: 0 },
          joined: joined.has(request.id),
          own: request.requesterId === userId,
        })),
      },
      mine: await myRequests(tx, viewer, limits.mine),
      contributions: { total: contributions.total, items: contributionItems },
      settings: await tx.settings.get(teamId, userId),
    };
  });
}

/** `/boost mine`: the person's requests (helpers by name) and what they helped with. */
export function mineReadModel(repos: Repositories, viewer: Viewer, limits: MineLimits): Promise<MineReadModel> {
  return repos.transaction(async (tx) => {
    const contributions = await tx.overview.contributionsOf(viewer.teamId, viewer.userId, limits.contributions);
    const ownClicks = await tx.links.clicksForUser(viewer.teamId, viewer.userId);
    return {
      mine: await myRequests(tx, viewer, limits.mine),
      contributions: {
        total: contributions.total,
        items: contributions.items.map((item) => ({ ...item, clicks: ownClicks.get(item.request.id) ?? 0 })),
      },
    };
  });
}

/** What the request's message in its channel shows now; `names` is how many public names to read at most. */
export function publicStateOf(repos: Repositories, requestId: number, names: number): Promise<PublicState> {
  return repos.transaction(async (tx) => ({
    counts: await tx.participations.counts(requestId),
    publicHelpers: await tx.participations.publicNames(requestId, names),
    clicks: await tx.links.totalClicks(requestId),
  }));
}

/** `/boost list`: the first open requests of the workspace with their counts, and how many are open in all. */
export function openRequestsOf(repos: Repositories, teamId: string, limit: number): Promise<Page<ListedRequest>> {
  return repos.transaction(async (tx) => {
    const items: ListedRequest[] = [];
    for (const request of await tx.requests.listOpen(teamId, limit)) {
      items.push({ request, counts: await tx.participations.counts(request.id) });
    }
    return { items, total: await tx.requests.countOpen(teamId) };
  });
}
