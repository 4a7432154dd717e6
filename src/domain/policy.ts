import type { Message } from '../i18n/index.ts';
import { isRequesterOrAdmin } from './admin.ts';
import type { BoostRequest } from './types.ts';
import { LIMITS, parseWebLink } from './validation.ts';

/** The requester or a Boost admin may close a request. */
export function canClose(userId: string, request: Pick<BoostRequest, 'requesterId'>, isAdmin: boolean): boolean {
  return isRequesterOrAdmin(userId, request, isAdmin);
}

/** Rule 9: a cap on open requests per person keeps channels from being flooded. */
export function canOpenAnother(openCount: number, max: number): boolean {
  return openCount < max;
}

/** Why a person cannot open another request (rule 9), and what they can do about it. */
export function explainOpenLimit(max: number): Message {
  return { key: 'refusal.tooManyOpen', params: { count: max } };
}

export function isOpenForHelp(request: Pick<BoostRequest, 'status' | 'deadlineAt'>, now: number): boolean {
  return request.status === 'open' && now <= request.deadlineAt;
}

/** The optional link to a helper's own post: empty means none. */
export function validateShareUrl(text: string): { ok: true; value: string | null } | { ok: false; error: Message } {
  if (!text.trim()) return { ok: true, value: null };
  return parseWebLink(text, LIMITS.shareUrl);
}
