import type { ModalView, PlainTextOption } from '@slack/types';
import { truncate } from '../../domain/escape.ts';
import { NETWORK_LABELS, NETWORKS, type Network } from '../../domain/networks.ts';
import { LIMITS } from '../../domain/validation.ts';
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
export function newRequestModal(prefill: NewRequestPrefill): ModalView {
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
    text(REQUEST_FIELDS.url, 'Link', LIMITS.url, {
      placeholder: 'https://…',
      initial: prefill.url,
      hint: 'The page people will share: a post, a question, a launch, a job opening.',
    }),
    text(REQUEST_FIELDS.title, 'Title', LIMITS.title, {
      placeholder: 'A few words, shown as the headline',
      optional: true,
    }),
    text(REQUEST_FIELDS.ask, 'What help is needed?', LIMITS.ask, {
      multiline: true,
      placeholder: 'e.g. Share it with your network if you find it useful, or answer if you know the topic.',
      initial: prefill.ask,
    }),
    text(REQUEST_FIELDS.suggestedText, 'Suggested wording', LIMITS.suggestedText, {
      multiline: true,
      placeholder: 'A starting point people can edit. Boost never posts for anyone.',
      optional: true,
      hint: 'Shown to helpers with the disclosure that they work here; they always edit it in their own words.',
    }),
    input(REQUEST_FIELDS.networks, 'Where could it be shared?', {
      type: 'checkboxes',
      action_id: INPUT_ACTION,
      options: NETWORKS.map(networkOption),
      initial_options: (prefill.networks ?? DEFAULT_NETWORKS).map(networkOption),
    }),
    input(REQUEST_FIELDS.deadline, 'Deadline', {
      type: 'datepicker',
      action_id: INPUT_ACTION,
      initial_date: prefill.deadline,
      placeholder: plain('Pick a date', 150),
    }),
    input(
      REQUEST_FIELDS.channelId,
      'Post in',
      {
        type: 'conversations_select',
        action_id: INPUT_ACTION,
        ...(prefill.channelId ? { initial_conversation: prefill.channelId } : {}),
        default_to_current_conversation: !prefill.channelId,
        filter: { include: ['public', 'private'], exclude_bot_users: true, exclude_external_shared_channels: false },
        placeholder: plain('Choose a channel', 150),
      },
      { hint: 'Boost must be a member of the channel: type /invite @Boost there first.' },
    ),
    context('Helping is always optional. People opt in, share in their own words, and can withdraw at any time.'),
  ];

  return {
    type: 'modal',
    callback_id: VIEWS.newRequest,
    title: plain('Ask for a boost', 24),
    submit: plain('Post request', 24),
    close: plain('Cancel', 24),
    blocks,
  };
}
