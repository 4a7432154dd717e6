import { afterAll, beforeAll, it } from 'vitest';
import { type BoostHarness, startBoost } from '../harness/boost.ts';
import { replyUrl, runCommand, submitForm } from '../harness/drive.ts';
import { blockAction, viewSubmission } from '../harness/payloads.ts';

let h: BoostHarness;
beforeAll(async () => {
  h = await startBoost();
});
afterAll(async () => {
  await h.stop();
});

const FORM = 'application/x-www-form-urlencoded';
async function show(name: string, p: Promise<{ status: number; text: string }>) {
  const t = Date.now();
  try {
    const r = await p;
    console.log(name, r.status, r.text.slice(0, 200), `${Date.now() - t}ms`);
  } catch (e) {
    console.log(name, 'THREW', String(e));
  }
}
it('explore', async () => {
  process.on('unhandledRejection', (e) => console.log('UNHANDLED', String(e)));
  await show('null payload', h.sender.raw('payload=null', FORM));
  await show('number payload', h.sender.raw('payload=123', FORM));
  await show('bad json', h.sender.raw('payload=%7Bnope', FORM));
  await show('json null', h.sender.raw('null', 'application/json'));
  await show('json event str', h.sender.event({ type: 'event_callback', event: 'str', team_id: 'T1' }));
  await show(
    'actions number',
    h.sender.interact({ type: 'block_actions', actions: 5, user: { id: 'U1' }, team: { id: 'T1' } }),
  );
  await show(
    'actions empty',
    h.sender.interact({ type: 'block_actions', actions: [], user: { id: 'U1' }, team: { id: 'T1' } }),
  );
  const click = blockAction({
    container: 'message',
    actionId: 'boost_opt_in',
    value: '1',
    responseUrl: replyUrl(h, 'U1'),
  });
  delete (click as Record<string, unknown>).user;
  await show('click no user', h.sender.interact(click));
  await show(
    'unknown action',
    h.sender.interact(blockAction({ container: 'message', actionId: 'nope', responseUrl: replyUrl(h, 'U1') })),
  );
  await show('unknown view', h.sender.interact(viewSubmission({ callbackId: 'nope', values: {} })));
  await show(
    'view no state',
    h.sender.interact({
      ...viewSubmission({ callbackId: 'boost_new_request_modal', values: {} }),
      view: { callback_id: 'boost_new_request_modal', id: 'V1' },
    }),
  );
  await show('unsigned', h.sender.raw('payload=%7B%7D', FORM, {}, { signature: 'v0=bad' }));
  await show('big cmd', runCommand(h, { userId: 'U1' }, 'x'.repeat(100_000)));
  await show('big form', submitForm(h, { userId: 'U1' }, { ask: 'y'.repeat(100_000), title: 'z'.repeat(100_000) }));
  await show('no type', h.sender.interact({ foo: 1 }));
  await new Promise((r) => setTimeout(r, 500));
  console.log(h.logs.filter((l) => !l.startsWith('debug')).join('\n'));
}, 60000);
