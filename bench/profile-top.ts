import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Prints the functions with the most self time in .cpuprofile files (written by `BENCH_PROFILE=1 npm run bench`), so
// a missed target can be traced to code: `tsx bench/profile-top.ts [file-or-folder ...] [--top N] [--inclusive]`.
// --inclusive ranks by total time instead (the function and everything it called), to see which operation is costly.

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 25;
const inclusive = args.includes('--inclusive');
const paths = args.filter((arg, i) => !arg.startsWith('--') && (topAt < 0 || i !== topAt + 1));
const defaultDir = fileURLToPath(new URL('out/profiles/', import.meta.url));
const files = (paths.length > 0 ? paths : [defaultDir]).flatMap((path) =>
  statSync(path).isDirectory()
    ? readdirSync(path, { recursive: true, encoding: 'utf8' })
        .filter((name) => name.endsWith('.cpuprofile'))
        .sort()
        .map((name) => join(path, name))
    : [path],
);

const shorten = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, 'npm:')
    .replace(/^.*\/(src|bench|test)\//, '$1/');

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  // Self time per node from the sample timeline (more exact than hitCount x interval).
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i] as number;
    self.set(id, (self.get(id) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0));
  }
  const keyOf = (id: number) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return undefined;
    return `${frame.functionName || '(anonymous)'} ${shorten(frame.url)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
  };
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const [id, micros] of self) {
    const key = keyOf(id);
    if (!key) continue;
    total += micros;
    if (!inclusive) {
      byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
      continue;
    }
    // Every function on the stack gets the sample once, however often it recurs in that stack.
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const name = keyOf(at);
      if (name && !name.startsWith('(root)')) onStack.add(name);
    }
    for (const name of onStack) byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  }
  console.log(`\n${file}: ${(total / 1000).toFixed(0)} ms sampled`);
  const rows = [...byFunction.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [key, micros] of rows) {
    console.log(
      `${(micros / 1000).toFixed(1).padStart(9)} ms ${((100 * micros) / total).toFixed(1).padStart(5)}%  ${key}`,
    );
  }
}
