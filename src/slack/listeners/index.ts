import type { App } from '@slack/bolt';
import type { BoostContext } from '../context.ts';
import { actionRouter } from './actions/index.ts';
import { commandRouter } from './commands/index.ts';
import { eventRouter } from './events/index.ts';
import { routeByKind } from './route.ts';
import { answerEveryInteraction, type SafetyNetOptions } from './safety-net.ts';
import { shortcutRouter } from './shortcuts/index.ts';
import { viewRouter } from './views/index.ts';
import { recordWorkspaces } from './workspaces.ts';

/** Wires every handler; each kind's index maps ids to handlers, so "what happens when X" is one hop away. */
export function registerListeners(app: App, ctx: BoostContext, safetyNet: SafetyNetOptions = {}): void {
  // First, so that they wrap every other middleware and handler.
  app.use(ctx.deliveries.track);
  app.use(answerEveryInteraction(ctx, safetyNet));
  app.use(recordWorkspaces(ctx));
  // Last: hands each delivery to its handler (see route.ts for why there are no Bolt listeners).
  app.use(
    routeByKind({
      command: commandRouter(ctx),
      action: actionRouter(ctx),
      view: viewRouter(ctx),
      shortcut: shortcutRouter(ctx),
      event: eventRouter(ctx),
    }),
  );
}
