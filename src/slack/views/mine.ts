import { type Language, t } from '../../i18n/index.ts';
import type { MineReadModel } from '../../services/overview.ts';
import { COMMAND } from '../ids.ts';
import { type Blocks, context, section } from './blocks.ts';
import { fitList, MessageBudget } from './budget.ts';
import { contributionText, moreLine, myRequestBlocks } from './overview.ts';
import type { SlackMessage } from './request-message.ts';

export const MINE_LIMITS = { mine: 5, contributions: 10 } as const;
/** Room the person's requests leave for their contributions, however many helpers those requests have. */
const CONTRIBUTIONS_ROOM = 3000;

export type MineData = MineReadModel;

/** `/boost mine`, shown only to the person: their requests (helpers by name) and what they helped with. */
export function mineMessage(language: Language, { mine, contributions }: MineData): SlackMessage {
  if (mine.total === 0 && contributions.total === 0) {
    const text = t(language, 'mine.empty', { command: COMMAND });
    return { text, blocks: [section(text)] };
  }
  const footer = [context(t(language, 'mine.footer'))];
  const budget = MessageBudget.after(footer);
  const blocks: Blocks = [];
  const more = (left: number) => moreLine(language, left);
  if (mine.total > 0) {
    blocks.push(...budget.spend([section(t(language, 'mine.yourRequests', { count: mine.total }))]));
    blocks.push(
      ...fitList(budget, mine.items.slice(0, MINE_LIMITS.mine), (item) => myRequestBlocks(language, item), more, {
        total: mine.total,
        keep: contributions.total > 0 ? CONTRIBUTIONS_ROOM : 0,
      }),
    );
  }
  if (contributions.total > 0) {
    blocks.push(...budget.spend([section(t(language, 'mine.yourContributions', { count: contributions.total }))]));
    blocks.push(
      ...fitList(
        budget,
        contributions.items.slice(0, MINE_LIMITS.contributions),
        (item) => [section(contributionText(language, item))],
        more,
        { total: contributions.total },
      ),
    );
  }
  blocks.push(...footer);
  const parts = [];
  if (mine.total > 0) parts.push(t(language, 'mine.requests', { count: mine.total }));
  if (contributions.total > 0) parts.push(t(language, 'mine.contributions', { count: contributions.total }));
  return { text: t(language, 'mine.fallback', { parts: parts.join(t(language, 'mine.and')) }), blocks };
}
