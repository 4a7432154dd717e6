import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { noteAnswers } from './safety-net.ts';

// Bolt runs the middleware chain of every registered listener for every delivery, matching or not. With one listener
// per id, Boost paid that some thirty times per click, more than the rest of the ack path (figures in bench/README.md).
// So Boost registers no listener chains at all: the last global middleware hands each delivery to the router of
// its kind (command, action, form, shortcut, event), which looks up the handler for its id in its index's table.

// biome-ignore lint/suspicious/noExplicitAny: each handler declares the narrower Bolt args of the deliveries it gets.
type Handler = (args: any) => Promise<void>;

/**
 * A router for a table of handlers by id. A delivery whose id has no handler gets `unknown` (by default nothing, so the
 * safety net acknowledges it and tells the person the button or form is no longer in use).
 */
export function routeById<Args>(
  handlers: Readonly<Record<string, Handler>>,
  idOf: (args: Args) => string | undefined,
  unknown?: (args: Args, id: string | undefined) => void,
): (args: Args) => Promise<void> {
  const table = new Map(Object.entries(handlers));
  return async (args) => {
    const id = idOf(args);
    const handler = id === undefined ? undefined : table.get(id);
    if (handler) return handler(noteAnswers(args));
    unknown?.(args, id);
  };
}

export interface Routers {
  command: Handler;
  action: Handler;
  view: Handler;
  shortcut: Handler;
  event: Handler;
}

/** Bolt names the delivery in its args (`command`, `action`, `view`, `shortcut`, `event`): its kind picks the router. */
export function routeByKind(routers: Routers): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const delivery = args as Partial<Record<keyof Routers, unknown>> & { body: { type?: unknown } };
    if (delivery.action) return routers.action(args);
    if (delivery.command) return routers.command(args);
    // Only submitted forms are routed; a closed one (view_closed) needs nothing.
    if (delivery.view && delivery.body.type === 'view_submission') return routers.view(args);
    if (delivery.shortcut) return routers.shortcut(args);
    if (delivery.event) return routers.event(args);
  };
}
