import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackApi, startSlackApi } from '../../src/playground/slack-api.ts';
import { CHANNELS, PEOPLE, Workspace } from '../../src/playground/workspace.ts';

// The playground's Slack stand-in answers like Slack: the same limits, scopes and errors as the harness's fake, over a
// workspace whose state the page shows.

const [ada, ben] = PEOPLE;
const [general] = CHANNELS;
const ADA = ada?.id ?? '';
const BEN = ben?.id ?? '';
const GENERAL = general?.id ?? '';

describe('the playground Slack stand-in', () => {
  let workspace: Workspace;
  let api: SlackApi;
  let slack: WebClient;

  beforeAll(async () => {
    workspace = new Workspace();
    api = await startSlackApi(workspace);
    slack = new WebClient(api.botToken, { slackApiUrl: api.apiUrl, retryConfig: { retries: 0 } });
  });

  afterAll(() => api.close());

  it('keeps a posted message in its channel, and its update', async () => {
    const posted = await slack.chat.postMessage({ channel: GENERAL, text: 'Hello', blocks: [] });
    await slack.chat.update({ channel: GENERAL, ts: String(posted.ts), text: 'Hello again' });
    expect(workspace.message(GENERAL, String(posted.ts))).toMatchObject({ text: 'Hello again', edited: true });
  });

  it('refuses blocks that break Block Kit limits, with Slack’s error', async () => {
    const header = { type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } };
    await expect(
      slack.chat.postMessage({ channel: GENERAL, text: 'too long', blocks: [header] }),
    ).rejects.toMatchObject({
      data: { error: 'invalid_blocks' },
    });
  });

  it('refuses a token that is not the bot’s', async () => {
    const stranger = new WebClient('xoxb-someone-else', { slackApiUrl: api.apiUrl, retryConfig: { retries: 0 } });
    await expect(stranger.auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
  });

  it('refuses a method whose scope the manifest does not grant', async () => {
    await expect(slack.conversations.info({ channel: GENERAL })).rejects.toMatchObject({
      data: { error: 'missing_scope' },
    });
  });

  it('shows an ephemeral message to its one viewer', async () => {
    await slack.chat.postEphemeral({ channel: GENERAL, user: BEN, text: 'Only for Ben' });
    const shown = workspace.snapshot().ephemerals.filter((e) => e.text === 'Only for Ben');
    expect(shown.map((e) => e.viewer)).toEqual([BEN]);
  });

  it('sends a message to a user id into that person’s conversation with Boost', async () => {
    await slack.chat.postMessage({ channel: ADA, text: 'Your week' });
    expect(workspace.snapshot().messages[workspace.dmChannelOf(ADA)]?.map((m) => m.text)).toContain('Your week');
  });

  it('answers a response_url with a private reply, and replaces the reply that was clicked', async () => {
    const reply = async (url: string, body: object) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await reply(api.responseUrl({ user: ADA, channel: GENERAL }), { text: 'First answer' });
    const first = workspace.snapshot().ephemerals.find((e) => e.text === 'First answer');
    expect(first?.viewer).toBe(ADA);
    await reply(api.responseUrl({ user: ADA, channel: GENERAL, ephemeralTs: first?.ts }), {
      replace_original: true,
      text: 'Second answer',
    });
    expect(workspace.ephemeral(String(first?.ts))?.text).toBe('Second answer');
  });

  it('opens a modal for whoever acted, once per trigger', async () => {
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Hi' }, blocks: [] };
    const trigger = api.trigger(BEN, GENERAL);
    await slack.views.open({ trigger_id: trigger, view });
    expect(workspace.topModal(BEN)?.channel).toBe(GENERAL);
    await expect(slack.views.open({ trigger_id: trigger, view })).rejects.toMatchObject({
      data: { error: 'invalid_trigger_id' },
    });
  });
});
