import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REQUEST_FIELDS, VIEWS } from '../../src/slack/ids.ts';
import { type BoostHarness, startBoost } from '../harness/boost.ts';
import { blockAction, slashCommand, viewSubmission } from '../harness/payloads.ts';

describe('the core loop', () => {
  let h: BoostHarness;
  beforeEach(async () => {
    h = await startBoost();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('goes from /boost to a posted request that counts an opt-in', async () => {
    const res = await h.sender.command(
      slashCommand({
        userId: 'U1',
        channelId: 'C1',
        text: 'https://example.com/post Please share',
        responseUrl: h.slack.responseUrl(),
      }),
    );
    expect(res.status).toBe(200);
    const [open] = await h.slack.waitFor('views.open');
    const view = open?.args.view as { callback_id: string };
    expect(view.callback_id).toBe(VIEWS.newRequest);
    const values = {
      [REQUEST_FIELDS.url]: { value: { type: 'plain_text_input', value: 'https://example.com/post' } },
      [REQUEST_FIELDS.title]: { value: { type: 'plain_text_input', value: null } },
      [REQUEST_FIELDS.ask]: { value: { type: 'plain_text_input', value: 'Please share <!channel>' } },
      [REQUEST_FIELDS.suggestedText]: { value: { type: 'plain_text_input', value: null } },
      [REQUEST_FIELDS.networks]: {
        value: { type: 'checkboxes', selected_options: [{ value: 'linkedin' }, { value: 'x' }] },
      },
      [REQUEST_FIELDS.deadline]: {
        value: { type: 'datepicker', selected_date: new Date(Date.now() + 3 * 86400000).toISOString().slice(0, 10) },
      },
      [REQUEST_FIELDS.channelId]: { value: { type: 'conversations_select', selected_conversation: 'C1' } },
    };
    const submit = await h.sender.interact(
      viewSubmission({ userId: 'U1', callbackId: VIEWS.newRequest, values, privateMetadata: '' }),
    );
    expect(submit.status).toBe(200);
    const [post] = await h.slack.waitFor('chat.postMessage');
    expect(post?.ok).toBe(true);
    const ts = (post?.response as { ts: string }).ts;
    const message = h.slack.message('C1', ts);
    expect(JSON.stringify(message)).not.toContain('<!channel>');
    const click = await h.sender.interact(
      blockAction({
        container: 'message',
        userId: 'U2',
        actionId: 'boost_opt_in',
        channelId: 'C1',
        messageTs: ts,
        message,
        responseUrl: h.slack.responseUrl(),
      }),
    );
    expect(click.status).toBe(200);
    await h.slack.waitFor('response_url');
    await h.slack.waitFor('chat.update');
    expect(JSON.stringify(h.slack.message('C1', ts))).toContain('1 in, 0 shared');
  });
});
