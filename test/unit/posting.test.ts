import { ErrorCode } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src/domain/posting.ts';
import { postFailureOf } from '../../src/slack/slack-errors.ts';

const MINUTE = 60_000;

const platform = (error: string) => ({ code: ErrorCode.PlatformError, data: { ok: false, error } });
const http = (statusCode: number) => ({ code: ErrorCode.HTTPError, statusCode });
const request = (original: unknown) => ({ code: ErrorCode.RequestError, original });

describe('retrying a request post', () => {
  it('waits a minute after the first failure, doubling each time, never more than an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map(retryDelayMs)).toEqual(
      [1, 2, 4, 8, 16, 32, 60, 60, 60].map((minutes) => minutes * MINUTE),
    );
  });

  it('retries what Slack certainly did not post, and what a fixed token would let through', () => {
    for (const error of [
      http(503),
      platform('ratelimited'),
      platform('service_unavailable'),
      platform('invalid_auth'),
      request({ code: 'ECONNREFUSED' }),
      request({ message: 'A rate limit was exceeded (url: chat.postMessage, retry-after: 3)' }),
    ]) {
      expect(postFailureOf(error)).toBe('retry');
    }
  });

  it('never re-posts by itself what Slack may have posted', () => {
    for (const error of [
      http(500),
      http(502),
      http(504),
      platform('internal_error'),
      platform('fatal_error'),
      request({ name: 'TimeoutError' }),
      request({ code: 'ECONNRESET' }),
    ]) {
      expect(postFailureOf(error)).toBe('unconfirmed');
    }
  });

  it('stops at refusals that waiting does not change', () => {
    for (const code of ['not_in_channel', 'channel_not_found', 'is_archived', 'invalid_blocks', 'msg_too_long']) {
      expect(postFailureOf(platform(code))).toBe('refused');
    }
  });
});
