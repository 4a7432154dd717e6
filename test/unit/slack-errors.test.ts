import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { DatabaseUnavailable } from '../../src/db/reachability.ts';
import {
  classifySlackError,
  classifySlackFailure,
  isWebApiCallError,
  mayHaveBeenApplied,
  retryAfterMs,
} from '../../src/slack/slack-errors.ts';

const platform = (error: string) => new WebAPIPlatformError({ ok: false, error });
const network = (code: string) => new WebAPIRequestError(Object.assign(new Error(code), { code }));

describe('reading a failed Slack call', () => {
  it('reads the database out of reach, while a call was prepared, as a failure that may pass', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(classifySlackError(new DatabaseUnavailable(refused))).toEqual({
      kind: 'not_sent',
      code: 'database_unavailable',
    });
    expect(classifySlackFailure(new DatabaseUnavailable())).toBe('transient');
  });

  it('reads account_inactive as an unreachable person on a DM, and as a refused token on any other call', () => {
    expect(classifySlackError(platform('account_inactive'), 'person').kind).toBe('gone');
    expect(classifySlackError(platform('account_inactive')).kind).toBe('auth');
  });

  it('reads channel_not_found as gone, whether the channel or the person is what went away', () => {
    expect(classifySlackError(platform('channel_not_found')).kind).toBe('gone');
    expect(classifySlackError(platform('channel_not_found'), 'person').kind).toBe('gone');
  });

  it('keeps "refused" for a call Slack will refuse again, and names a person out of reach "gone"', () => {
    expect(classifySlackError(platform('not_in_channel')).kind).toBe('refused');
    expect(classifySlackError(platform('invalid_blocks'), 'person').kind).toBe('refused');
    expect(classifySlackError(platform('cannot_dm_bot'), 'person').kind).toBe('gone');
    expect(classifySlackError(platform('is_archived')).kind).toBe('refused');
  });

  it('waits as long as Retry-After says, and at least a second', () => {
    expect(retryAfterMs(new WebAPIRateLimitedError(7))).toBe(7000);
    expect(retryAfterMs(new WebAPIRateLimitedError(0))).toBe(1000);
    expect(retryAfterMs(platform('ratelimited'))).toBeUndefined();
  });

  it('tells a call Slack certainly did not carry out from one it may have', () => {
    expect(classifySlackError(new WebAPIHTTPError(503, 'Service Unavailable', {})).kind).toBe('not_sent');
    expect(classifySlackError(new WebAPIHTTPError(500, 'Internal Server Error', {})).kind).toBe('uncertain');
    expect(classifySlackError(network('ECONNREFUSED')).kind).toBe('not_sent');
    expect(classifySlackError(network('ECONNRESET')).kind).toBe('uncertain');
    expect(mayHaveBeenApplied(new WebAPIHTTPError(500, 'Internal Server Error', {}))).toBe(true);
    expect(mayHaveBeenApplied(network('ECONNREFUSED'))).toBe(false);
    expect(classifySlackFailure(new WebAPIHTTPError(500, 'Internal Server Error', {}))).toBe('transient');
  });

  it('knows a Web API error from any other error', () => {
    expect(isWebApiCallError(platform('invalid_auth'))).toBe(true);
    expect(isWebApiCallError(Object.assign(new Error('disk'), { code: 'SQLITE_BUSY' }))).toBe(false);
    expect(isWebApiCallError(undefined)).toBe(false);
  });
});
