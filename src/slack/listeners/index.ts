import type { App } from '@slack/bolt';
import type { BoostContext } from '../context.ts';
import { registerActions } from './actions/index.ts';
import { registerCommands } from './commands/index.ts';
import { registerViews } from './views/index.ts';

/** Wires every listener; each kind's index maps ids to handlers, so "what happens when X" is one hop away. */
export function registerListeners(app: App, ctx: BoostContext): void {
  registerCommands(app, ctx);
  registerActions(app, ctx);
  registerViews(app, ctx);
}
