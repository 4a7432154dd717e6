import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIONS, REQUEST_FIELDS, VIEWS } from '../../src/slack/ids.ts';
import { type AnyBoostHarness, forEachDatabase } from '../harness/databases.ts';
import {
  ackMessage,
  answerOf,
  buttonsIn,
  click,
  command,
  createRequest,
  dayFromNow,
  eventually,
  fieldErrors,
  isPostOf,
  latestRequestOf,
  messageOf,
  openForm,
  REQUESTER,
  requestRow,
  rows,
  settled,
  submitForm,
  visibleText,
} from '../harness/driver.ts';

type Json = Record<string, unknown>;

const inputBlocks = (view: Json) =>
  (view.blocks as Json[]).filter((block) => block.type === 'input') as Array<
    Json & { block_id: string; element: Json }
  >;

const fieldOf = (view: Json, blockId: string) => inputBlocks(view).find((block) => block.block_id === blockId)?.element;

forEachDatabase((start) => {
  describe('/boost', () => {
    let h: AnyBoostHarness;
    beforeEach(async () => {
      h = await start();
    });
    afterEach(async () => {
      await h.stop();
    });

    it('opens the new-request form, set to post in the channel where it was typed', async () => {
      const { response, view } = await openForm(h, REQUESTER, '', 'CTEAM0001');

      expect(response.text).toBe('');
      expect(view.callback_id).toBe(VIEWS.newRequest);
      expect(inputBlocks(view).map((block) => block.block_id)).toEqual(Object.values(REQUEST_FIELDS));
      expect(fieldOf(view, REQUEST_FIELDS.channelId)?.initial_conversation).toBe('CTEAM0001');
      expect(fieldOf(view, REQUEST_FIELDS.deadline)?.initial_date).toBe(dayFromNow(h, 7));
      expect(fieldOf(view, REQUEST_FIELDS.url)?.initial_value).toBeUndefined();
    });

    it('prefills the link and the words typed after /boost', async () => {
      const { view } = await openForm(
        h,
        REQUESTER,
        '<https://example.com/blog/launch|example.com/blog/launch> Please share our launch &amp; tell a friend',
      );

      expect(fieldOf(view, REQUEST_FIELDS.url)?.initial_value).toBe('https://example.com/blog/launch');
      expect(fieldOf(view, REQUEST_FIELDS.ask)?.initial_value).toBe('Please share our launch & tell a friend');
    });

    it('lists the open requests privately with /boost list', async () => {
      const empty = ackMessage(await command(h, 'UHELPER01', 'list'));
      expect(visibleText(empty)).toContain('No open requests right now');

      await createRequest(h, { title: 'Our launch post' });
      const second = await createRequest(h, { title: 'A hard question', url: 'https://example.org/q/1' }, 'UREQ0002');
      await click(h, 'UHELPER02', ACTIONS.optIn, second);
      await settled(h);
      const callsBefore = h.slack.calls.length;

      const listed = ackMessage(await command(h, 'UHELPER01', 'list'));

      const text = visibleText(listed);
      expect(text).toContain('Open requests* (2)');
      expect(text).toContain('Our launch post');
      expect(text).toContain('A hard question');
      expect(text).toContain('1 in, 0 shared');
      expect(buttonsIn(listed.blocks).map((button) => button.text)).toEqual(["I'm in", "I'm in"]);
      expect(listed.response_type ?? 'ephemeral').toBe('ephemeral');
      // The answer is the ack itself: nothing is posted for the channel to see.
      expect(h.slack.calls.slice(callsBefore).filter((call) => call.method.startsWith('chat.'))).toEqual([]);
    });

    it('explains every command with /boost help', async () => {
      const help = ackMessage(await command(h, 'UHELPER01', 'help'));

      const text = visibleText(help);
      for (const usage of ['`/boost`', '`/boost list`', '`/boost mine`', '`/boost settings`', '`/boost help`']) {
        expect(text).toContain(usage);
      }
      expect(text).toContain('Withdraw');
      expect(text).not.toContain("I don't know");
    });

    it('answers an unknown word with the help and a note naming the word', async () => {
      const answer = ackMessage(await command(h, 'UHELPER01', 'frobnicate now'));

      const text = visibleText(answer);
      expect(text).toContain("I don't know `frobnicate`");
      expect(text).toContain('`/boost list`');
      expect(h.slack.callsTo('views.open')).toEqual([]);
    });
  });

  describe('the new-request form', () => {
    let h: AnyBoostHarness;
    let form: Json;
    beforeEach(async () => {
      h = await start();
      form = (await openForm(h, REQUESTER)).view;
    });
    afterEach(async () => {
      await h.stop();
    });

    /** The errors keep the form open (Slack keeps what was typed), name blocks of the form, and save nothing. */
    const expectOnlyErrors = async (response: Awaited<ReturnType<typeof submitForm>>) => {
      const errors = fieldErrors(response);
      expect(Object.keys(response.json<Json>()).sort()).toEqual(['errors', 'response_action']);
      const formBlocks = inputBlocks(form).map((block) => block.block_id);
      for (const blockId of Object.keys(errors)) expect(formBlocks).toContain(blockId);
      expect(await rows(h, 'select id from requests')).toEqual([]);
      expect(h.slack.calls.filter((call) => call.method.startsWith('chat.') || call.method === 'views.update')).toEqual(
        [],
      );
      return errors;
    };

    it.each([
      ['javascript:alert(document.cookie)', 'javascript:'],
      ['data:text/html,<script>alert(1)</script>', 'data:'],
      ['ftp://files.example.com/launch.pdf', 'ftp:'],
    ])('refuses the link %s with an error on the link field', async (url, scheme) => {
      const errors = await expectOnlyErrors(await submitForm(h, REQUESTER, { url }));

      expect(Object.keys(errors)).toEqual([REQUEST_FIELDS.url]);
      expect(errors[REQUEST_FIELDS.url]).toContain('http');
      expect(errors[REQUEST_FIELDS.url]).toContain(scheme);
    });

    it('names each text that is too long, all in one answer', async () => {
      const errors = await expectOnlyErrors(
        await submitForm(h, REQUESTER, {
          title: 't'.repeat(151),
          ask: 'a'.repeat(1001),
          suggestedText: 's'.repeat(1001),
        }),
      );

      expect(Object.keys(errors).sort()).toEqual(
        [REQUEST_FIELDS.title, REQUEST_FIELDS.ask, REQUEST_FIELDS.suggestedText].sort(),
      );
      expect(errors[REQUEST_FIELDS.title]).toContain('at most 150 characters');
      expect(errors[REQUEST_FIELDS.ask]).toContain('at most 1,000 characters');
      expect(errors[REQUEST_FIELDS.suggestedText]).toContain('cut 1 character');
    });

    it('refuses a deadline in the past', async () => {
      const errors = await expectOnlyErrors(await submitForm(h, REQUESTER, { deadline: dayFromNow(h, -1) }));

      expect(Object.keys(errors)).toEqual([REQUEST_FIELDS.deadline]);
      expect(errors[REQUEST_FIELDS.deadline]).toContain('in the past');
    });

    it('asks for at least one network', async () => {
      const errors = await expectOnlyErrors(await submitForm(h, REQUESTER, { networks: [] }));

      expect(Object.keys(errors)).toEqual([REQUEST_FIELDS.networks]);
      expect(errors[REQUEST_FIELDS.networks]).toContain('at least one network');
    });

    it.each([
      'https://stackoverflow.com/questions/123456/why-is-my-query-slow',
      'https://www.reddit.com/r/programming/comments/abc123/our_launch/',
      'https://news.ycombinator.com/item?id=40000000',
    ])('explains that %s bans vote rings when the ask says "please upvote"', async (url) => {
      const errors = await expectOnlyErrors(
        await submitForm(h, REQUESTER, { url, ask: 'Please upvote it, it needs votes!' }),
      );

      expect(Object.keys(errors)).toEqual([REQUEST_FIELDS.ask]);
      expect(errors[REQUEST_FIELDS.ask]).toContain('bans coordinated voting');
      expect(errors[REQUEST_FIELDS.ask]).toMatch(/share it, answer or comment/);
    });

    it('accepts a Stack Overflow link when the ask is to answer or share', async () => {
      const response = await submitForm(h, REQUESTER, {
        url: 'https://stackoverflow.com/questions/123456/why-is-my-query-slow',
        ask: 'If you know Postgres, an answer would help a lot.',
      });

      expect(response.text).toBe('');
      expect((await latestRequestOf(h, REQUESTER))?.url).toBe(
        'https://stackoverflow.com/questions/123456/why-is-my-query-slow',
      );
    });
  });

  describe('submitting a request', () => {
    let h: AnyBoostHarness;
    beforeEach(async () => {
      h = await start();
    });
    afterEach(async () => {
      await h.stop();
    });

    it('posts it in the chosen channel with the title, requester, ask, link, networks, deadline, counts and buttons', async () => {
      const deadline = dayFromNow(h, 5);
      const posted = await createRequest(h, {
        title: 'Our spring launch',
        ask: 'Share it if you like it.',
        url: 'https://example.com/blog/spring',
        networks: ['linkedin', 'x'],
        deadline,
        channelId: 'CLAUNCH01',
      });

      expect(posted.channel).toBe('CLAUNCH01');
      const message = messageOf(h, posted);
      const text = visibleText(message);
      expect(text).toContain('Our spring launch');
      expect(text).toContain(`<@${REQUESTER}>`);
      expect(text).toContain('Share it if you like it.');
      expect(text).toContain('<https://example.com/blog/spring|https://example.com/blog/spring>');
      expect(text).toContain('LinkedIn, X');
      expect(text).not.toContain('Bluesky');
      expect(text).toMatch(new RegExp(`<!date\\^\\d+\\^[^|]+\\|${deadline}>`));
      expect(text).toContain('No one in yet');
      expect(buttonsIn(message.blocks)).toEqual([
        { text: "I'm in", action_id: ACTIONS.optIn, value: String(posted.id) },
        { text: 'I shared it', action_id: ACTIONS.markShared, value: String(posted.id) },
        { text: 'Close', action_id: ACTIONS.close, value: String(posted.id) },
      ]);
      expect(await requestRow(h, posted.id)).toMatchObject({
        channel_id: 'CLAUNCH01',
        message_ts: posted.ts,
        status: 'open',
        requester_id: REQUESTER,
        title: 'Our spring launch',
      });
    });

    it.each([
      ['not_in_channel', 'CNOBOT001', { member: false }, '/invite @Boost'],
      ['channel_not_found', 'GPRIVATE1', { private: true, member: false }, '/invite @Boost'],
      ['is_archived', 'COLD00001', { archived: true }, 'archived'],
    ] as const)(
      'when Slack answers %s, DMs the requester what to do and keeps the request',
      async (error, channelId, state, advice) => {
        h.slack.setChannel(channelId, state);

        const response = await submitForm(h, REQUESTER, { title: 'Saved for later', channelId });

        expect(response.text).toBe('');
        const [dm] = await h.slack.waitFor(
          (call) => call.method === 'chat.postMessage' && call.args.channel === REQUESTER,
        );
        expect(dm?.ok).toBe(true);
        const refused = h.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === channelId);
        expect(refused.map((call) => call.error)).toEqual([error]);
        const text = visibleText(dm?.args as Json);
        expect(text).toContain('Saved for later');
        expect(text).toContain('is saved');
        expect(text).toContain(advice);
        const row = await latestRequestOf(h, REQUESTER);
        expect(row).toMatchObject({ channel_id: channelId, message_ts: null, status: 'open' });
        expect(buttonsIn(dm?.args.blocks)).toEqual([
          { text: 'Try again', action_id: ACTIONS.retryPost, value: String(row?.id) },
          { text: 'Cancel request', action_id: ACTIONS.cancelUnposted, value: String(row?.id) },
        ]);
      },
    );

    it('posts the saved request when its requester presses "Try again" after inviting Boost', async () => {
      h.slack.setChannel('CNOBOT001', { member: false });
      await submitForm(h, REQUESTER, { title: 'Second chance', channelId: 'CNOBOT001' });
      await h.slack.waitFor((call) => call.method === 'chat.postMessage' && call.args.channel === REQUESTER);
      const id = Number((await latestRequestOf(h, REQUESTER))?.id);
      const [dm] = h.slack.messages(REQUESTER);

      h.slack.setChannel('CNOBOT001', { member: true });
      if (!dm) throw new Error('no DM');
      await click(h, REQUESTER, ACTIONS.retryPost, { id, channel: 'CNOBOT001', ts: '' }, { dm });

      const [post] = await h.slack.waitFor(isPostOf(id));
      expect(post?.args.channel).toBe('CNOBOT001');
      const ts = answerOf<{ ts: string }>(post).ts;
      // Slack has answered; Boost saves the ts right after, so give it that moment.
      await eventually(async () => (await requestRow(h, id))?.message_ts, 5000, 'the message ts to be saved');
      expect(await requestRow(h, id)).toMatchObject({ message_ts: ts, status: 'open' });
      await h.slack.waitFor('response_url');
      expect(visibleText(h.slack.messages(REQUESTER)[0] ?? {})).toContain('Posted in <#CNOBOT001>');
    });

    it('closes a request that could not be posted when its requester presses "Cancel request"', async () => {
      h.slack.setChannel('COLD00001', { archived: true });
      await submitForm(h, REQUESTER, { channelId: 'COLD00001' });
      await h.slack.waitFor((call) => call.method === 'chat.postMessage' && call.args.channel === REQUESTER);
      const id = Number((await latestRequestOf(h, REQUESTER))?.id);
      const [dm] = h.slack.messages(REQUESTER);
      if (!dm) throw new Error('no DM');

      await click(h, REQUESTER, ACTIONS.cancelUnposted, { id, channel: 'COLD00001', ts: '' }, { dm });

      expect(await requestRow(h, id)).toMatchObject({ status: 'closed', message_ts: null });
      await h.slack.waitFor('response_url');
      expect(visibleText(h.slack.messages(REQUESTER)[0] ?? {})).toContain('Request cancelled');
      expect(
        h.slack.callsTo('chat.postMessage').filter((call) => call.ok && call.args.channel === 'COLD00001'),
      ).toEqual([]);
    });

    it('refuses a fourth open request with a clear message, from the command and from a form already open', async () => {
      await openForm(h, REQUESTER);
      for (const title of ['One', 'Two', 'Three']) await createRequest(h, { title });
      const opened = h.slack.callsTo('views.open').length;

      const fromCommand = ackMessage(await command(h, REQUESTER));
      expect(visibleText(fromCommand)).toContain('You already have 3 open requests');
      expect(h.slack.callsTo('views.open')).toHaveLength(opened);

      const fromForm = fieldErrors(await submitForm(h, REQUESTER, { title: 'Four' }));
      expect(fromForm[REQUEST_FIELDS.url]).toContain('You already have 3 open requests');
      expect(await rows(h, 'select title from requests order by id')).toEqual([
        { title: 'One' },
        { title: 'Two' },
        { title: 'Three' },
      ]);
    });

    it('keeps to three open requests when six forms are submitted at the same moment', async () => {
      const titles = ['One', 'Two', 'Three', 'Four', 'Five', 'Six'];
      const answers = await Promise.all(titles.map((title) => submitForm(h, REQUESTER, { title })));

      const refused = answers.filter((answer) => answer.text !== '');
      expect(refused).toHaveLength(3);
      for (const answer of refused) {
        expect(fieldErrors(answer)[REQUEST_FIELDS.url]).toContain('You already have 3 open requests');
      }
      expect(await rows(h, 'select count(*) as n from requests')).toEqual([{ n: 3 }]);
    });
  });
});
