import { readFileSync } from 'node:fs';

// The fixtures are real Slack payloads and Web API answers collected by the team (see SOURCES.md there). Everything the
// harness sends or answers starts from one of them, so shapes never drift from what Slack really sends.
export const FIXTURE_DIR = new URL('../../test/fixtures/slack/', import.meta.url);

const cache = new Map<string, unknown>();

/** A fresh deep copy of one fixture file, e.g. `fixture('api.users.info.json')`. Callers may mutate it freely. */
export function fixture<T = Record<string, unknown>>(name: string): T {
  let parsed = cache.get(name);
  if (parsed === undefined) {
    parsed = JSON.parse(readFileSync(new URL(name, FIXTURE_DIR), 'utf8')) as unknown;
    cache.set(name, parsed);
  }
  return structuredClone(parsed) as T;
}

/**
 * Ids shared by the fake Web API and the payload builders, so a payload's team matches the workspace the fake answers
 * for. Team, bot user and bot id are the values of api.auth.test.json; the app id is the one of interactive.*.json.
 */
export const DEFAULT_IDS = {
  teamId: 'T0G9PQBBK',
  teamDomain: 'subarachnoid',
  teamName: 'Subarachnoid Workspace',
  botUserId: 'W23456789',
  botId: 'BZYBOTHED',
  appId: 'A111',
  enterpriseId: 'E111',
  enterpriseName: 'Org Name',
} as const;

/** Whether an id names a user (`U…`, or `W…` on Enterprise Grid). */
export function isUserId(id: string): boolean {
  return /^[UW][A-Z0-9]+$/.test(id);
}

/** The DM channel id the fake gives a user: `D` + the user id without its first letter. */
export function dmChannelFor(userId: string): string {
  return `D${userId.slice(1)}`;
}
