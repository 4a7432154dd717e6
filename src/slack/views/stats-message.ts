import type { WeekFigures, WorkspaceStats } from '../../domain/weekly-stats.ts';
import { formatNumber, type Language, type MessageKey, t } from '../../i18n/index.ts';
import { COMMAND } from '../ids.ts';
import { context, section } from './blocks.ts';
import type { SlackMessage } from './request-message.ts';

const COLUMNS: ReadonlyArray<[label: MessageKey, key: keyof Omit<WeekFigures, 'week'>]> = [
  ['stats.requests', 'requests'],
  ['stats.helpers', 'helpers'],
  ['stats.optIns', 'optIns'],
  ['stats.shares', 'shares'],
];

/** `/boost stats` for admins: workspace totals per week, as a fixed-width table. Figures only, never names. */
export function statsMessage(language: Language, stats: WorkspaceStats): SlackMessage {
  const labels = COLUMNS.map(([label]) => t(language, label));
  const weekWidth = Math.max(9, t(language, 'stats.week').length + 1, t(language, 'stats.total').length + 1);
  const row = (week: string, figures: WeekFigures) =>
    week.padEnd(weekWidth) +
    COLUMNS.map(([, key], i) => formatNumber(language, figures[key]).padStart((labels[i]?.length ?? 0) + 2)).join('');
  const headerRow = t(language, 'stats.week').padEnd(weekWidth) + labels.map((l) => l.padStart(l.length + 2)).join('');
  const table = [
    headerRow,
    ...stats.weeks.map((figures) => row(figures.week, figures)),
    '-'.repeat(headerRow.length),
    row(t(language, 'stats.total'), stats.totals),
  ].join('\n');
  const weeks = stats.weeks.length;
  return {
    text: t(language, 'stats.fallback', {
      count: weeks,
      requests: formatNumber(language, stats.totals.requests),
      optIns: formatNumber(language, stats.totals.optIns),
      shares: formatNumber(language, stats.totals.shares),
    }),
    blocks: [
      section(t(language, 'stats.heading', { count: weeks })),
      section(`\`\`\`${table}\`\`\``),
      context(t(language, 'stats.footer')),
    ],
  };
}

export function notAdminNote(language: Language): SlackMessage {
  const text = t(language, 'stats.notAdmin', { command: COMMAND });
  return { text, blocks: [section(text)] };
}
