import type { Repositories } from '../db/repositories/index.ts';
import { composeStats, statsWindow, type WorkspaceStats } from '../domain/weekly-stats.ts';

/** How many ISO weeks `/boost stats` shows, the current one included. */
export const STATS_WEEKS = 8;

/** Workspace totals per week for admins: a handful of aggregate queries, figures only. */
export async function workspaceStats(repos: Repositories, teamId: string, now: number): Promise<WorkspaceStats> {
  const window = statsWindow(now, STATS_WEEKS);
  const { rows, helpersOverall } = await repos.stats.weekly(teamId, window.from);
  return composeStats(window, rows, helpersOverall);
}
