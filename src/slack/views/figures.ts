import type { Counts } from '../../domain/types.ts';
import { type Language, t } from '../../i18n/index.ts';

/** Positive figures only (rule 2): who is in and who shared, never who did not. */
export function countsText(language: Language, counts: Counts): string {
  if (counts.optedIn === 0) return t(language, 'counts.none');
  return t(language, 'counts.line', {
    optedIn: t(language, 'counts.in', { count: counts.optedIn }),
    shared: t(language, 'counts.shared', { count: counts.shared }),
  });
}

export const clicksText = (language: Language, clicks: number): string => t(language, 'clicks', { count: clicks });
