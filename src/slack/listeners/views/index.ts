import type { App } from '@slack/bolt';
import type { BoostContext } from '../../context.ts';
import { VIEWS } from '../../ids.ts';
import { submitNewRequest } from './new-request.ts';
import { submitSettings } from './settings.ts';
import { submitShared } from './shared.ts';

export function registerViews(app: App, ctx: BoostContext): void {
  app.view(VIEWS.newRequest, submitNewRequest(ctx));
  app.view(VIEWS.shared, submitShared(ctx));
  app.view(VIEWS.settings, submitSettings(ctx));
}
