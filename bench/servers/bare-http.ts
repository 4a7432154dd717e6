import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appStatsMeter } from '../lib/app-stats.ts';
import { serveParent } from '../lib/processes.ts';

// The redirect baseline: a bare node:http server that answers every request with a 302, with the same privacy
// headers as Boost's redirect, and nothing else.

const server = createServer((_req, res) => {
  res.writeHead(302, {
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    location: 'https://example.com/launch',
    'content-length': 0,
  });
  res.end();
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

const stats = appStatsMeter();
serveParent(
  { port, url: `http://127.0.0.1:${port}` },
  {
    stats,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  },
);
