import type { WeekFigures, WorkspaceStats } from '../../domain/weekly-stats.ts';
import { COMMAND } from '../ids.ts';
import { context, section } from './blocks.ts';
import type { SlackMessage } from './request-message.ts';

const COLUMNS: ReadonlyArray<[label: string, key: keyof Omit<WeekFigures, 'week'>]> = [
  ['Requests', 'requests'],
  ['Helpers', 'helpers'],
  ['Opt-ins', 'optIns'],
  ['Shares', 'shares'],
];

function row(figures: WeekFigures): string {
  return (
    figures.week.padEnd(9) + COLUMNS.map(([label, key]) => String(figures[key]).padStart(label.length + 2)).join('')
  );
}

/** `/boost stats` for admins: workspace totals per week, as a fixed-width table. Figures only, never names. */
export function statsMessage(stats: WorkspaceStats): SlackMessage {
  const headerRow = 'Week'.padEnd(9) + COLUMNS.map(([label]) => label.padStart(label.length + 2)).join('');
  const table = [headerRow, ...stats.weeks.map(row), '-'.repeat(headerRow.length), row(stats.totals)].join('\n');
  return {
    text: `Boost in this workspace, last ${stats.weeks.length} weeks: ${stats.totals.requests} requests, ${stats.totals.optIns} opt-ins, ${stats.totals.shares} shares`,
    blocks: [
      section(`*Boost in this workspace, last ${stats.weeks.length} weeks*`),
      section(`\`\`\`${table}\`\`\``),
      context(
        'ISO weeks in UTC. Helpers: people who joined or shared that week (each counted once per week; once in the total). Figures only: Boost never ranks or names people here.',
      ),
    ],
  };
}

export function notAdminNote(): SlackMessage {
  const text = `Workspace figures are for Boost admins (listed in BOOST_ADMINS, or Slack workspace admins and owners). Your own requests and contributions are in \`${COMMAND} mine\`.`;
  return { text, blocks: [section(text)] };
}
