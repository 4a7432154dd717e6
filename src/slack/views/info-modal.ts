import type { ModalView } from '@slack/types';
import { type Language, t } from '../../i18n/index.ts';
import { plain, section } from './blocks.ts';

/** A small modal that only explains something, for surfaces with no other way to answer (shortcuts, the Home tab). */
export function infoModal(language: Language, title: string, text: string): ModalView {
  return {
    type: 'modal',
    title: plain(title, 24),
    close: plain(t(language, 'modal.ok'), 24),
    blocks: [section(text)],
  };
}
