import { startFakeSlack } from '../../test/harness/fake-slack.ts';
import { serveParent } from '../lib/processes.ts';

// The fake Slack Web API of the tests, in its own process so that its work never runs on the event loop of the
// load generator or of the app being measured. The parent inspects it over IPC between measurements.

export interface CallSummary {
  method: string;
  at: number;
  ok: boolean;
  error?: string;
  channel?: string;
  /** The `ts` answered (chat.postMessage) or addressed (chat.update). */
  ts?: string;
  text?: string;
}

const fake = await startFakeSlack({ botToken: process.env.BENCH_BOT_TOKEN ?? 'xoxb-bench-token' });

const summarize = (index: number) => {
  const call = fake.calls[index];
  if (!call) return undefined;
  const response = call.response as { ts?: string; channel?: string } | undefined;
  const summary: CallSummary = { method: call.method, at: call.at, ok: call.ok };
  if (call.error !== undefined) summary.error = call.error;
  const channel = response?.channel ?? call.args.channel;
  if (typeof channel === 'string') summary.channel = channel;
  const ts = response?.ts ?? call.args.ts;
  if (typeof ts === 'string') summary.ts = ts;
  if (typeof call.args.text === 'string') summary.text = call.args.text;
  return summary;
};

serveParent(
  { url: fake.url, apiUrl: fake.apiUrl },
  {
    /** Calls from index `from` on, optionally of one method only. */
    calls: (from: number, method?: string) => {
      const found: CallSummary[] = [];
      for (let i = from; i < fake.calls.length; i++) {
        const summary = summarize(i);
        if (summary && (method === undefined || summary.method === method)) found.push(summary);
      }
      return found;
    },
    /** How many calls were recorded so far (an index to pass to `calls` later). */
    callCount: () => fake.calls.length,
    countOf: (method: string, from = 0) => {
      let n = 0;
      for (let i = from; i < fake.calls.length; i++) if (fake.calls[i]?.method === method) n++;
      return n;
    },
    message: (channel: string, ts: string) => fake.message(channel, ts),
    /** Every match of `pattern` in the arguments of calls from index `from` on (e.g. links in private replies). */
    findInArgs: (from: number, method: string, pattern: string) => {
      const regex = new RegExp(pattern, 'g');
      const found = new Set<string>();
      for (let i = from; i < fake.calls.length; i++) {
        const call = fake.calls[i];
        if (call?.method !== method) continue;
        for (const match of JSON.stringify(call.args).matchAll(regex)) found.add(match[1] ?? match[0]);
      }
      return [...found];
    },
    stop: () => fake.close(),
  },
);
