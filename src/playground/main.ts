import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startPlaygroundServer } from './server.ts';

// `npm run playground`: Boost in a local workspace in the browser, no Slack account needed. Listens on 127.0.0.1 only.

const DEFAULT_PORT = 3210;
const DATA_DIR = fileURLToPath(new URL('../../data/playground/', import.meta.url));

const { values } = parseArgs({ options: { port: { type: 'string', default: String(DEFAULT_PORT) } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not "${values.port}"`);
  process.exit(2);
}

async function start() {
  try {
    return await startPlaygroundServer({ port, dataDir: DATA_DIR });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.log(`Port ${port} is taken; using a free one instead.`);
    return startPlaygroundServer({ port: 0, dataDir: DATA_DIR });
  }
}

const server = await start();
console.log(`Boost playground: ${server.url}`);
console.log('Open it in your browser. Ctrl+C stops it; "Reset" in the page starts over.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
