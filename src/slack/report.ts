import { canSeeReport, composeReport, type RequestReport } from '../domain/request-report.ts';
import type { BoostContext } from './context.ts';
import type { ReportViewer } from './views/report-message.ts';

export type ReportOutcome =
  | { ok: true; report: RequestReport; viewer: ReportViewer }
  | { ok: false; reason: 'not_found' | 'not_allowed' };

/**
 * One request's report for whoever asked to see it: its requester, or a Boost admin (rule 3: it names helpers). A
 * handful of queries, read fresh.
 */
export function loadReport(
  ctx: BoostContext,
  teamId: string,
  viewerId: string,
  requestId: number,
  viewerIsAdmin: boolean,
): ReportOutcome {
  const request = ctx.repos.requests.get(requestId);
  if (!request || request.teamId !== teamId) return { ok: false, reason: 'not_found' };
  if (!canSeeReport(viewerId, request, viewerIsAdmin)) return { ok: false, reason: 'not_allowed' };
  const report = composeReport({
    request,
    participations: ctx.repos.participations.listForRequest(requestId),
    clicksByHelper: ctx.repos.links.clicksByHelper(requestId),
    clicksByDay: ctx.repos.links.clicksByDay(requestId),
    tracking: Boolean(ctx.config.PUBLIC_BASE_URL),
    now: ctx.clock(),
  });
  return { ok: true, report, viewer: { canThank: viewerId === request.requesterId } };
}
