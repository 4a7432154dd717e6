import type { Counts } from './types.ts';

export function summarize(participations: ReadonlyArray<{ sharedAt: number | null }>): Counts {
  let shared = 0;
  for (const participation of participations) if (participation.sharedAt !== null) shared += 1;
  return { optedIn: participations.length, shared };
}

/** Positive figures only (rule 2): who is in and who shared, never who did not. */
export function formatCounts(counts: Counts): string {
  if (counts.optedIn === 0) return 'No one in yet. Be the first?';
  return `${counts.optedIn} in, ${counts.shared} shared`;
}
