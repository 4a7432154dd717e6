import { describe, expect, it } from 'vitest';
import { formatCounts, summarize } from '../../src/domain/counts.ts';

describe('summarize', () => {
  it('counts everyone who is in and those who shared', () => {
    const participations = [{ sharedAt: 1 }, { sharedAt: null }, { sharedAt: 5 }, { sharedAt: null }];
    expect(summarize(participations)).toEqual({ optedIn: 4, shared: 2 });
  });

  it('counts a share at time zero as shared', () => {
    expect(summarize([{ sharedAt: 0 }])).toEqual({ optedIn: 1, shared: 1 });
  });

  it('is zero for nobody', () => {
    expect(summarize([])).toEqual({ optedIn: 0, shared: 0 });
  });
});

describe('formatCounts', () => {
  it('gives positive figures only', () => {
    expect(formatCounts({ optedIn: 4, shared: 2 })).toBe('4 in, 2 shared');
    expect(formatCounts({ optedIn: 1, shared: 0 })).toBe('1 in, 0 shared');
  });

  it('invites the first helper instead of counting absentees', () => {
    const text = formatCounts({ optedIn: 0, shared: 0 });
    expect(text).toMatch(/first/i);
    expect(text).not.toMatch(/\d|not|n't|missing/i);
  });
});
