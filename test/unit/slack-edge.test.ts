import { HTTPModuleFunctions } from '@slack/bolt';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES, mayBeJsonObject, screenHeaders } from '../../src/http/slack-edge.ts';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/** What Bolt makes of a body: 'object', 'other' (null, a number, a list...) or 'invalid' (it throws). */
function boltParse(body: string, contentType: string): 'object' | 'other' | 'invalid' {
  try {
    const parsed = HTTPModuleFunctions.parseHTTPRequestBody({
      rawBody: Buffer.from(body),
      headers: { 'content-type': contentType },
    } as never);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? 'object' : 'other';
  } catch {
    return 'invalid';
  }
}

/** JSON text with JSON's own whitespace around it, as a sender may write it. */
const jsonText = fc
  .tuple(fc.stringMatching(/^[ \t\n\r]{0,3}$/), fc.jsonValue(), fc.stringMatching(/^[ \t\n\r]{0,3}$/))
  .map(([before, value, after]) => `${before}${JSON.stringify(value)}${after}`);

/** Encodes a form field as browsers do, with `+` for spaces half of the time. */
const formEncoded = (text: string, plus: boolean) => {
  const encoded = encodeURIComponent(text);
  return plus ? encoded.replaceAll('%20', '+') : encoded;
};

describe('mayBeJsonObject', () => {
  it('agrees with Bolt on every JSON value sent as a form payload', () => {
    fc.assert(
      fc.property(jsonText, fc.boolean(), (text, plus) => {
        const body = `payload=${formEncoded(text, plus)}`;
        expect(mayBeJsonObject(body, FORM)).toBe(boltParse(body, FORM) === 'object');
      }),
    );
  });

  it('agrees with Bolt on every JSON value sent as a JSON body', () => {
    fc.assert(
      fc.property(jsonText, (body) => {
        expect(mayBeJsonObject(body, JSON_TYPE)).toBe(boltParse(body, JSON_TYPE) === 'object');
      }),
    );
  });

  it('never turns away a body Bolt reads as an object, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(FORM, JSON_TYPE, 'text/plain'), (body, type) => {
        if (boltParse(body, type) === 'object') expect(mayBeJsonObject(body, type)).toBe(true);
      }),
    );
  });

  it('lets a slash command through: its form fields are the object', () => {
    const body = 'token=x&team_id=T1&command=%2Fboost&text=help&payload_hint=none';
    expect(boltParse(body, FORM)).toBe('object');
    expect(mayBeJsonObject(body, FORM)).toBe(true);
  });

  it.each([
    ['payload=null', 'other'],
    ['payload=%5B1%5D', 'other'],
    ['payload=%7Bnope', 'invalid'],
    ['payload=', 'invalid'],
  ])('sends %s on to Bolt only when it starts like an object (Bolt: %s)', (body, bolt) => {
    expect(boltParse(body, FORM)).toBe(bolt);
    expect(mayBeJsonObject(body, FORM)).toBe(body.startsWith('payload=%7B'));
  });
});

describe('screenHeaders', () => {
  const NOW_MS = Date.UTC(2026, 11, 1, 12, 0, 0);
  const NOW = NOW_MS / 1000;
  const SIGNATURE = `v0=${'ab12'.repeat(16)}`;
  const READ_ALL = { readUpTo: BODY_LIMIT_BYTES };
  const slackHeaders = (over: Record<string, string | undefined> = {}) => ({
    'content-type': FORM,
    'content-length': '1200',
    'x-slack-request-timestamp': String(NOW),
    'x-slack-signature': SIGNATURE,
    ...over,
  });
  const screen = (over: Record<string, string | undefined> = {}) =>
    screenHeaders(slackHeaders(over), NOW_MS, BODY_LIMIT_BYTES);

  it("lets a request shaped like Slack's be read, up to the body limit", () => {
    expect(screen()).toEqual(READ_ALL);
    expect(screen({ 'content-length': undefined, 'transfer-encoding': 'chunked' })).toEqual(READ_ALL);
  });

  it('takes timestamps up to five minutes from now either way, and refuses every one further', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20 * 365 * 86_400, max: 20 * 365 * 86_400 }), (offset) => {
        const verdict = screen({ 'x-slack-request-timestamp': String(NOW + offset) });
        expect(verdict).toEqual(Math.abs(offset) <= 300 ? READ_ALL : expect.objectContaining({ refuse: 401 }));
      }),
    );
    expect([
      screen({ 'x-slack-request-timestamp': String(NOW + 300) }),
      screen({ 'x-slack-request-timestamp': String(NOW + 301) }),
    ]).toEqual([READ_ALL, expect.objectContaining({ refuse: 401 })]);
  });

  it.each([`${NOW}.0`, `0x${NOW.toString(16)}`, `${NOW}e0`, `+${NOW}`, `0${NOW}`, `${NOW}, ${NOW}`, '', 'now'])(
    'refuses the timestamp %j, which is not a plain number of seconds',
    (timestamp) => {
      expect(screen({ 'x-slack-request-timestamp': timestamp })).toMatchObject({ refuse: 401 });
    },
  );

  it.each(['v0=deadbeef', `v1=${'ab12'.repeat(16)}`, `V0=${'AB12'.repeat(16)}`, `${SIGNATURE}, ${SIGNATURE}`, ''])(
    'refuses the signature %j, which Slack never sends',
    (signature) => {
      expect(screen({ 'x-slack-signature': signature })).toMatchObject({ refuse: 401 });
    },
  );

  it('refuses a request without a signature or a timestamp, whatever its size', () => {
    expect(screen({ 'x-slack-signature': undefined })).toMatchObject({ refuse: 401 });
    expect(screen({ 'x-slack-request-timestamp': undefined })).toMatchObject({ refuse: 401 });
    expect(screen({ 'x-slack-signature': undefined, 'x-slack-request-timestamp': undefined })).toMatchObject({
      refuse: 401,
    });
  });

  it("reads no more than Slack's unsigned SSL check needs from a small unsigned form", () => {
    const sslCheck = { 'content-type': FORM, 'content-length': String('ssl_check=1&token=abc'.length) };
    expect(screenHeaders(sslCheck, NOW_MS, BODY_LIMIT_BYTES)).toEqual({ readUpTo: 256 });
    expect(screenHeaders({ ...sslCheck, 'content-length': '257' }, NOW_MS, BODY_LIMIT_BYTES)).toMatchObject({
      refuse: 401,
    });
    expect(screenHeaders({ ...sslCheck, 'content-type': JSON_TYPE }, NOW_MS, BODY_LIMIT_BYTES)).toMatchObject({
      refuse: 401,
    });
    expect(
      screenHeaders({ 'content-type': FORM, 'transfer-encoding': 'chunked' }, NOW_MS, BODY_LIMIT_BYTES),
    ).toMatchObject({
      refuse: 401,
    });
  });

  it('refuses a body declared larger than the limit with 413, once the headers are otherwise right', () => {
    expect(screen({ 'content-length': String(BODY_LIMIT_BYTES) })).toEqual(READ_ALL);
    expect(screen({ 'content-length': String(BODY_LIMIT_BYTES + 1) })).toMatchObject({ refuse: 413 });
    expect(screen({ 'content-length': String(BODY_LIMIT_BYTES + 1), 'x-slack-signature': undefined })).toMatchObject({
      refuse: 401,
    });
  });
});
