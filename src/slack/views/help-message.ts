import { escapeMrkdwn, truncate } from '../../domain/escape.ts';
import { type Language, t } from '../../i18n/index.ts';
import { COMMAND } from '../ids.ts';
import { type Blocks, section } from './blocks.ts';
import type { SlackMessage } from './request-message.ts';

/** `/boost help`, and the answer to a word `/boost` does not know, which says so first. */
export function helpMessage(language: Language, unknownWord?: string): SlackMessage {
  const blocks: Blocks = [];
  if (unknownWord !== undefined) {
    blocks.push(section(t(language, 'help.unknown', { word: escapeMrkdwn(truncate(unknownWord, 50)) })));
  }
  blocks.push(section(t(language, 'help.text', { command: COMMAND })));
  return { text: t(language, unknownWord !== undefined ? 'help.fallback.unknown' : 'help.fallback'), blocks };
}
