import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

// Which OAuth scopes a bot token needs for each Web API method the fake implements, as Slack documents them on each
// method's page (docs.slack.dev/reference/methods/<method>, "Bot token" scopes). Where several are listed, any one of
// them will do (conversations.* accept the scope of whichever kind of conversation). An empty list: no scope needed.
export const BOT_SCOPES_BY_METHOD: Readonly<Record<string, readonly string[]>> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.delete': ['chat:write'],
  'views.open': [],
  'views.push': [],
  'views.update': [],
  'views.publish': [],
  'users.info': ['users:read'],
  'conversations.open': ['channels:manage', 'groups:write', 'im:write', 'mpim:write'],
  'conversations.info': ['channels:read', 'groups:read', 'im:read', 'mpim:read'],
  'team.info': ['team:read'],
};

/** The bot scopes manifest.yml grants: what a workspace that installed Boost from it has given the bot token. */
export function manifestBotScopes(): string[] {
  const manifest = parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as {
    oauth_config?: { scopes?: { bot?: string[] } };
  };
  return manifest.oauth_config?.scopes?.bot ?? [];
}

/** Slack's answer to a call whose token lacks the method's scope, or undefined when the call may go ahead. */
export function missingScope(method: string, granted: readonly string[]): Record<string, unknown> | undefined {
  const needed = BOT_SCOPES_BY_METHOD[method];
  // A method without an entry would be let through unchecked: a gap in this table must fail the test instead.
  if (!needed) throw new Error(`no scope known for ${method}: add it to src/playground/slack-scopes.ts`);
  if (needed.length === 0 || needed.some((scope) => granted.includes(scope))) return undefined;
  return { ok: false, error: 'missing_scope', needed: needed.join(','), provided: granted.join(',') };
}
