import type { AllMiddlewareArgs, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { BoostContext } from '../../context.ts';
import { SHORTCUTS } from '../../ids.ts';
import { routeById } from '../route.ts';
import { askFromMessage } from './from-message.ts';
import { newRequestShortcut } from './new-request.ts';

type ShortcutArgs = AllMiddlewareArgs & SlackShortcutMiddlewareArgs;

/** A shortcut is known by its kind and callback_id together: one from a message and one from anywhere. */
const keyOf = ({ shortcut }: ShortcutArgs) => `${shortcut.type}:${shortcut.callback_id}`;

export function shortcutRouter(ctx: BoostContext) {
  const handlers = {
    [`message_action:${SHORTCUTS.fromMessage}`]: askFromMessage(ctx),
    [`shortcut:${SHORTCUTS.newRequest}`]: newRequestShortcut(ctx),
  };
  return routeById(handlers, keyOf);
}
