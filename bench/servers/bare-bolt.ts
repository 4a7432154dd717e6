import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { appStatsMeter } from '../lib/app-stats.ts';
import { serveParent } from '../lib/processes.ts';
import { profileStart, profileStop } from '../lib/window-profile.ts';

// The baseline: the same @slack/bolt with the same App and HTTPReceiver options as src/wiring/receiver.ts, and one
// listener that only acknowledges. What Boost costs on top of this is Boost's own work.

const settings = JSON.parse(process.env.BENCH_SETTINGS ?? '{}') as Record<string, string>;
const logLevel = LogLevel.INFO;
const receiver = new HTTPReceiver({
  signingSecret: settings.SLACK_SIGNING_SECRET ?? '',
  processBeforeResponse: false,
  logLevel,
});
const app = new App({
  token: settings.SLACK_BOT_TOKEN,
  receiver,
  clientOptions: { slackApiUrl: settings.SLACK_API_URL, logLevel },
  convoStore: false,
  logLevel,
});
// BENCH_BARE_RESPOND=1 (diagnostics only): also send a private reply of Boost's size through respond(), to show what
// Bolt's respond() (a fetch to response_url) costs per click.
const reply = process.env.BENCH_BARE_RESPOND ? JSON.parse(process.env.BENCH_BARE_RESPOND) : undefined;
app.action(/.*/, async ({ ack, respond }) => {
  await ack();
  if (reply) await respond(reply);
});

const server = (await receiver.start({ port: 0, host: '127.0.0.1' })) as import('node:http').Server;
const address = server.address();
const port = typeof address === 'object' && address ? address.port : 0;

const stats = appStatsMeter();
serveParent(
  { port, url: `http://127.0.0.1:${port}` },
  {
    /** CPU time and event loop delay since the previous call. */
    stats,
    profileStart,
    profileStop,
    stop: () => receiver.stop(),
  },
);
