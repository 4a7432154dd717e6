import { escapeMrkdwn, truncate } from '../../domain/escape.ts';
import { COMMAND } from '../ids.ts';
import { type Blocks, section } from './blocks.ts';
import type { SlackMessage } from './request-message.ts';

/** `/boost help`, and the answer to a word `/boost` does not know, which says so first. */
export function helpMessage(unknownWord?: string): SlackMessage {
  const lines = [
    `*Boost* helps you ask colleagues to share something, and lets those who want to help say so. Nobody is ever pressured.`,
    `• \`${COMMAND}\` or \`${COMMAND} &lt;link&gt; [what you need]\`: ask for a boost (opens a form).`,
    `• \`${COMMAND} list\`: open requests you could help with.`,
    `• \`${COMMAND} mine\`: your requests and your contributions.`,
    `• \`${COMMAND} report &lt;number&gt;\`: a private report on one of your requests: opt-ins, shares, clicks, who to thank.`,
    `• \`${COMMAND} settings\`: weekly digest, showing your name, reminders.`,
    `• \`${COMMAND} export\`: everything Boost holds about you, as JSON, only for you.`,
    `• \`${COMMAND} forget-me\`: delete everything Boost holds about you (asks first).`,
    `• \`${COMMAND} stats\`: workspace figures per week, for Boost admins.`,
    `• \`${COMMAND} help\`: this message.`,
    "On a request: *I'm in* gives you share links and a wording to edit, *I shared it* counts your share, *Withdraw* takes you out without telling anyone.",
  ];
  const blocks: Blocks = [];
  if (unknownWord !== undefined) {
    blocks.push(section(`I don't know \`${escapeMrkdwn(truncate(unknownWord, 50))}\`. Here is what I can do:`));
  }
  blocks.push(section(lines.join('\n')));
  return { text: unknownWord !== undefined ? 'Unknown Boost command; here is the help.' : 'How to use Boost', blocks };
}
