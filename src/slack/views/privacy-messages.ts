import { forgetPlan, type Inventory, type Removed, removalSummary, splitText } from '../../domain/privacy-rules.ts';
import { type Language, say, t } from '../../i18n/index.ts';
import { ACTIONS, COMMAND } from '../ids.ts';
import { actions, type Blocks, button, context, header, section } from './blocks.ts';
import { MESSAGE_TEXT_BUDGET } from './budget.ts';
import type { SlackMessage } from './request-message.ts';

// Forget-me, export, and what a removed request's message becomes. No user text reaches mrkdwn here except inside the
// export, which is JSON made inert by inertJson (see domain/privacy-rules.ts).

/** Slack allows 3000 characters in a section; the fences take six. */
const CODE_PIECE_MAX = 3000 - 6;
/** Room for the line that opens each export message ("Your Boost data (part 2 of 9)..."). */
const INTRO_ROOM = 200;
/** Full code sections per export message, within the text one message may carry in all (three). */
const SECTIONS_PER_MESSAGE = Math.floor((MESSAGE_TEXT_BUDGET - INTRO_ROOM) / (CODE_PIECE_MAX + 6));

const bullets = (lines: readonly string[]) => lines.map((line) => `• ${line}`).join('\n');

export function forgetConfirmation(
  language: Language,
  inventory: Inventory,
  plan = forgetPlan(inventory),
): SlackMessage {
  if (plan.length === 0) {
    const text = t(language, 'forget.nothingHeld');
    return { text, blocks: [section(text)] };
  }
  return {
    text: t(language, 'forget.confirm.fallback'),
    blocks: [
      section(t(language, 'forget.confirm.heading')),
      section(bullets(plan.map((line) => say(language, line)))),
      context(t(language, 'forget.confirm.footer', { command: COMMAND })),
      actions('forget_me', [
        button(t(language, 'forget.delete'), ACTIONS.forgetMe, 'forget-me', { style: 'danger' }),
        button(t(language, 'forget.keep'), ACTIONS.keepMyData, 'keep'),
      ]),
    ],
  };
}

export function forgetDone(language: Language, removed: Removed): SlackMessage {
  const lines = removalSummary(removed).map((line) => say(language, line));
  if (lines.length === 0) {
    const text = t(language, 'forget.nothingMore');
    return { text, blocks: [section(text)] };
  }
  return {
    text: t(language, 'forget.done.fallback'),
    blocks: [
      section(`${t(language, 'forget.done.heading')}\n${bullets(lines)}`),
      context(t(language, 'forget.done.footer')),
    ],
  };
}

export function forgetKept(language: Language): SlackMessage {
  const text = t(language, 'forget.kept');
  return { text, blocks: [section(text)] };
}

/** What a deleted request's channel message becomes: no title, link, text, figures or buttons. */
export function removedRequestMessage(language: Language): SlackMessage {
  const text = t(language, 'removed.text');
  return { text, blocks: [header(t(language, 'removed.header')), context(text)] };
}

/**
 * `/boost export` as messages: the JSON cut into code blocks that fit Slack's limits; joining the code blocks of every
 * message in order gives the JSON back exactly.
 */
export function exportMessages(language: Language, json: string): SlackMessage[] {
  const pieces = splitText(json, CODE_PIECE_MAX);
  const messages: SlackMessage[] = [];
  const total = Math.ceil(pieces.length / SECTIONS_PER_MESSAGE);
  for (let part = 0; part < total; part++) {
    const blocks: Blocks = [];
    const label = total > 1 ? t(language, 'export.part', { part: part + 1, total }) : '';
    if (part === 0) {
      blocks.push(section(t(language, 'export.intro', { label })));
    } else {
      blocks.push(context(t(language, 'export.title', { label })));
    }
    for (const piece of pieces.slice(part * SECTIONS_PER_MESSAGE, (part + 1) * SECTIONS_PER_MESSAGE)) {
      blocks.push(section(`\`\`\`${piece}\`\`\``));
    }
    messages.push({ text: t(language, 'export.title', { label }), blocks });
  }
  return messages;
}
