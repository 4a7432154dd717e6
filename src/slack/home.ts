import type { HomeView } from '@slack/types';
import { isOpenForHelp } from '../domain/policy.ts';
import type { BoostContext } from './context.ts';
import { helperShareLinks } from './private-reply.ts';
import { HOME_LIMITS, type HomeData, homeView } from './views/home.ts';
import { MINE_LIMITS, type MineData } from './views/mine.ts';
import type { MyRequest } from './views/overview.ts';

// Reads what one person sees, fresh from the database at the moment it is rendered, so a coalesced refresh is never
// stale. A handful of queries whatever the lists' lengths.

function myRequests(ctx: BoostContext, teamId: string, userId: string, limit: number) {
  const page = ctx.repos.overview.requestsBy(teamId, userId, limit);
  const ids = page.items.map((request) => request.id);
  const counts = ctx.repos.overview.countsFor(ids);
  const participants = ctx.repos.overview.participantsOf(ids);
  const clicks = ctx.repos.links.clicksByRequest(ids);
  const clicksByHelper = ctx.repos.links.clicksByHelperOf(ids);
  const items: MyRequest[] = page.items.map((request) => ({
    request,
    counts: counts.get(request.id) ?? { optedIn: 0, shared: 0 },
    participants: participants.get(request.id) ?? [],
    clicks: clicks.get(request.id) ?? 0,
    clicksByHelper: clicksByHelper.get(request.id) ?? new Map(),
  }));
  return { items, total: page.total };
}

export function homeData(ctx: BoostContext, teamId: string, userId: string, notices: readonly string[]): HomeData {
  const now = ctx.clock();
  const { overview } = ctx.repos;
  const open = overview.openRequests(teamId, now, HOME_LIMITS.open);
  const openIds = open.items.map((request) => request.id);
  const openCounts = overview.countsFor(openIds);
  const joined = overview.joinedAmong(userId, openIds);
  const contributions = overview.contributionsOf(teamId, userId, HOME_LIMITS.contributions);
  const ownClicks = ctx.repos.links.clicksForUser(teamId, userId);
  return {
    notices,
    open: {
      total: open.total,
      items: open.items.map((request) => ({
        request,
        counts: openCounts.get(request.id) ?? { optedIn: 0, shared: 0 },
        joined: joined.has(request.id),
        own: request.requesterId === userId,
      })),
    },
    mine: myRequests(ctx, teamId, userId, HOME_LIMITS.mine),
    contributions: {
      total: contributions.total,
      items: contributions.items.map((item) => {
        const takesHelp = isOpenForHelp(item.request, now);
        const wantsLinks = takesHelp && item.participation.sharedAt === null;
        const links = wantsLinks ? helperShareLinks(ctx, item.request, userId).links : [];
        return { ...item, open: takesHelp, links, clicks: ownClicks.get(item.request.id) ?? 0 };
      }),
    },
    settings: ctx.repos.settings.get(teamId, userId),
  };
}

export function homeFor(ctx: BoostContext, teamId: string, userId: string, notices: readonly string[] = []): HomeView {
  return homeView(homeData(ctx, teamId, userId, notices));
}

export function mineData(ctx: BoostContext, teamId: string, userId: string): MineData {
  const contributions = ctx.repos.overview.contributionsOf(teamId, userId, MINE_LIMITS.contributions);
  const ownClicks = ctx.repos.links.clicksForUser(teamId, userId);
  return {
    mine: myRequests(ctx, teamId, userId, MINE_LIMITS.mine),
    contributions: {
      total: contributions.total,
      items: contributions.items.map((item) => ({ ...item, clicks: ownClicks.get(item.request.id) ?? 0 })),
    },
  };
}
