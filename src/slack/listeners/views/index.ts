import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { BoostContext } from '../../context.ts';
import { VIEWS } from '../../ids.ts';
import { routeById } from '../route.ts';
import { submitNewRequest } from './new-request.ts';
import { submitSettings } from './settings.ts';
import { submitShared } from './shared.ts';

type ViewArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs;

/** Submitted forms, by callback_id. */
export function viewRouter(ctx: BoostContext) {
  const handlers = {
    [VIEWS.newRequest]: submitNewRequest(ctx),
    [VIEWS.shared]: submitShared(ctx),
    [VIEWS.settings]: submitSettings(ctx),
  };
  return routeById(handlers, ({ view }: ViewArgs) => view.callback_id);
}
