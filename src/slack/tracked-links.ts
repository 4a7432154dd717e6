import { trackedLinkUrl } from '../domain/tracked-links.ts';
import type { BoostContext } from './context.ts';

/**
 * The helper's personal tracked link for a request, created on first use; undefined without PUBLIC_BASE_URL (then
 * everyone shares the original link) or when the person is not taking part.
 */
export function personalLinkUrl(ctx: BoostContext, requestId: number, userId: string): string | undefined {
  const base = ctx.config.PUBLIC_BASE_URL;
  if (!base) return undefined;
  const token = ctx.repos.links.ensure(requestId, userId, ctx.clock());
  return token === undefined ? undefined : trackedLinkUrl(base, token);
}
