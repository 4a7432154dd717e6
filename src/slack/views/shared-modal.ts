import type { ModalView, PlainTextOption } from '@slack/types';
import { escapeMrkdwn } from '../../domain/escape.ts';
import { NETWORK_LABELS, type Network } from '../../domain/networks.ts';
import type { BoostRequest } from '../../domain/types.ts';
import { LIMITS } from '../../domain/validation.ts';
import { type Language, t } from '../../i18n/index.ts';
import { INPUT_ACTION, SHARED_FIELDS, VIEWS } from '../ids.ts';
import { input, plain, section } from './blocks.ts';
import { requestTitle } from './request-message.ts';

const option = (network: Network): PlainTextOption => ({ text: plain(NETWORK_LABELS[network]), value: network });

/** Opens after "I shared it" (already counted): the link to one's own post is optional. */
export function sharedModal(language: Language, request: BoostRequest): ModalView {
  const networks = request.networks as Network[];
  return {
    type: 'modal',
    callback_id: VIEWS.shared,
    private_metadata: JSON.stringify({ requestId: request.id }),
    title: plain(t(language, 'shared.title'), 24),
    submit: plain(t(language, 'modal.save'), 24),
    close: plain(t(language, 'shared.skip'), 24),
    blocks: [
      section(t(language, 'shared.text', { title: `*${escapeMrkdwn(requestTitle(language, request))}*` })),
      input(
        SHARED_FIELDS.shareUrl,
        t(language, 'shared.link'),
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
        t(language, 'shared.where'),
        {
          type: 'static_select',
          action_id: INPUT_ACTION,
          placeholder: plain(t(language, 'shared.chooseNetwork'), 150),
          options: (networks.length > 0 ? networks : (Object.keys(NETWORK_LABELS) as Network[])).map(option),
        },
        { optional: true },
      ),
    ],
  };
}
