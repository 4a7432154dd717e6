import { afterEach, beforeEach, expect, it } from 'vitest';
import { type BoostHarness, startBoost } from '../harness/boost.ts';
import { eventually, expectedCounts, optIn, postRequest, quiet, runCommand, submitForm } from '../harness/drive.ts';

let h: BoostHarness;
beforeEach(async () => {
  h = await startBoost({}, undefined, { tuning: { webApiTimeoutMs: 300, messageUpdateIntervalMs: 50 } });
});
afterEach(async () => {
  await h.stop();
});

it('explore 503 on chat.update', async () => {
  const r = await postRequest(h, { userId: 'U1' });
  h.slack.httpError('chat.update', 503, 5);
  await optIn(h, { userId: 'U2' }, r);
  await new Promise((res) => setTimeout(res, 4000));
  await quiet(h);
  console.log(h.slack.calls.map((c) => `${c.method} ${c.status} ${c.error ?? ''}`).join('\n'));
  console.log(h.logs.filter((l) => !l.startsWith('debug')).join('\n'));
  console.log(JSON.stringify(h.slack.message(r.channel, r.ts)?.text), expectedCounts(h, r.id));
});

it('explore timeout on post', async () => {
  h.slack.delay('chat.postMessage', 1000);
  const res = await submitForm(h, { userId: 'U1' });
  console.log(res.status, res.text);
  await new Promise((res) => setTimeout(res, 8000));
  console.log(h.slack.calls.map((c) => `${c.method} ${c.status} ${c.error ?? ''} ${c.args.channel ?? ''}`).join('\n'));
  console.log(h.logs.filter((l) => !l.startsWith('debug')).join('\n'));
}, 30000);

it('explore invalid_auth on views.open', async () => {
  h.slack.fail('views.open', 'invalid_auth');
  const res = await runCommand(h, { userId: 'U1' }, '');
  console.log(res.status, res.text);
  await new Promise((res) => setTimeout(res, 1000));
  console.log(
    h.slack.calls
      .map((c) => `${c.method} ${c.status} ${c.error ?? ''} ${JSON.stringify(c.args.text ?? '')}`)
      .join('\n'),
  );
});
