import { describe, expect, it } from 'vitest';
import { fitNames, needsThanks, summarizeHelpers } from '../../src/domain/people-who-helped.ts';
import type { Participation } from '../../src/domain/types.ts';

let nextId = 1;
const helper = (userId: string, optedInAt: number, sharedAt: number | null, thankedAt: number | null = null) =>
  ({
    id: nextId++,
    requestId: 1,
    userId,
    optedInAt,
    sharedAt,
    shareUrl: null,
    network: null,
    remindMe: false,
    remindedAt: null,
    showName: false,
    thankedAt,
  }) satisfies Participation;

describe('summarizeHelpers', () => {
  it('lists those who shared in the order they shared, and those only in by when they joined', () => {
    const summary = summarizeHelpers([
      helper('U1', 10, 50),
      helper('U2', 20, null),
      helper('U3', 30, 40),
      helper('U4', 5, null),
    ]);
    expect(summary.shared.map((p) => p.userId)).toEqual(['U3', 'U1']);
    expect(summary.inOnly.map((p) => p.userId)).toEqual(['U4', 'U2']);
  });

  it('counts only helpers who shared and were not thanked yet as left to thank', () => {
    const summary = summarizeHelpers([helper('U1', 1, 2, 3), helper('U2', 1, 2), helper('U3', 1, null)]);
    expect(summary.toThank).toBe(1);
  });

  it('has nobody to thank when nobody shared', () => {
    expect(summarizeHelpers([helper('U1', 1, null)]).toThank).toBe(0);
    expect(summarizeHelpers([]).toThank).toBe(0);
  });
});

describe('needsThanks', () => {
  it('thanks for sharing, once', () => {
    expect(needsThanks({ sharedAt: 5, thankedAt: null })).toBe(true);
    expect(needsThanks({ sharedAt: 5, thankedAt: 6 })).toBe(false);
    expect(needsThanks({ sharedAt: null, thankedAt: null })).toBe(false);
  });
});

describe('fitNames', () => {
  const names = Array.from({ length: 500 }, (_, i) => `<@U${String(i).padStart(9, '0')}>`);

  it('keeps every name when they fit', () => {
    expect(fitNames(names.slice(0, 3), 1000)).toEqual({ shown: names.slice(0, 3), more: 0 });
  });

  it('stops before the budget, leaving room to say how many more, and never cuts a name', () => {
    const { shown, more } = fitNames(names, 1300);
    expect(shown.length + more).toBe(500);
    expect(more).toBeGreaterThan(0);
    expect(`${shown.join(', ')} and ${more} more`.length).toBeLessThanOrEqual(1300);
    for (const name of shown) expect(names).toContain(name);
  });

  it('uses the whole budget for the last name, which needs no "and more"', () => {
    expect(fitNames(['abcdef'], 6)).toEqual({ shown: ['abcdef'], more: 0 });
  });
});
