import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { BoostContext } from '../../context.ts';
import { COMMAND } from '../../ids.ts';
import { routeById } from '../route.ts';
import { boostCommand } from './boost.ts';

type CommandArgs = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

/** Slash commands, by name: `/boost` and its words. */
export function commandRouter(ctx: BoostContext) {
  return routeById({ [COMMAND]: boostCommand(ctx) }, ({ command }: CommandArgs) => command.command);
}
