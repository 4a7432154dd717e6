import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../../src/http/slack-edge.ts';
import { blockAction, globalShortcut, viewSubmission } from '../../src/playground/payloads.ts';
import { signSlackRequest } from '../../src/playground/signed-client.ts';
import { ACTIONS, REQUEST_FIELDS, SHARED_FIELDS, VIEWS } from '../../src/slack/ids.ts';
import { TEST_SECRET } from '../harness/boost.ts';
import { type AnyBoostHarness, forEachDatabase } from '../harness/databases.ts';
import {
  click,
  command,
  createRequest,
  eventually,
  type Posted,
  participationRows,
  repliesTo,
  requestValues,
  responseUrlFor,
  rows,
  stillServes as servesARequest,
  sleep,
  submitForm,
  submitSharedForm,
  visibleText,
} from '../harness/driver.ts';
import { chunk, type RawUpload, startUpload } from '../harness/raw-upload.ts';

// Bad input at the HTTP edge: whatever arrives at /slack/events, Boost answers with a 4xx or a friendly private note,
// never a 500 or silence, nothing half-written lands in the database, and the next ordinary request still works.

const FORM = 'application/x-www-form-urlencoded';
const KB100 = 100_000;

let h: AnyBoostHarness;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

let people = 0;
/** A fresh person for each test, so tests never share open-request limits or replies. */
function someone(): { userId: string } {
  people += 1;
  return { userId: `UEDGE${String(people).padStart(4, '0')}` };
}

async function requestCount(): Promise<number> {
  return (await rows<{ n: number }>(h, 'select count(*) as n from requests'))[0]?.n ?? 0;
}

/** An ordinary request still goes from form to channel to a counted click, and nothing was left unhandled. */
async function stillServes(): Promise<void> {
  await servesARequest(h);
  expect(unhandled).toEqual([]);
}

forEachDatabase((startBoost) => {
  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    // Bolt answers 404 to a delivery nothing acknowledges after this wait (3 s in production).
    h = await startBoost({}, undefined, { tuning: { unackedDeliveryTimeoutMs: 500 } });
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await h.stop();
  });

  describe('malformed bodies', () => {
    it('answers 400 to a payload that is JSON null, instead of leaving the request hanging', async () => {
      expect((await h.sender.raw('payload=null', FORM)).status).toBe(400);
      expect((await h.sender.raw('null', 'application/json')).status).toBe(400);
      await stillServes();
    });

    it('answers 400 to payloads that are a number, a string or a list', async () => {
      for (const payload of ['123', '"text"', '[1,2]', 'true']) {
        expect((await h.sender.raw(`payload=${encodeURIComponent(payload)}`, FORM)).status).toBe(400);
      }
      await stillServes();
    });

    it('answers 400 to a payload that is not JSON at all', async () => {
      for (const body of [
        'payload=%7Bnope',
        'payload=',
        `payload=${encodeURIComponent('{"type": "block_actions",')}`,
      ]) {
        expect((await h.sender.raw(body, FORM)).status).toBe(400);
      }
      expect((await h.sender.raw('{"type": ', 'application/json')).status).toBe(400);
      await stillServes();
    });

    it('answers 401 to a request with a wrong signature or an old timestamp, whatever its body', async () => {
      const wrong = await h.sender.raw('payload=null', FORM, {}, { signature: 'v0=deadbeef' });
      const stale = await h.sender.interact(
        { type: 'block_actions' },
        { timestamp: Math.floor(Date.now() / 1000) - 3600 },
      );
      expect([wrong.status, stale.status]).toEqual([401, 401]);
      await stillServes();
    });

    it('answers 413 to a body over 1 MB sent without a declared length, and closes the connection', async () => {
      const upload = startUpload(port(), { headers: { ...looksSigned(), 'transfer-encoding': 'chunked' } });
      for (let sent = 0; sent <= BODY_LIMIT_BYTES; sent += 64 * 1024) await upload.send(chunk('x'.repeat(64 * 1024)));
      await upload.send('0\r\n\r\n');
      expect((await upload.answer).status).toBe(413);
      await upload.ended;
      await stillServes();
    });

    it('answers 400 to deliveries whose fields have the wrong types', async () => {
      const bodies = [
        { type: 'event_callback', team_id: 'T0G9PQBBK', event: 'app_home_opened' },
        { type: 'block_actions', actions: 5, user: { id: 'U1' }, team: { id: 'T0G9PQBBK' } },
        {
          ...blockAction({
            container: 'message',
            actionId: ACTIONS.optIn,
            value: '1',
            responseUrl: responseUrlFor(h, 'U1'),
          }),
          user: undefined,
        },
      ];
      for (const body of bodies) {
        const response = body.type === 'event_callback' ? await h.sender.event(body) : await h.sender.interact(body);
        expect(response.status).toBe(400);
      }
      await stillServes();
    });

    it("answers 404 to a delivery of no kind Slack sends (Bolt's own answer, after its wait for an ack)", async () => {
      const response = await h.sender.interact({ hello: 'world' });
      expect(response.status).toBe(404);
      await stillServes();
    });
  });

  describe('unknown ids and missing fields', () => {
    it('tells the person privately when they press a button Boost no longer knows', async () => {
      const person = someone();
      const response = await h.sender.interact(
        blockAction({
          container: 'message',
          userId: person.userId,
          actionId: 'boost_retired_button',
          responseUrl: responseUrlFor(h, person.userId),
        }),
      );
      expect(response.status).toBe(200);
      const [reply] = await eventually(() => {
        const replies = repliesTo(h, person.userId);
        return replies.length > 0 && replies;
      });
      expect(reply?.args.response_type).toBe('ephemeral');
      expect(visibleText(reply?.args)).toContain('no longer in use');
    });

    it('answers a click that carries no action with a private note', async () => {
      const person = someone();
      const click = blockAction({
        container: 'message',
        userId: person.userId,
        actionId: ACTIONS.optIn,
        responseUrl: responseUrlFor(h, person.userId),
      });
      const response = await h.sender.interact({ ...click, actions: [] });
      expect(response.status).toBe(200);
      await eventually(() => repliesTo(h, person.userId).length > 0, 5000, 'a note');
    });

    it('answers a click without a request id as a request that no longer exists', async () => {
      const person = someone();
      const response = await h.sender.interact(
        blockAction({
          container: 'message',
          userId: person.userId,
          actionId: ACTIONS.optIn,
          value: 'not-a-number',
          responseUrl: responseUrlFor(h, person.userId),
        }),
      );
      expect(response.status).toBe(200);
      const [reply] = await eventually(() => {
        const replies = repliesTo(h, person.userId);
        return replies.length > 0 && replies;
      });
      expect(visibleText(reply?.args)).toContain('no longer exists');
    });

    it('keeps a submitted form of an unknown kind open, with a note on top', async () => {
      const response = await h.sender.interact(
        viewSubmission({ userId: someone().userId, callbackId: 'boost_retired_form', values: {} }),
      );
      expect(response.status).toBe(200);
      const answer = response.json<{ response_action: string; view: unknown }>();
      expect(answer.response_action).toBe('push');
      expect(visibleText(answer.view)).toContain('no longer in use');
    });

    it('answers a form that arrives without its fields with a note, and saves nothing', async () => {
      const before = await requestCount();
      const submission = viewSubmission({ userId: someone().userId, callbackId: VIEWS.newRequest, values: {} });
      const response = await h.sender.interact({ ...submission, view: { id: 'V1', callback_id: VIEWS.newRequest } });
      expect(response.status).toBe(200);
      const answer = response.json<{ response_action: string; view: unknown }>();
      expect(answer.response_action).toBe('push');
      expect(visibleText(answer.view)).toContain('Please try again');
      expect(await requestCount()).toBe(before);
      await stillServes();
    });

    it('answers an empty form with a message under each required field', async () => {
      const response = await h.sender.interact(
        viewSubmission({ userId: someone().userId, callbackId: VIEWS.newRequest, values: {} }),
      );
      const answer = response.json<{ response_action: string; errors: Record<string, string> }>();
      expect(answer.response_action).toBe('errors');
      expect(Object.keys(answer.errors)).toEqual(
        expect.arrayContaining([
          REQUEST_FIELDS.url,
          REQUEST_FIELDS.ask,
          REQUEST_FIELDS.networks,
          REQUEST_FIELDS.channelId,
        ]),
      );
    });

    it('opens a small note for a shortcut Boost no longer has', async () => {
      const shortcut = globalShortcut({ userId: someone().userId, callbackId: 'boost_retired_shortcut' });
      expect((await h.sender.interact(shortcut)).status).toBe(200);
      const [opened] = await h.slack.waitFor(
        (call) => call.method === 'views.open' && call.args.trigger_id === shortcut.trigger_id,
      );
      expect(visibleText(opened?.args.view)).toContain('no longer in use');
    });
  });

  describe('100 KB texts', () => {
    it('shows help for a 100 KB command, quoting only the start of the unknown word', async () => {
      const response = await command(h, someone(), 'w'.repeat(KB100));
      expect(response.status).toBe(200);
      const answer = response.json<{ text: string; blocks: unknown[] }>();
      expect(visibleText(answer).length).toBeLessThan(3000);
      expect(visibleText(answer)).toContain('Here is what I can do');
    });

    it('opens the form for a 100 KB ask typed after the command, cut to what the field holds', async () => {
      const person = someone();
      const response = await command(h, person, `https://example.com/x ${'a'.repeat(KB100)}`);
      expect(response.status).toBe(200);
      const [opened] = await h.slack.waitFor(
        (call) => call.method === 'views.open' && JSON.stringify(call.args).includes('example.com/x'),
      );
      expect(opened?.ok).toBe(true);
    });

    it('refuses 100 KB in each text field of the form, field by field, and saves nothing', async () => {
      const before = await requestCount();
      // 100 KB of UTF-8 each: Slack sends no more than 3000 characters a field, and no body over 1 MB reaches Boost.
      const huge = 'é'.repeat(KB100 / 2);
      const response = await submitForm(h, someone(), {
        url: `https://example.com/${'p'.repeat(KB100)}`,
        title: huge,
        ask: huge,
        suggestedText: huge,
      });
      const answer = response.json<{ response_action: string; errors: Record<string, string> }>();
      expect(answer.response_action).toBe('errors');
      for (const field of [
        REQUEST_FIELDS.url,
        REQUEST_FIELDS.title,
        REQUEST_FIELDS.ask,
        REQUEST_FIELDS.suggestedText,
      ]) {
        expect(answer.errors[field]).toMatch(/at most [\d,]+ characters/);
      }
      expect(await requestCount()).toBe(before);
    });

    it('refuses a 100 KB link to a post in the "I shared it" form', async () => {
      const request = await createRequest(h, {}, someone());
      const helper = someone();
      await click(h, helper, ACTIONS.markShared, request);
      const response = await submitSharedForm(h, helper, request.id, `https://example.com/${'q'.repeat(KB100)}`);
      const answer = response.json<{ response_action: string; errors: Record<string, string> }>();
      expect(answer.errors[SHARED_FIELDS.shareUrl]).toMatch(/at most/);
      expect(await participationRows(h, request.id)).toHaveLength(1);
    });
  });

  describe('requests that were closed or deleted', () => {
    let request: Posted;
    const requester = someone();
    beforeAll(async () => {
      request = await createRequest(h, {}, requester);
    });

    it('tells a person who opts in on a closed request that it is closed, and records nothing', async () => {
      await click(h, requester, ACTIONS.close, request);
      const late = someone();
      await click(h, late, ACTIONS.optIn, request);
      const [reply] = await eventually(() => {
        const replies = repliesTo(h, late.userId);
        return replies.length > 0 && replies;
      });
      expect(visibleText(reply?.args)).toContain('closed');
      expect((await participationRows(h, request.id)).map((row) => row.user_id)).not.toContain(late.userId);
    });

    it('keeps the "I shared it" form open with the reason when the request closed meanwhile', async () => {
      const response = await submitSharedForm(h, someone(), request.id, 'https://example.com/my-post');
      const answer = response.json<{ response_action: string; errors: Record<string, string> }>();
      expect(answer.response_action).toBe('errors');
      expect(answer.errors[SHARED_FIELDS.shareUrl]).toContain('closed');
    });

    it('tells people a deleted request no longer exists, for clicks and for forms', async () => {
      const gone = await createRequest(h, {}, someone());
      await rows(h, 'delete from requests where id = ?', gone.id);
      const clicker = someone();
      await click(h, clicker, ACTIONS.optIn, gone);
      const [reply] = await eventually(() => {
        const replies = repliesTo(h, clicker.userId);
        return replies.length > 0 && replies;
      });
      expect(visibleText(reply?.args)).toContain('no longer exists');
      const response = await submitSharedForm(h, someone(), gone.id, '');
      expect(response.json<{ errors: Record<string, string> }>().errors[SHARED_FIELDS.shareUrl]).toContain(
        'no longer exists',
      );
      expect(await participationRows(h, gone.id)).toEqual([]);
      await stillServes();
    });
  });

  describe('odd Unicode in every text field', () => {
    const ODD = {
      rtl: 'Launch \u202egnp.exe\u202c today, and \u202eleft open',
      zwj: 'team 👩🏽‍💻👨‍👩‍👧 z\u200bw\u200dj\u2060',
      combining: 'Ze\u0301bre Z\u0336\u0334a\u0337\u0321l\u0338g\u0335o\u0334',
      emoji: '🚀🇳🇱🏳️‍🌈 '.repeat(20),
      mixed: 'שלום مرحبا 你好 — 𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
    };

    it('posts a request whose title, ask and wording hold them, inert and within Block Kit limits', async () => {
      const request = await createRequest(
        h,
        {
          title: `${ODD.rtl} ${ODD.combining}`.slice(0, 140),
          ask: Object.values(ODD).join('\n'),
          suggestedText: `${ODD.zwj} ${ODD.mixed}`,
        },
        someone(),
      );
      const message = h.slack.message(request.channel, request.ts);
      const text = visibleText(message);
      expect(text).toContain('👩🏽‍💻👨‍👩‍👧');
      expect(text).toContain('שלום مرحبا 你好');
      // The override the ask leaves open is closed before Boost's own words continue the line.
      expect(message?.text).toMatch(/\u202eleft open\u202c|\(No one in yet/);
      const helper = someone();
      await click(h, helper, ACTIONS.optIn, request);
      const [reply] = await eventually(() => {
        const replies = repliesTo(h, helper.userId);
        return replies.length > 0 && replies;
      });
      expect(reply?.status).toBe(200);
      expect(visibleText(reply?.args)).toContain('𝔘𝔫𝔦𝔠𝔬𝔡𝔢');
    });

    it('saves a link to a post with emoji, right-to-left text and combining marks, encoded', async () => {
      const request = await createRequest(h, {}, someone());
      const helper = someone();
      await click(h, helper, ACTIONS.markShared, request);
      const response = await submitSharedForm(h, helper, request.id, 'https://пример.example/пост/🚀?q=שלום\u0301');
      expect(response.status).toBe(200);
      expect(response.text).toBe('');
      const [row] = await rows<{ share_url: string }>(
        h,
        'select share_url from participations where request_id = ?',
        request.id,
      );
      expect(row?.share_url).toMatch(/^https:\/\/xn--e1afmkfd\.example\/%D0%BF%D0%BE%D1%81%D1%82\/%F0%9F%9A%80\?q=/);
    });

    it('treats odd Unicode in a command as an unknown word, answered with help', async () => {
      for (const text of Object.values(ODD)) {
        const response = await command(h, someone(), text);
        expect(response.status).toBe(200);
        expect(visibleText(response.json())).toContain('Here is what I can do');
      }
    });

    it('cuts a title of emoji without splitting one in half', async () => {
      const request = await createRequest(h, { title: '🚀'.repeat(150) }, someone());
      const header = (
        h.slack.message(request.channel, request.ts)?.blocks?.[0] as { text?: { text?: string } } | undefined
      )?.text?.text;
      expect(header).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    });
  });

  describe('links', () => {
    it('accepts international domain names, stored in their ASCII form', async () => {
      const request = await createRequest(h, { url: 'https://bücher.example/straße?q=ü' }, someone());
      const [row] = await rows<{ url: string }>(h, 'select url from requests where id = ?', request.id);
      expect(row?.url).toBe('https://xn--bcher-kva.example/stra%C3%9Fe?q=%C3%BC');
    });

    it('accepts ports, upper case schemes and characters that mean something in mrkdwn, without breaking the link', async () => {
      const request = await createRequest(h, { url: 'HTTPS://Example.com:8443/a|b>c<d?x=1&y=<2>' }, someone());
      const [row] = await rows<{ url: string }>(h, 'select url from requests where id = ?', request.id);
      expect(row?.url).toBe('https://example.com:8443/a|b%3Ec%3Cd?x=1&y=%3C2%3E');
      const links = visibleText(h.slack.message(request.channel, request.ts)).match(/<https?:[^>]*>/g) ?? [];
      // One link token, whose target (up to the first |) is the whole address: nothing in it ends the link early.
      expect(links).toHaveLength(1);
      expect(links[0]?.slice(1, links[0].indexOf('|'))).toBe(
        'https://example.com:8443/a%7Cb%3Ec%3Cd?x=1&amp;y=%3C2%3E',
      );
    });

    it.each([
      ['javascript:alert(document.cookie)', /javascript:/],
      ['data:text/html;base64,PHNjcmlwdD4=', /data:/],
      ['file:///etc/passwd', /file:/],
      ['ftp://example.com/file', /ftp:/],
      ['https://alice:secret@example.com/', /user name or password/],
      ['https://localhost:3000/', /public address/],
      ['example.com/no-scheme', /web address/],
    ])('refuses %s in the form, with a message under the link field', async (url, why) => {
      const before = await requestCount();
      const response = await submitForm(h, someone(), { url });
      const answer = response.json<{ response_action: string; errors: Record<string, string> }>();
      expect(answer.errors[REQUEST_FIELDS.url]).toMatch(why);
      expect(await requestCount()).toBe(before);
    });

    it('refuses javascript:, data: and file: links to a post in the "I shared it" form', async () => {
      const request = await createRequest(h, {}, someone());
      for (const url of ['javascript:alert(1)', 'data:,hi', 'file:///C:/secret.txt']) {
        const response = await submitSharedForm(h, someone(), request.id, url);
        expect(response.json<{ errors: Record<string, string> }>().errors[SHARED_FIELDS.shareUrl]).toMatch(
          /Only web links/,
        );
      }
      expect(await participationRows(h, request.id)).toEqual([]);
    });

    it('answers a command holding a javascript: link with help, never taking it for a link', async () => {
      const response = await command(h, someone(), 'javascript:alert(1) please share');
      expect(visibleText(response.json())).toContain("I don't know");
      await stillServes();
    });
  });

  describe('a listener that fails before it answers', () => {
    it('still answers the click at once, tells the person privately, and logs it', async () => {
      const own = await startBoost();
      try {
        const posted = await createRequest(own, {}, { userId: 'UREQFAIL1' });
        // The table of delivery receipts is gone: recording the click throws before the handler can ack.
        await rows(own, 'drop table receipts');
        const { response } = await click(own, { userId: 'UFAILS001' }, ACTIONS.optIn, posted);
        expect(response.status).toBe(200);
        const [note] = await eventually(() => {
          const replies = repliesTo(own, 'UFAILS001');
          return replies.length > 0 && replies;
        });
        expect(note?.args.response_type).toBe('ephemeral');
        expect(visibleText(note?.args)).toContain('Something went wrong');
        expect(own.logs.some((entry) => entry.includes('listener failed before acknowledging'))).toBe(true);
      } finally {
        await own.stop();
      }
    });
  });

  // ---- the edge: what cannot be a Slack request is refused from its headers, before its body is read ------------------

  function port(harness: AnyBoostHarness = h): number {
    return Number(new URL(harness.sender.baseUrl).port);
  }

  /** Headers shaped like Slack's, dated now, with a signature nobody can check before the whole body is read. */
  function looksSigned(): Record<string, string> {
    return {
      'content-type': FORM,
      'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
      'x-slack-signature': `v0=${'0'.repeat(64)}`,
    };
  }

  /** Starts a 1 MB upload and sends only its first kilobyte: an answer can only come from the headers. */
  function partialUpload(headers: Record<string, string>, request: { method?: string; path?: string } = {}): RawUpload {
    return startUpload(port(), {
      ...request,
      headers: { 'content-type': FORM, ...headers, 'content-length': 1_000_000 },
      body: 'payload='.padEnd(1000, 'x'),
    });
  }

  describe('requests refused before their body is read', () => {
    it('answers 401 at once to a request without a signature or a timestamp, and closes the connection', async () => {
      const { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp } = looksSigned();
      for (const headers of [{}, { 'x-slack-signature': signature }, { 'x-slack-request-timestamp': timestamp }]) {
        const upload = partialUpload(headers as Record<string, string>);
        const answer = await upload.answer;
        expect(answer.status).toBe(401);
        expect(answer.headers.connection).toBe('close');
        await upload.ended;
      }
      await stillServes();
    });

    it('answers 413 at once to a body declared larger than 1 MB, and closes the connection', async () => {
      const upload = startUpload(port(), {
        headers: { ...looksSigned(), 'content-length': BODY_LIMIT_BYTES + 1 },
        body: 'payload=',
      });
      expect((await upload.answer).status).toBe(413);
      await upload.ended;
      await stillServes();
    });

    it('still answers the SSL check, the one request Slack sends without a signature', async () => {
      const response = await fetch(`${h.sender.baseUrl}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': FORM },
        body: 'ssl_check=1&token=verification-token',
      });
      expect(response.status).toBe(200);
    });

    it('answers the health check, tracked links and unknown paths without waiting for a body, and closes', async () => {
      const routes = [
        { method: 'GET', path: '/healthz', status: 200 },
        { method: 'GET', path: '/r/unknowntoken123', status: 404 },
        { method: 'POST', path: '/r/unknowntoken123', status: 404 },
        { method: 'POST', path: '/nowhere', status: 404 },
      ];
      for (const route of routes) {
        const upload = partialUpload({}, route);
        const answer = await upload.answer;
        expect([route.path, answer.status, answer.headers.connection]).toEqual([route.path, route.status, 'close']);
        await upload.ended;
      }
      await stillServes();
    });
  });

  describe('timestamps outside five minutes of now', () => {
    /** The new-request form, submitted with a signature that is right for the timestamp header sent. */
    function submitDated(timestamp: number, headerText = String(timestamp)) {
      const payload = viewSubmission({
        userId: someone().userId,
        callbackId: VIEWS.newRequest,
        values: requestValues(h),
      });
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      return h.sender.raw(
        body,
        FORM,
        { 'x-slack-request-timestamp': headerText },
        { signature: signSlackRequest(TEST_SECRET, timestamp, body) },
      );
    }

    it.each([
      ['six minutes', 6 * 60],
      ['an hour', 3600],
      ['ten years', 10 * 365 * 24 * 3600],
    ])('refuses a signed form dated %s ahead, and saves nothing', async (_, ahead) => {
      const before = await requestCount();
      const response = await submitDated(Math.floor(Date.now() / 1000) + ahead);
      expect(response.status).toBe(401);
      expect(await requestCount()).toBe(before);
    });

    it('still takes a form dated four minutes ahead, as Slack allows for clocks that differ', async () => {
      const before = await requestCount();
      const response = await submitDated(Math.floor(Date.now() / 1000) + 4 * 60);
      expect(response.status).toBe(200);
      await eventually(async () => (await requestCount()) === before + 1, 5000, 'the request to be saved');
    });

    it('refuses a timestamp that is not a plain number of seconds, though it reads as the signed one', async () => {
      const before = await requestCount();
      const now = Math.floor(Date.now() / 1000);
      for (const text of [`${now}.0`, `0x${now.toString(16)}`, `${now}e0`, `+${now}`, `0${now}`]) {
        const response = await submitDated(now, text);
        expect([text, response.status]).toEqual([text, 401]);
      }
      expect(await requestCount()).toBe(before);
      await stillServes();
    });
  });

  describe('slow requests and many connections', () => {
    it('cuts off a body that stops arriving once the request timeout passes, and closes the connection', async () => {
      const own = await startBoost({}, undefined, { tuning: { requestTimeoutMs: 1000 } });
      try {
        const upload = startUpload(port(own), {
          headers: { ...looksSigned(), 'content-length': 1000 },
          body: 'payload=%7B',
        });
        expect((await upload.answer).status).toBe(408);
        await upload.ended;
        await servesARequest(own);
      } finally {
        await own.stop();
      }
    });

    it('refuses connections beyond MAX_CONNECTIONS, and serves again once some close', async () => {
      const own = await startBoost({ MAX_CONNECTIONS: '3' });
      try {
        // Each holds its connection open after its answer (keep-alive), so the server has counted all three.
        const held = [1, 2, 3].map(() => startUpload(port(own), { method: 'GET', path: '/healthz' }));
        for (const connection of held) expect((await connection.answer).status).toBe(200);
        const refused = startUpload(port(own), { method: 'GET', path: '/healthz' });
        expect((await refused.answer).status).toBeUndefined();
        for (const connection of held) connection.socket.destroy();
        // The server notices the closed connections a moment later.
        let status: number | undefined;
        for (let attempt = 0; attempt < 100 && status !== 200; attempt++) {
          const again = startUpload(port(own), { method: 'GET', path: '/healthz' });
          status = (await again.answer).status;
          again.socket.destroy();
          if (status !== 200) await sleep(20);
        }
        expect(status).toBe(200);
        await servesARequest(own);
      } finally {
        await own.stop();
      }
    });
  });
});
