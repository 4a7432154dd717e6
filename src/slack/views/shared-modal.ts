import type { ModalView, PlainTextOption } from '@slack/types';
import { escapeMrkdwn } from '../../domain/escape.ts';
import { NETWORK_LABELS, type Network } from '../../domain/networks.ts';
import type { BoostRequest } from '../../domain/types.ts';
import { LIMITS } from '../../domain/validation.ts';
import { INPUT_ACTION, SHARED_FIELDS, VIEWS } from '../ids.ts';
import { input, plain, section } from './blocks.ts';
import { requestTitle } from './request-message.ts';

const option = (network: Network): PlainTextOption => ({ text: plain(NETWORK_LABELS[network]), value: network });

/** Opens after "I shared it" (already counted): the link to one's own post is optional. */
export function sharedModal(request: BoostRequest): ModalView {
  const networks = request.networks as Network[];
  return {
    type: 'modal',
    callback_id: VIEWS.shared,
    private_metadata: JSON.stringify({ requestId: request.id }),
    title: plain('Thanks for sharing', 24),
    submit: plain('Save', 24),
    close: plain('Skip', 24),
    blocks: [
      section(
        `:tada: Counted as shared: *${escapeMrkdwn(requestTitle(request))}*.\nWant to add where you posted it? It is optional, and only the person who asked sees it.`,
      ),
      input(
        SHARED_FIELDS.shareUrl,
        'Link to your post',
        {
          type: 'plain_text_input',
          action_id: INPUT_ACTION,
          max_length: LIMITS.shareUrl,
          placeholder: plain('https://…', 150),
        },
        { optional: true },
      ),
      input(
        SHARED_FIELDS.network,
        'Where',
        {
          type: 'static_select',
          action_id: INPUT_ACTION,
          placeholder: plain('Choose a network', 150),
          options: (networks.length > 0 ? networks : (Object.keys(NETWORK_LABELS) as Network[])).map(option),
        },
        { optional: true },
      ),
    ],
  };
}
