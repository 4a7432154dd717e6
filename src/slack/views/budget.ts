import type { Button } from '@slack/types';
import { type Language, t } from '../../i18n/index.ts';
import { type Blocks, section } from './blocks.ts';

// Slack refuses a message whose blocks hold about 12,000 characters of text in all (`msg_blocks_too_long`), whatever
// the per-field limits allow, and one of more than 50 blocks (`invalid_blocks`). Builders of messages that grow with
// the data spend one MessageBudget as they add blocks and end a list with "and N more" where the room runs out, so a
// busy week or a long history arrives shortened instead of not at all.

/** Below Slack's 12,000: the count behind its limit is unpublished and includes some of the blocks' own structure. */
export const MESSAGE_TEXT_BUDGET = 11_000;
export const MAX_MESSAGE_BLOCKS = 50;
/** A section's text may hold 3,000 characters; lists joined into one leave room for their "and N more". */
export const SECTION_ROOM = 2900;

/** The text Slack counts toward that limit: every `text` string in the blocks, in code points. */
export function textLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + textLength(item), 0);
  if (typeof value !== 'object' || value === null) return 0;
  let sum = 0;
  for (const [key, item] of Object.entries(value)) {
    sum += key === 'text' && typeof item === 'string' ? [...item].length : textLength(item);
  }
  return sum;
}

/** What is left of one message's room, spent as its builder adds blocks. */
export class MessageBudget {
  constructor(
    private chars = MESSAGE_TEXT_BUDGET,
    private blocks = MAX_MESSAGE_BLOCKS,
  ) {}

  /** A message's room once the blocks it always shows (a header, a footer) are counted. */
  static after(...fixed: Blocks[]): MessageBudget {
    const budget = new MessageBudget();
    for (const blocks of fixed) budget.spend(blocks);
    return budget;
  }

  /** Characters left for text, less `keep` held back for what comes later in the message. */
  room(keep = 0): number {
    return Math.max(0, this.chars - keep);
  }

  fits(blocks: Blocks, keep = 0): boolean {
    return textLength(blocks) <= this.room(keep) && blocks.length <= this.blocks;
  }

  spend(blocks: Blocks): Blocks {
    this.chars -= textLength(blocks);
    this.blocks -= blocks.length;
    return blocks;
  }
}

export interface FitOptions {
  /** How many there are in all, when `items` is already a first page of them. */
  total?: number;
  /** Characters held back for the parts of the message after this list. */
  keep?: number;
}

/**
 * The blocks of as many items as fit, whole and in order, then `more(left)` for the rest. Room for that closing line is
 * held back while items are added, so it follows whatever fitted; `keep` leaves room for the parts that come after.
 */
export function fitList<T>(
  budget: MessageBudget,
  items: readonly T[],
  render: (item: T) => Blocks,
  more: (left: number) => Blocks,
  { total = items.length, keep = 0 }: FitOptions = {},
): Blocks {
  const out: Blocks = [];
  let shown = 0;
  for (const item of items) {
    const blocks = render(item);
    const leftAfter = total - shown - 1;
    if (!budget.fits([...blocks, ...(leftAfter > 0 ? more(leftAfter) : [])], keep)) break;
    out.push(...budget.spend(blocks));
    shown += 1;
  }
  const left = total - shown;
  const closing = left > 0 ? more(left) : [];
  if (budget.fits(closing)) out.push(...budget.spend(closing));
  return out;
}

/**
 * Lines joined while they fit in `room` characters, then `and N more`; no line is ever cut. `total` counts lines that
 * were never given (beyond a first page of them).
 */
export function fitLines(
  language: Language,
  lines: readonly string[],
  room: number,
  { total = lines.length, separator = '\n' } = {},
) {
  const more = (left: number) => t(language, 'list.andMore', { count: left });
  const kept: string[] = [];
  let used = 0;
  for (const [index, line] of lines.entries()) {
    const left = total - index - 1;
    const closing = left > 0 ? separator.length + more(left).length : 0;
    if (used + (kept.length > 0 ? separator.length : 0) + line.length + closing > room) break;
    used += (kept.length > 0 ? separator.length : 0) + line.length;
    kept.push(line);
  }
  const left = total - kept.length;
  return [...kept, ...(left > 0 ? [more(left)] : [])].join(separator);
}

export interface ListSectionOptions {
  total?: number;
  keep?: number;
  separator?: string;
  accessory?: Button;
}

/**
 * One section: `heading` and as many of `lines` as fit in a section and in what is left of the message, then
 * "and N more". Empty when not even that fits.
 */
export function listSection(
  language: Language,
  budget: MessageBudget,
  heading: string,
  lines: readonly string[],
  { keep = 0, accessory, ...fit }: ListSectionOptions = {},
): Blocks {
  const room = Math.min(SECTION_ROOM, budget.room(keep)) - heading.length;
  const block = section(`${heading}${fitLines(language, lines, room, fit)}`, accessory);
  return budget.fits([block]) ? budget.spend([block]) : [];
}
