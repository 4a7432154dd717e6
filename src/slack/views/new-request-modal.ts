import type { ModalView, PlainTextOption } from '@slack/types';
import { truncate } from '../../domain/escape.ts';
import { NETWORK_LABELS, NETWORKS, type Network } from '../../domain/networks.ts';
import { LIMITS } from '../../domain/validation.ts';
import { type Language, t } from '../../i18n/index.ts';
import { INPUT_ACTION, REQUEST_FIELDS, VIEWS } from '../ids.ts';
import { type Blocks, context, input, plain } from './blocks.ts';

export interface NewRequestPrefill {
  url?: string;
  ask?: string;
  channelId?: string;
  /** YYYY-MM-DD in the requester's time zone. */
  deadline: string;
  networks?: readonly Network[];
}

export const DEFAULT_NETWORKS: readonly Network[] = ['linkedin', 'x', 'bluesky'];

const networkOption = (network: Network): PlainTextOption => ({ text: plain(NETWORK_LABELS[network]), value: network });

/** The new-request modal. Slack keeps what was typed when we answer with field errors, so nothing is lost. */
export function newRequestModal(language: Language, prefill: NewRequestPrefill): ModalView {
  const text = (
    blockId: string,
    label: string,
    max: number,
    options: { multiline?: boolean; placeholder: string; initial?: string; optional?: boolean; hint?: string },
  ) =>
    input(
      blockId,
      label,
      {
        type: 'plain_text_input',
        action_id: INPUT_ACTION,
        max_length: max,
        multiline: options.multiline ?? false,
        placeholder: plain(options.placeholder, 150),
        ...(options.initial ? { initial_value: truncate(options.initial, max) } : {}),
      },
      { optional: options.optional, hint: options.hint },
    );

  const blocks: Blocks = [
    text(REQUEST_FIELDS.url, t(language, 'newRequest.link'), LIMITS.url, {
      placeholder: 'https://…',
      initial: prefill.url,
      hint: t(language, 'newRequest.linkHint'),
    }),
    text(REQUEST_FIELDS.title, t(language, 'newRequest.title'), LIMITS.title, {
      placeholder: t(language, 'newRequest.titlePlaceholder'),
      optional: true,
    }),
    text(REQUEST_FIELDS.ask, t(language, 'newRequest.ask'), LIMITS.ask, {
      multiline: true,
      placeholder: t(language, 'newRequest.askPlaceholder'),
      initial: prefill.ask,
    }),
    text(REQUEST_FIELDS.suggestedText, t(language, 'newRequest.suggestedText'), LIMITS.suggestedText, {
      multiline: true,
      placeholder: t(language, 'newRequest.suggestedTextPlaceholder'),
      optional: true,
      hint: t(language, 'newRequest.suggestedTextHint'),
    }),
    input(REQUEST_FIELDS.networks, t(language, 'newRequest.networks'), {
      type: 'checkboxes',
      action_id: INPUT_ACTION,
      options: NETWORKS.map(networkOption),
      initial_options: (prefill.networks ?? DEFAULT_NETWORKS).map(networkOption),
    }),
    input(REQUEST_FIELDS.deadline, t(language, 'newRequest.deadline'), {
      type: 'datepicker',
      action_id: INPUT_ACTION,
      initial_date: prefill.deadline,
      placeholder: plain(t(language, 'newRequest.pickDate'), 150),
    }),
    input(
      REQUEST_FIELDS.channelId,
      t(language, 'newRequest.channel'),
      {
        type: 'conversations_select',
        action_id: INPUT_ACTION,
        ...(prefill.channelId ? { initial_conversation: prefill.channelId } : {}),
        default_to_current_conversation: !prefill.channelId,
        filter: { include: ['public', 'private'], exclude_bot_users: true, exclude_external_shared_channels: false },
        placeholder: plain(t(language, 'newRequest.chooseChannel'), 150),
      },
      { hint: t(language, 'newRequest.channelHint') },
    ),
    context(t(language, 'newRequest.footer')),
  ];

  return {
    type: 'modal',
    callback_id: VIEWS.newRequest,
    title: plain(t(language, 'newRequest.title.modal'), 24),
    submit: plain(t(language, 'newRequest.submit'), 24),
    close: plain(t(language, 'modal.cancel'), 24),
    blocks,
  };
}
