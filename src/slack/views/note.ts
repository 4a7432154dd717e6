import { section } from './blocks.ts';
import type { SlackMessage } from './request-message.ts';

/** A private note of one paragraph. */
export const note = (text: string): SlackMessage => ({ text, blocks: [section(text)] });
