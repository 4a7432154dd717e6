import type { App } from '@slack/bolt';
import type { BoostContext } from '../context.ts';
import { registerActions } from './actions/index.ts';
import { registerCommands } from './commands/index.ts';
import { registerEvents } from './events/index.ts';
import { answerEveryInteraction } from './safety-net.ts';
import { registerShortcuts } from './shortcuts/index.ts';
import { registerViews } from './views/index.ts';
import { recordWorkspaces } from './workspaces.ts';

/** Wires every listener; each kind's index maps ids to handlers, so "what happens when X" is one hop away. */
export function registerListeners(app: App, ctx: BoostContext): void {
  // First, so that it wraps every other middleware and listener.
  app.use(answerEveryInteraction(ctx));
  app.use(recordWorkspaces(ctx));
  registerCommands(app, ctx);
  registerActions(app, ctx);
  registerViews(app, ctx);
  registerShortcuts(app, ctx);
  registerEvents(app, ctx);
}
