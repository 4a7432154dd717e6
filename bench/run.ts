import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { SUMMARY_PREFIX } from './lib/report.ts';

// `npm run bench`: runs every benchmark in sequence, each in a process of its own, and repeats their summary lines at
// the end (also written to bench/out/latest.txt). `npm run bench -- burst redirect` runs only those.
// Timings are reported, never asserted: this is not part of `npm test`, and nothing here fails on a missed target.

const BENCHMARKS = [
  { name: 'ack', file: 'ack-latency.ts' },
  { name: 'burst', file: 'burst.ts' },
  { name: 'digest', file: 'digest.ts' },
  { name: 'redirect', file: 'redirect.ts' },
  { name: 'cold-start', file: 'cold-start.ts' },
  { name: 'distribution', file: 'distribution.ts' },
  { name: 'ack-pg', file: 'ack-postgres.ts' },
  { name: 'burst-pg', file: 'burst-postgres.ts' },
  { name: 'digest-pg', file: 'digest-postgres.ts' },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !BENCHMARKS.some((b) => b.name === name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; choose among ${BENCHMARKS.map((b) => b.name).join(', ')}.`);
  process.exit(2);
}
const selected = wanted.length > 0 ? BENCHMARKS.filter((b) => wanted.includes(b.name)) : BENCHMARKS;

const cores = cpus().length;
const header = [
  `Boost benchmarks, ${new Date().toISOString()}`,
  `node ${process.version}, ${cores} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
];
for (const text of header) console.log(text);
// Other work on the machine inflates every latency; say so rather than print figures that look clean.
if ((loadavg()[0] ?? 0) > cores * 0.5) {
  console.log(
    `Note: the machine is busy (load ${loadavg()[0]?.toFixed(1)} on ${cores} cores); latencies will be inflated.`,
  );
}

/** Runs one benchmark file in its own process, streams its output, and returns its summary line. */
function runOne(file: string): Promise<{ summary: string | undefined; code: number | null }> {
  const path = fileURLToPath(new URL(file, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', path], { stdio: ['ignore', 'pipe', 'inherit'] });
  let summary: string | undefined;
  let pending = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    process.stdout.write(chunk);
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const text of lines) if (text.startsWith(SUMMARY_PREFIX)) summary = text.slice(SUMMARY_PREFIX.length);
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ summary, code })));
}

const summaries: string[] = [];
const started = performance.now();
for (const { name, file } of selected) {
  console.log(`\n=== ${name} (bench/${file}) ===`);
  const { summary, code } = await runOne(file);
  summaries.push(summary ?? `${name}: did not finish (exit code ${code})`);
}

const footer = [
  '',
  `=== summary (${((performance.now() - started) / 1000).toFixed(0)} s) ===`,
  ...summaries,
  `load average at the end: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
];
for (const text of footer) console.log(text);
const out = fileURLToPath(new URL('out/', import.meta.url));
mkdirSync(out, { recursive: true });
writeFileSync(`${out}latest.txt`, `${[...header, ...footer].join('\n')}\n`);
