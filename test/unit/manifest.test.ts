import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseBoostCommand } from '../../src/domain/command.ts';
import { COMMAND, SHORTCUTS } from '../../src/slack/ids.ts';

/** Slack's published manifest schema and examples, kept in test/fixtures/slack (see SOURCES.md there). */
const FIXTURES = new URL('../fixtures/slack/', import.meta.url);
const MANIFEST = new URL('../../manifest.yml', import.meta.url);

const readJson = (name: string): unknown => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'));

interface Manifest {
  display_information: { name: string; description: string; long_description: string };
  features: {
    app_home: Record<string, boolean>;
    slash_commands: { command: string; url: string; usage_hint?: string; should_escape?: boolean }[];
    shortcuts: { name: string; type: 'message' | 'global'; callback_id: string }[];
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[]; user_events?: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

/** Ajv's messages, one per line, so a failing schema check says which field is wrong. */
function schemaErrors(validate: ValidateFunction, data: unknown): string[] {
  return validate(data) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`);
}

describe('manifest.yml', () => {
  let validate: ValidateFunction;
  let manifest: Manifest;

  beforeAll(() => {
    // The schema carries non-standard keywords (`_note`, `regex`), which strict mode would reject.
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addFormat('uri', (value: string) => URL.canParse(value)); // the one format the schema uses (for `$schema`)
    validate = ajv.compile(readJson('manifest.schema.json') as object);
    manifest = parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
  });

  it('is accepted by the schema, which really rejects a bad manifest', () => {
    expect(schemaErrors(validate, readJson('manifest.example.valid.json'))).toEqual([]);
    expect(schemaErrors(validate, readJson('manifest.example.invalid.json'))).toContain(
      '/settings must NOT have additional properties',
    );
    expect(schemaErrors(validate, manifest)).toEqual([]);
  });

  it('offers the /boost command that the listeners register', () => {
    expect(manifest.features.slash_commands.map((command) => command.command)).toEqual([COMMAND]);
    expect(manifest.features.slash_commands[0]?.should_escape).toBe(false);
  });

  it('hints only at words the /boost command understands', () => {
    const words = (manifest.features.slash_commands[0]?.usage_hint ?? '')
      .split('|')
      .map((part) => part.trim())
      .filter((part) => !part.startsWith('['));
    expect(words).toContain('help');
    for (const word of words) expect(parseBoostCommand(word).kind, word).toBe(word);
  });

  it('declares the message and global shortcuts with the callback ids the listeners use', () => {
    const callbackIds = Object.fromEntries(
      manifest.features.shortcuts.map((shortcut) => [shortcut.type, shortcut.callback_id]),
    );
    expect(callbackIds).toEqual({ message: SHORTCUTS.fromMessage, global: SHORTCUTS.newRequest });
    expect(manifest.features.shortcuts).toHaveLength(2);
  });

  it('subscribes to exactly the events Boost handles', () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([
      'app_home_opened',
      'user_change',
      'app_uninstalled',
      'tokens_revoked',
    ]);
    expect(manifest.settings.event_subscriptions.user_events).toBeUndefined();
  });

  it('asks for the least scopes that work, and none to post in channels Boost was not invited to', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(['chat:write', 'commands', 'users:read']);
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it('lets Boost DM digests and reminders without inviting replies', () => {
    expect(manifest.features.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: true,
    });
  });

  it("sends commands, events and interactivity to Bolt's one endpoint", () => {
    const urls = [
      ...manifest.features.slash_commands.map((command) => command.url),
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    expect(new Set(urls)).toEqual(new Set(['https://example.com/slack/events']));
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });
});
