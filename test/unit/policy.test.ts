import { describe, expect, it } from 'vitest';
import {
  canClose,
  canOpenAnother,
  explainOpenLimit,
  isOpenForHelp,
  validateShareUrl,
} from '../../src/domain/policy.ts';
import { say } from '../../src/i18n/index.ts';

describe('canClose', () => {
  const request = { requesterId: 'U1' };

  it('lets the requester close their request', () => {
    expect(canClose('U1', request, false)).toBe(true);
  });

  it('lets a Boost admin close any request', () => {
    expect(canClose('UADMIN', request, true)).toBe(true);
  });

  it('does not let anyone else close it', () => {
    expect(canClose('U2', request, false)).toBe(false);
  });
});

describe('canOpenAnother', () => {
  it('allows requests up to the limit', () => {
    expect(canOpenAnother(0, 3)).toBe(true);
    expect(canOpenAnother(2, 3)).toBe(true);
  });

  it('refuses once the limit is reached', () => {
    expect(canOpenAnother(3, 3)).toBe(false);
    expect(canOpenAnother(4, 3)).toBe(false);
  });
});

describe('explainOpenLimit', () => {
  it('names the limit and the way forward', () => {
    expect(say('en', explainOpenLimit(3))).toContain('3 open requests');
    expect(say('en', explainOpenLimit(3))).toMatch(/close one/i);
  });

  it('speaks of a single request in the singular', () => {
    expect(say('en', explainOpenLimit(1))).toContain('1 open request,');
  });
});

describe('isOpenForHelp', () => {
  const deadlineAt = 1_000_000;

  it('is open until the deadline, inclusive', () => {
    expect(isOpenForHelp({ status: 'open', deadlineAt }, deadlineAt - 1)).toBe(true);
    expect(isOpenForHelp({ status: 'open', deadlineAt }, deadlineAt)).toBe(true);
  });

  it('is closed after the deadline', () => {
    expect(isOpenForHelp({ status: 'open', deadlineAt }, deadlineAt + 1)).toBe(false);
  });

  it('is closed once closed or expired, even before the deadline', () => {
    expect(isOpenForHelp({ status: 'closed', deadlineAt }, 0)).toBe(false);
    expect(isOpenForHelp({ status: 'expired', deadlineAt }, 0)).toBe(false);
  });
});

describe('validateShareUrl', () => {
  it('treats an empty field as no link', () => {
    expect(validateShareUrl('')).toEqual({ ok: true, value: null });
    expect(validateShareUrl('   ')).toEqual({ ok: true, value: null });
  });

  it('accepts a link to a post', () => {
    expect(validateShareUrl(' https://www.linkedin.com/posts/me_activity-1 ')).toEqual({
      ok: true,
      value: 'https://www.linkedin.com/posts/me_activity-1',
    });
  });

  it.each(['javascript:alert(1)', 'data:text/plain,hi', 'file:///etc/passwd', 'not a link'])('rejects %j', (text) => {
    const result = validateShareUrl(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(say('en', result.error).length).toBeLessThanOrEqual(150);
  });

  it('rejects a link over the limit', () => {
    expect(validateShareUrl(`https://example.com/${'a'.repeat(2000)}`).ok).toBe(false);
  });
});
