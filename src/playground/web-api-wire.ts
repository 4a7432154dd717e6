import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { fixture } from './fixtures.ts';

// How Slack's Web API reads a request and shapes what it stores, shared by the playground's Slack stand-in and the
// tests' fake Slack.

type Json = Record<string, unknown>;

/** Fields Slack's Web API takes as JSON inside a form-encoded body. */
const JSON_FIELDS = ['blocks', 'view', 'attachments', 'metadata'];

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A JSON body as an object (anything else is kept under `body`). */
export function parseJson(raw: string): Json {
  try {
    const parsed = JSON.parse(raw) as unknown;
    return isObject(parsed) ? parsed : { body: parsed };
  } catch {
    return { body: raw };
  }
}

/** Web API arguments from a form-encoded or JSON body (plus the query string), the token, and fields that were not JSON. */
export function parseArgs(
  req: IncomingMessage,
  raw: string,
  url: URL,
): { args: Json; token?: string; undecodable: string[] } {
  const isJson = (req.headers['content-type'] ?? '').startsWith('application/json');
  const args: Json = Object.fromEntries(url.searchParams);
  Object.assign(args, isJson ? parseJson(raw) : Object.fromEntries(new URLSearchParams(raw)));
  const undecodable: string[] = [];
  for (const field of JSON_FIELDS) {
    const value = args[field];
    if (typeof value !== 'string') continue;
    try {
      args[field] = JSON.parse(value);
    } catch {
      undecodable.push(field);
    }
  }
  const header = req.headers.authorization;
  const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : args.token;
  delete args.token;
  return { args, token: typeof token === 'string' && token !== '' ? token : undefined, undecodable };
}

/** Slack gives every block without a `block_id` a short generated one; the same content gets the same id here. */
export function withBlockIds(blocks: Json[]): Json[] {
  return blocks.map((block, i) =>
    block.block_id === undefined
      ? {
          ...block,
          block_id: createHash('sha1')
            .update(`${i}:${JSON.stringify(block)}`)
            .digest('base64url')
            .slice(0, 5),
        }
      : block,
  );
}

export function timeZoneLabel(tz: string): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' }).formatToParts(new Date());
    return parts.find((part) => part.type === 'timeZoneName')?.value ?? tz;
  } catch {
    return tz;
  }
}

/** A view as Slack keeps it. */
export type StoredView = Json & { id: string; type: string; hash: string; blocks: Json[] };

export interface ViewIds {
  id: string;
  teamId: string;
  appId: string;
  botId: string;
  hash: string;
}

/**
 * A view as views.open, views.update and views.publish answer it (their captured answers, `template`): the app's view
 * with the fields Slack adds, and empty state.
 */
export function storedView(template: string, view: Json, { id, teamId, appId, botId, hash }: ViewIds): StoredView {
  const base = fixture<{ view: Json }>(template).view;
  const stored: StoredView = {
    ...base,
    id,
    team_id: teamId,
    type: String(view.type),
    blocks: withBlockIds(view.blocks as Json[]),
    private_metadata: view.private_metadata ?? '',
    callback_id: view.callback_id ?? '',
    external_id: view.external_id ?? '',
    state: { values: {} },
    hash,
    clear_on_close: view.clear_on_close ?? false,
    notify_on_close: view.notify_on_close ?? false,
    close: view.close ?? null,
    submit: view.submit ?? null,
    root_view_id: id,
    previous_view_id: null,
    app_id: appId,
    bot_id: botId,
  };
  if (view.title !== undefined) stored.title = view.title;
  return stored;
}
