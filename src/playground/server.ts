import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type ClockJump, isPerson, Playground, type Surface } from './playground.ts';
import { channelById, type Json } from './workspace.ts';

// The page and its JSON API, on 127.0.0.1 only. The page is built from src/playground/web with esbuild when the
// server starts and served from memory, so a fresh clone needs no build step. The API turns what a colleague does in
// the page into Playground calls; the page learns of every change through one server-sent event stream.

const WEB_ENTRY = fileURLToPath(new URL('./web/main.tsx', import.meta.url));
const MAX_BODY_BYTES = 64 * 1024;

interface Asset {
  type: string;
  body: string;
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Boost playground</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/app.css">
</head>
<body>
<div id="app"></div>
<script type="module" src="/app.js"></script>
</body>
</html>
`;

/** Bundles the page: one script and one stylesheet, with preact inside; nothing is fetched from elsewhere. */
async function buildPage(): Promise<Map<string, Asset>> {
  const result = await build({
    entryPoints: { app: WEB_ENTRY },
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: '/',
    minify: true,
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  const assets = new Map<string, Asset>([['/', { type: 'text/html; charset=utf-8', body: PAGE }]]);
  for (const file of result.outputFiles) {
    const type = file.path.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
    assets.set(file.path, { type, body: file.text });
  }
  return assets;
}

export interface PlaygroundServer {
  url: string;
  playground: Playground;
  stop(): Promise<void>;
}

/** Starts Boost, the Slack stand-in and the page; `port` 0 picks a free one. */
export async function startPlaygroundServer(options: { port: number; dataDir: string }): Promise<PlaygroundServer> {
  const [assets, playground] = await Promise.all([buildPage(), Playground.start({ dataDir: options.dataDir })]);
  const streams = new Set<ServerResponse>();
  playground.workspace.onChange(() => {
    for (const stream of streams) stream.write(`data: ${playground.workspace.version}\n\n`);
  });
  const routes = apiRoutes(playground);
  let allowedHosts: string[] = [];

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Only this page may drive the playground: a page elsewhere reaching 127.0.0.1 through a rebound DNS name is refused.
    if (!allowedHosts.includes(req.headers.host ?? '')) {
      send(res, 421, { error: 'Use the address the playground printed.' });
      return;
    }
    if (req.method === 'GET' && url.pathname === '/api/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write(`data: ${playground.workspace.version}\n\n`);
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (req.method === 'GET' && url.pathname === '/api/state') {
      send(res, 200, { ...playground.workspace.snapshot(), now: playground.clock.now() });
      return;
    }
    const route = routes[url.pathname];
    if (req.method === 'POST' && route) {
      answer(req, res, route);
      return;
    }
    const asset = req.method === 'GET' ? assets.get(url.pathname) : undefined;
    if (!asset) {
      send(res, 404, { error: 'not found' });
      return;
    }
    res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-store' });
    res.end(asset.body);
  });
  try {
    await listen(server, options.port);
  } catch (error) {
    await playground.stop();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  return {
    url: `http://127.0.0.1:${port}/`,
    playground,
    async stop() {
      for (const stream of streams) stream.end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await playground.stop();
    },
  };
}

type Route = (body: Json) => Promise<Json | undefined>;

class BadRequest extends Error {}

function person(body: Json): string {
  if (!isPerson(body.user)) throw new BadRequest('unknown colleague');
  return body.user;
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new BadRequest(`${name} must be text`);
  return value;
}

function conversation(playground: Playground, value: unknown): string {
  const id = text(value, 'channel');
  if (!channelById(id) && !playground.workspace.dmUserOf(id)) throw new BadRequest('unknown conversation');
  return id;
}

function surface(value: unknown): Surface {
  const given = (value ?? {}) as Json;
  if (given.kind === 'home') return { kind: 'home' };
  if (given.kind === 'modal') return { kind: 'modal', viewId: text(given.viewId, 'viewId') };
  if (given.kind === 'ephemeral') return { kind: 'ephemeral', ts: text(given.ts, 'ts') };
  if (given.kind === 'message')
    return { kind: 'message', channel: text(given.channel, 'channel'), ts: text(given.ts, 'ts') };
  throw new BadRequest('unknown surface');
}

function apiRoutes(playground: Playground): Record<string, Route> {
  const done = async (work: Promise<void>) => {
    await work;
    return undefined;
  };
  return {
    '/api/type': (b) => done(playground.type(person(b), conversation(playground, b.channel), text(b.text, 'text'))),
    '/api/message-shortcut': (b) =>
      done(playground.messageShortcut(person(b), conversation(playground, b.channel), text(b.ts, 'ts'))),
    '/api/global-shortcut': (b) => done(playground.globalShortcut(person(b))),
    '/api/click': (b) =>
      done(
        playground.click({
          user: person(b),
          surface: surface(b.surface),
          actionId: text(b.actionId, 'actionId'),
          blockId: text(b.blockId, 'blockId'),
          action: (b.action ?? {}) as Json,
        }),
      ),
    '/api/submit': (b) => done(playground.submit(person(b), text(b.viewId, 'viewId'), (b.values ?? {}) as Json)),
    '/api/close-modal': (b) => done(playground.closeModal(person(b), text(b.viewId, 'viewId'))),
    '/api/open-app-home': (b) => done(playground.openAppHome(person(b), b.tab === 'messages' ? 'messages' : 'home')),
    '/api/dismiss': async (b) => {
      playground.workspace.dismissEphemeral(person(b), text(b.ts, 'ts'));
      return undefined;
    },
    '/api/clock': async (b) => {
      const jump = text(b.jump, 'jump');
      if (!['digest', 'reminders', 'expiry'].includes(jump)) throw new BadRequest('unknown jump');
      return { note: await playground.moveClock(jump as ClockJump) };
    },
    '/api/reset': (b) =>
      done(b.confirm === true ? playground.reset() : Promise.reject(new BadRequest('not confirmed'))),
  };
}

function answer(req: IncomingMessage, res: ServerResponse, route: Route): void {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    send(res, 415, { error: 'send JSON' });
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  });
  req.on('end', () => {
    if (size > MAX_BODY_BYTES) {
      send(res, 413, { error: 'too large' });
      return;
    }
    let body: Json;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json;
    } catch {
      send(res, 400, { error: 'not JSON' });
      return;
    }
    route(body).then(
      (result) => send(res, 200, result ?? { ok: true }),
      (error: unknown) =>
        send(res, error instanceof BadRequest ? 400 : 500, {
          error: error instanceof Error ? error.message : 'failed',
        }),
    );
  });
}

function send(res: ServerResponse, status: number, body: Json): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function listen(server: Server, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
