#!/bin/sh
# Bundles Boost's TypeScript into one JavaScript file, dist/index.js, which `npm start` runs: Node then starts without
# compiling every .ts file on each start (about half the start-up time). Packages are not bundled: they load from
# node_modules as installed. Runs before every `npm start` (under 0.1 s), so the bundle is never older than the code.
set -e
cd "$(dirname "$0")/.."
exec node_modules/.bin/esbuild src/index.ts \
  --bundle --platform=node --format=esm --target=node20 --packages=external \
  --sourcemap --log-level=warning \
  --outfile=dist/index.js
