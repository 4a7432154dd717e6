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
export function mineMessage({ mine, contributions }: MineData): SlackMessage {
  if (mine.total === 0 && contributions.total === 0) {
    const text = `You have no requests or contributions yet. Ask for a boost with \`${COMMAND}\`, or see what you could help with using \`${COMMAND} list\`.`;
    return { text, blocks: [section(text)] };
  }
  const footer = [context("Only you can see this. Boost's Home tab has the same, with share links and buttons.")];
  const budget = MessageBudget.after(footer);
  const blocks: Blocks = [];
  if (mine.total > 0) {
    blocks.push(...budget.spend([section(`*Your requests* (${mine.total})`)]));
    blocks.push(
      ...fitList(budget, mine.items.slice(0, MINE_LIMITS.mine), myRequestBlocks, moreLine, {
        total: mine.total,
        keep: contributions.total > 0 ? CONTRIBUTIONS_ROOM : 0,
      }),
    );
  }
  if (contributions.total > 0) {
    blocks.push(...budget.spend([section(`*Your contributions* (${contributions.total})`)]));
    blocks.push(
      ...fitList(
        budget,
        contributions.items.slice(0, MINE_LIMITS.contributions),
        (item) => [section(contributionText(item))],
        moreLine,
        { total: contributions.total },
      ),
    );
  }
  blocks.push(...footer);
  const parts = [];
  if (mine.total > 0) parts.push(`${mine.total} ${mine.total === 1 ? 'request' : 'requests'}`);
  if (contributions.total > 0) {
    parts.push(`${contributions.total} ${contributions.total === 1 ? 'contribution' : 'contributions'}`);
  }
  return { text: `Your Boost: ${parts.join(' and ')}`, blocks };
}
