import type { Participation } from './types.ts';

/** Who helped with one request, as its requester sees it (rule 3: nobody else sees these names). */
export interface HelperSummary {
  /** Helpers who shared, in the order they shared. */
  shared: Participation[];
  /** Helpers who are in and have not shared (yet), in the order they joined. */
  inOnly: Participation[];
  /** How many of those who shared have not been thanked yet. */
  toThank: number;
}

/** A helper is thanked once, and only for sharing: opting in alone is never chased with a message. */
export function needsThanks(participation: Pick<Participation, 'sharedAt' | 'thankedAt'>): boolean {
  return participation.sharedAt !== null && participation.thankedAt === null;
}

export function summarizeHelpers(participations: readonly Participation[]): HelperSummary {
  const shared = participations
    .filter((p) => p.sharedAt !== null)
    .sort((a, b) => (a.sharedAt ?? 0) - (b.sharedAt ?? 0) || a.id - b.id);
  const inOnly = participations
    .filter((p) => p.sharedAt === null)
    .sort((a, b) => a.optedInAt - b.optedInAt || a.id - b.id);
  return { shared, inOnly, toThank: shared.filter(needsThanks).length };
}

/**
 * As many names as fit in `budget` characters once joined with ", ", keeping room for "and N more". Names are never cut
 * in half: a mention cut mid-way would show as raw text.
 */
export function fitNames(names: readonly string[], budget: number): { shown: string[]; more: number } {
  const shown: string[] = [];
  let used = 0;
  const reserve = ' and 99999 more'.length;
  for (const [index, name] of names.entries()) {
    const cost = (shown.length > 0 ? 2 : 0) + name.length;
    const last = index === names.length - 1;
    if (used + cost + (last ? 0 : reserve) > budget) break;
    shown.push(name);
    used += cost;
  }
  return { shown, more: names.length - shown.length };
}
