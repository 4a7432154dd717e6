import { ErrorCode } from '@slack/web-api';

/** The Slack error code of a failed Web API call (`not_in_channel`, `ratelimited`...), or a short description. */
export function slackErrorCode(error: unknown): string {
  if (error && typeof error === 'object') {
    const data = (error as { data?: { error?: unknown } }).data;
    if (typeof data?.error === 'string') return data.error;
    const code = (error as { code?: unknown }).code;
    if (code === ErrorCode.RateLimitedError) return 'ratelimited';
    if (typeof code === 'string') return code;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Milliseconds Slack asked us to wait, for a call rejected as rate limited. */
export function retryAfterMs(error: unknown): number | undefined {
  if (error && typeof error === 'object' && (error as { code?: unknown }).code === ErrorCode.RateLimitedError) {
    const seconds = Number((error as { retryAfter?: unknown }).retryAfter);
    return Number.isFinite(seconds) ? Math.max(seconds, 1) * 1000 : 1000;
  }
  return undefined;
}
