import { forgetPlan, type Inventory, type Removed, removalSummary, splitText } from '../../domain/privacy.ts';
import { ACTIONS, COMMAND } from '../ids.ts';
import { actions, type Blocks, button, context, header, section } from './blocks.ts';
import { MESSAGE_TEXT_BUDGET } from './budget.ts';
import type { SlackMessage } from './request-message.ts';

// Forget-me, export, and what a removed request's message becomes. No user text reaches mrkdwn here except inside the
// export, which is JSON made inert by inertJson (see domain/privacy.ts).

/** Slack allows 3000 characters in a section; the fences take six. */
const CODE_PIECE_MAX = 3000 - 6;
/** Room for the line that opens each export message ("Your Boost data (part 2 of 9)..."). */
const INTRO_ROOM = 200;
/** Full code sections per export message, within the text one message may carry in all (three). */
const SECTIONS_PER_MESSAGE = Math.floor((MESSAGE_TEXT_BUDGET - INTRO_ROOM) / (CODE_PIECE_MAX + 6));

const bullets = (lines: readonly string[]) => lines.map((line) => `• ${line}`).join('\n');

export function forgetConfirmation(inventory: Inventory, plan = forgetPlan(inventory)): SlackMessage {
  if (plan.length === 0) {
    const text = 'Boost holds nothing about you in this workspace, so there is nothing to delete.';
    return { text, blocks: [section(text)] };
  }
  return {
    text: 'Delete everything Boost holds about you?',
    blocks: [
      section('*Delete everything Boost holds about you in this workspace?*\nThis cannot be undone. What goes:'),
      section(bullets(plan)),
      context(
        `Messages Boost already sent you stay in your Slack, under your workspace's retention; Boost keeps no copy. To keep a copy of your data first, run \`${COMMAND} export\`.`,
      ),
      actions('forget_me', [
        button('Delete my data', ACTIONS.forgetMe, 'forget-me', { style: 'danger' }),
        button('Keep my data', ACTIONS.keepMyData, 'keep'),
      ]),
    ],
  };
}

export function forgetDone(removed: Removed): SlackMessage {
  const lines = removalSummary(removed);
  if (lines.length === 0) {
    const text = 'Boost held nothing more about you, so nothing else was deleted.';
    return { text, blocks: [section(text)] };
  }
  return {
    text: 'Boost deleted what it held about you.',
    blocks: [
      section(`:wastebasket: *Done. Boost deleted what it held about you:*\n${bullets(lines)}`),
      context('If you use Boost again, it starts from nothing.'),
    ],
  };
}

export function forgetKept(): SlackMessage {
  const text = 'Nothing was deleted.';
  return { text, blocks: [section(text)] };
}

/** What a deleted request's channel message becomes: no title, link, text, figures or buttons. */
export function removedRequestMessage(): SlackMessage {
  const text = 'This boost request was removed, and Boost no longer holds anything about it.';
  return { text, blocks: [header(':wastebasket: Request removed'), context(text)] };
}

/**
 * `/boost export` as messages: the JSON cut into code blocks that fit Slack's limits; joining the code blocks of every
 * message in order gives the JSON back exactly.
 */
export function exportMessages(json: string): SlackMessage[] {
  const pieces = splitText(json, CODE_PIECE_MAX);
  const messages: SlackMessage[] = [];
  const total = Math.ceil(pieces.length / SECTIONS_PER_MESSAGE);
  for (let part = 0; part < total; part++) {
    const blocks: Blocks = [];
    const label = total > 1 ? ` (part ${part + 1} of ${total})` : '';
    if (part === 0) {
      blocks.push(
        section(
          `*Your Boost data*${label}, as JSON. Only you can see this. If it comes in several blocks, copy them in order.`,
        ),
      );
    } else {
      blocks.push(context(`Your Boost data${label}`));
    }
    for (const piece of pieces.slice(part * SECTIONS_PER_MESSAGE, (part + 1) * SECTIONS_PER_MESSAGE)) {
      blocks.push(section(`\`\`\`${piece}\`\`\``));
    }
    messages.push({ text: `Your Boost data${label}`, blocks });
  }
  return messages;
}
