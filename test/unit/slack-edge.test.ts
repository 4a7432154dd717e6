import { HTTPModuleFunctions } from '@slack/bolt';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayBeJsonObject } from '../../src/http/slack-edge.ts';

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
