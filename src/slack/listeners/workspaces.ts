import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { isDatabaseUnreachable } from '../../db/reachability.ts';
import type { WorkspaceContact } from '../../services/workspaces.ts';
import type { BoostContext } from '../context.ts';
import { slackErrorCode } from '../slack-errors.ts';

type Body = Record<string, unknown> & {
  type?: unknown;
  team_id?: unknown;
  team_domain?: unknown;
  command?: unknown;
  team?: { id?: unknown; domain?: unknown } | null;
  user?: { team_id?: unknown } | null;
  view?: { team_id?: unknown } | null;
};

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** Which workspace a delivery from Slack comes from, whatever its kind; undefined when it names none. */
export function workspaceOf(body: Body): WorkspaceContact | undefined {
  if (body.type === 'event_callback') {
    const teamId = text(body.team_id);
    return teamId ? { teamId, name: null, byPerson: false } : undefined;
  }
  if (typeof body.command === 'string') {
    const teamId = text(body.team_id);
    return teamId ? { teamId, name: text(body.team_domain), byPerson: true } : undefined;
  }
  const teamId = text(body.team?.id) ?? text(body.user?.team_id) ?? text(body.view?.team_id);
  return teamId ? { teamId, name: text(body.team?.domain), byPerson: true } : undefined;
}

/** Records each workspace on first contact, so installs are known (and a reinstall after an uninstall is noticed). */
export function recordWorkspaces(ctx: BoostContext): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const contact = workspaceOf(body as Body);
    if (contact) {
      try {
        await ctx.services.workspaces.contact(contact, ctx.clock());
      } catch (error) {
        // Knowing the install is bookkeeping: it never stands in the way of what the person asked for. An outage of
        // the database is logged once where it is found, not once per delivery.
        if (!isDatabaseUnreachable(error)) {
          ctx.logger.warn(`Could not record workspace ${contact.teamId}: ${slackErrorCode(error)}`);
        }
      }
    }
    await next();
  };
}
