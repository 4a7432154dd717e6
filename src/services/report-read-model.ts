import type { Config } from '../config.ts';
import type { Repositories } from '../db/repositories/index.ts';
import type { Page } from '../db/repositories/overview.ts';
import { canSeeReport, composeReport, type RequestReport } from '../domain/request-report.ts';
import type { BoostRequest } from '../domain/types.ts';

export interface ReportViewer {
  /** Only the requester sends thanks; an admin sees the same report without the button. */
  canThank: boolean;
}

export type ReportOutcome =
  | { ok: true; report: RequestReport; viewer: ReportViewer }
  | { ok: false; reason: 'not_found' | 'not_allowed' };

export interface ReportRequest {
  teamId: string;
  viewerId: string;
  requestId: number;
  /** Whether the viewer is a Boost admin, as the caller knows it (from the cache before an ack, from Slack after). */
  viewerIsAdmin: boolean;
  now: number;
}

/**
 * One request's report for whoever asked to see it: its requester, or a Boost admin (rule 3: it names helpers). A
 * handful of queries in one transaction, read fresh.
 */
export function loadReport(
  repos: Repositories,
  config: Pick<Config, 'PUBLIC_BASE_URL'>,
  { teamId, viewerId, requestId, viewerIsAdmin, now }: ReportRequest,
): Promise<ReportOutcome> {
  return repos.transaction(async (tx) => {
    const request = await tx.requests.get(requestId);
    if (!request || request.teamId !== teamId) return { ok: false, reason: 'not_found' };
    if (!canSeeReport(viewerId, request, viewerIsAdmin)) return { ok: false, reason: 'not_allowed' };
    const report = composeReport({
      request,
      participations: await tx.participations.listForRequest(requestId),
      clicksByHelper: await tx.links.clicksByHelper(requestId),
      clicksByDay: await tx.links.clicksByDay(requestId),
      tracking: Boolean(config.PUBLIC_BASE_URL),
      now,
    });
    return { ok: true, report, viewer: { canThank: viewerId === request.requesterId } };
  });
}

/** `/boost report` without a number: the person's own requests to pick from, and how many they have. */
export function reportChoices(
  repos: Repositories,
  teamId: string,
  requesterId: string,
  limit: number,
): Promise<Page<BoostRequest>> {
  return repos.transaction(async (tx) => ({
    items: await tx.requests.listByRequester(teamId, requesterId, limit),
    total: await tx.requests.countByRequester(teamId, requesterId),
  }));
}
