import type { App } from '@slack/bolt';
import type { BoostContext } from '../../context.ts';
import { SHORTCUTS } from '../../ids.ts';
import { askFromMessage } from './from-message.ts';
import { newRequestShortcut } from './new-request.ts';

export function registerShortcuts(app: App, ctx: BoostContext): void {
  app.shortcut({ callback_id: SHORTCUTS.fromMessage, type: 'message_action' }, askFromMessage(ctx));
  app.shortcut({ callback_id: SHORTCUTS.newRequest, type: 'shortcut' }, newRequestShortcut(ctx));
}
