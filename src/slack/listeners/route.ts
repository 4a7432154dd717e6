// Bolt runs the middleware chain of every registered listener for every delivery, matching or not: about 17 µs each on
// a 2 GHz core. With one listener per id Boost paid that some thirty times per click, more than the rest of the ack
// path. So each kind of delivery (actions, forms, shortcuts, events) has one Bolt listener, which looks up the handler
// for the delivery's id in its index's table.

import { noteAnswers } from './safety-net.ts';

// biome-ignore lint/suspicious/noExplicitAny: each handler declares the narrower Bolt args of the deliveries it gets.
type Handler = (args: any) => Promise<void>;

/**
 * One listener for a table of handlers by id. A delivery whose id has no handler gets `unknown` (by default nothing,
 * so the safety net acknowledges it and tells the person the button or form is no longer in use).
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
