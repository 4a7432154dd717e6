import type {
  ActionsBlock,
  ActionsBlockElement,
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  InputBlock,
  InputBlockElement,
  KnownBlock,
  PlainTextElement,
  SectionBlock,
} from '@slack/types';
import { plainTextWithin, truncateMrkdwn } from '../../domain/escape.ts';
import { honestLinkLabel } from '../../domain/link-label.ts';
import { type Language, t } from '../../i18n/index.ts';

// Small typed builders for Block Kit. Text given to them is already safe: callers escape user text with
// escapeMrkdwn before it reaches a mrkdwn field. Lengths are capped to Slack's documented limits here, once.

export type Blocks = KnownBlock[];

export const plain = (text: string, max = 3000): PlainTextElement => ({
  type: 'plain_text',
  text: plainTextWithin(text, max),
  emoji: true,
});

export const header = (text: string): HeaderBlock => ({ type: 'header', text: plain(text, 150) });

export const section = (text: string, accessory?: Button): SectionBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncateMrkdwn(text, 3000) },
  ...(accessory ? { accessory } : {}),
});

export const context = (...texts: string[]): ContextBlock => ({
  type: 'context',
  elements: texts.slice(0, 10).map((text) => ({ type: 'mrkdwn' as const, text: truncateMrkdwn(text, 3000) })),
});

export const divider = (): DividerBlock => ({ type: 'divider' });

export const actions = (blockId: string, elements: ActionsBlockElement[]): ActionsBlock => ({
  type: 'actions',
  block_id: blockId,
  elements: elements.slice(0, 25),
});

export interface ButtonOptions {
  style?: 'primary' | 'danger';
  url?: string;
  confirm?: { title: string; text: string; confirm: string; deny: string };
}

export const button = (text: string, actionId: string, value: string, options: ButtonOptions = {}): Button => ({
  type: 'button',
  text: plain(text, 75),
  action_id: actionId,
  value,
  ...(options.style ? { style: options.style } : {}),
  ...(options.url ? { url: options.url } : {}),
  ...(options.confirm
    ? {
        confirm: {
          title: plain(options.confirm.title, 100),
          text: plain(options.confirm.text, 300),
          confirm: plain(options.confirm.confirm, 30),
          deny: plain(options.confirm.deny, 30),
        },
      }
    : {}),
});

export const input = (
  blockId: string,
  label: string,
  element: InputBlockElement,
  options: { optional?: boolean; hint?: string } = {},
): InputBlock => ({
  type: 'input',
  block_id: blockId,
  label: plain(label, 2000),
  element,
  optional: options.optional ?? false,
  ...(options.hint ? { hint: plain(options.hint, 2000) } : {}),
});

const dateFormats = new Map<Language, Intl.DateTimeFormat>();
const dateIn = (language: Language, ms: number): string => {
  let format = dateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
    dateFormats.set(language, format);
  }
  return format.format(ms);
};

/**
 * A Slack date token: each reader sees the date in their own time zone and Slack language; the fallback, for clients
 * that cannot show the token, is written as the catalog says (English keeps the unambiguous 2026-05-31).
 */
export const slackDate = (language: Language, ms: number, format = '{date_short_pretty}'): string => {
  const seconds = Math.floor(ms / 1000);
  const fallback = t(language, 'date.fallback', {
    iso: new Date(ms).toISOString().slice(0, 10),
    date: dateIn(language, ms),
  });
  return `<!date^${seconds}^${format}|${fallback.replace(/[|<>]/g, '')}>`;
};

/**
 * A mrkdwn link whose URL cannot break out of the <url|label> syntax, and whose label (escaped mrkdwn) cannot pretend
 * to be another address: a title like "https://bank.example" over another URL shows the real address instead.
 */
export const link = (url: string, label: string): string =>
  `<${url.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C')}|${honestLinkLabel(url, label)}>`;
