import type { App } from '@slack/bolt';
import type { BoostContext } from '../../context.ts';
import { COMMAND } from '../../ids.ts';
import { boostCommand } from './boost.ts';

export function registerCommands(app: App, ctx: BoostContext): void {
  app.command(COMMAND, boostCommand(ctx));
}
