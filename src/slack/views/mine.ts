import type { Contribution, Page } from '../../db/repositories/overview.ts';
import { COMMAND } from '../ids.ts';
import { type Blocks, context, section } from './blocks.ts';
import { contributionText, type MyRequest, moreLine, myRequestBlocks } from './overview.ts';
import type { SlackMessage } from './request-message.ts';

export const MINE_LIMITS = { mine: 5, contributions: 10 } as const;

export interface MineData {
  mine: Page<MyRequest>;
  /** With the clicks on the person's own personal link for each request. */
  contributions: Page<Contribution & { clicks?: number }>;
}

/** `/boost mine`, shown only to the person: their requests (helpers by name) and what they helped with. */
export function mineMessage({ mine, contributions }: MineData): SlackMessage {
  if (mine.total === 0 && contributions.total === 0) {
    const text = `You have no requests or contributions yet. Ask for a boost with \`${COMMAND}\`, or see what you could help with using \`${COMMAND} list\`.`;
    return { text, blocks: [section(text)] };
  }
  const blocks: Blocks = [];
  if (mine.total > 0) {
    blocks.push(section(`*Your requests* (${mine.total})`));
    for (const item of mine.items.slice(0, MINE_LIMITS.mine)) blocks.push(...myRequestBlocks(item));
    blocks.push(...moreLine(mine.total - Math.min(mine.items.length, MINE_LIMITS.mine)));
  }
  if (contributions.total > 0) {
    blocks.push(section(`*Your contributions* (${contributions.total})`));
    for (const item of contributions.items.slice(0, MINE_LIMITS.contributions)) {
      blocks.push(section(contributionText(item)));
    }
    blocks.push(...moreLine(contributions.total - Math.min(contributions.items.length, MINE_LIMITS.contributions)));
  }
  blocks.push(context("Only you can see this. Boost's Home tab has the same, with share links and buttons."));
  const parts = [];
  if (mine.total > 0) parts.push(`${mine.total} ${mine.total === 1 ? 'request' : 'requests'}`);
  if (contributions.total > 0) {
    parts.push(`${contributions.total} ${contributions.total === 1 ? 'contribution' : 'contributions'}`);
  }
  return { text: `Your Boost: ${parts.join(' and ')}`, blocks };
}
