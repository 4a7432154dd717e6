import type { ModalView } from '@slack/types';
import { plain, section } from './blocks.ts';

/** A small modal that only explains something, for surfaces with no other way to answer (shortcuts, the Home tab). */
export function infoModal(title: string, text: string): ModalView {
  return {
    type: 'modal',
    title: plain(title, 24),
    close: plain('OK', 24),
    blocks: [section(text)],
  };
}
