import { describe, expect, it } from 'vitest';
import {
  composeDigest,
  type DigestCandidate,
  type DigestInput,
  type DigestRequest,
  describeDigest,
  eligibilityReasons,
  isEligible,
  MAX_DIGEST_OPEN,
  MAX_DIGEST_REQUESTS,
} from '../../src/domain/digest.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Monday 2026-03-02 09:00 UTC: this week's slot.
const DUE = Date.parse('2026-03-02T09:00:00Z');
const NOW = DUE + HOUR;
const SPLIT = NOW - 8 * DAY;

const request = (id: number, overrides: Partial<DigestRequest> = {}): DigestRequest => ({
  id,
  teamId: 'T1',
  requesterId: 'UREQ',
  title: `Request ${id}`,
  url: `https://example.com/${id}`,
  channelId: 'C1',
  status: 'open',
  createdAt: DUE - 3 * DAY,
  deadlineAt: DUE + 4 * DAY,
  closedAt: null,
  ...overrides,
});

const candidate = (overrides: Partial<DigestCandidate> = {}): DigestCandidate => ({
  teamId: 'T1',
  userId: 'UHELP',
  digest: null,
  settingsUpdatedAt: null,
  helped: { latestBefore: null, earliestFrom: null, splitAt: SPLIT },
  requests: [],
  ...overrides,
});

const input = (overrides: Partial<DigestInput> = {}): DigestInput => ({
  candidate: candidate(),
  week: '2026-W10',
  dueAt: DUE,
  now: NOW,
  helpersByRequest: new Map(),
  contributions: [],
  openRequests: [],
  ...overrides,
});

describe('who is eligible for the digest', () => {
  it('includes a requester whose request was open during the week before their slot', () => {
    const requester = candidate({ userId: 'UREQ', requests: [request(1)] });
    expect(eligibilityReasons(requester, DUE)).toEqual({ asRequester: true, asHelper: false, subscribed: false });
  });

  it('includes a requester whose request closed during that week, but not one closed before it', () => {
    const closedMidWeek = request(1, { status: 'closed', closedAt: DUE - 2 * DAY, createdAt: DUE - 20 * DAY });
    const closedLongAgo = request(2, { status: 'expired', closedAt: DUE - 8 * DAY, createdAt: DUE - 20 * DAY });
    expect(isEligible(candidate({ requests: [closedMidWeek] }), DUE)).toBe(true);
    expect(isEligible(candidate({ requests: [closedLongAgo] }), DUE)).toBe(false);
  });

  it('includes a helper who took part within the four weeks before their slot', () => {
    const threeWeeksAgo = candidate({ helped: { latestBefore: DUE - 21 * DAY, earliestFrom: null, splitAt: SPLIT } });
    const yesterday = candidate({ helped: { latestBefore: null, earliestFrom: DUE - DAY, splitAt: SPLIT } });
    expect(isEligible(threeWeeksAgo, DUE)).toBe(true);
    expect(isEligible(yesterday, DUE)).toBe(true);
  });

  it('leaves out a helper whose last part is more than four weeks old', () => {
    const fiveWeeksAgo = candidate({ helped: { latestBefore: DUE - 35 * DAY, earliestFrom: null, splitAt: SPLIT } });
    expect(isEligible(fiveWeeksAgo, DUE)).toBe(false);
  });

  it('makes a first-time helper after the slot wait for next week’s digest', () => {
    const joinedAfterSlot = candidate({
      helped: { latestBefore: null, earliestFrom: DUE + 10 * 60_000, splitAt: SPLIT },
    });
    expect(isEligible(joinedAfterSlot, DUE)).toBe(false);
    expect(isEligible(joinedAfterSlot, DUE + 7 * DAY)).toBe(true);
  });

  it('includes subscribers from the first slot after they subscribed', () => {
    const subscribedLastWeek = candidate({ digest: true, settingsUpdatedAt: DUE - 3 * DAY });
    const subscribedJustNow = candidate({ digest: true, settingsUpdatedAt: DUE + HOUR });
    expect(isEligible(subscribedLastWeek, DUE)).toBe(true);
    expect(isEligible(subscribedJustNow, DUE)).toBe(false);
  });

  it('never includes someone who stopped the digest, whatever they did', () => {
    const stopped = candidate({
      digest: false,
      requests: [request(1)],
      helped: { latestBefore: null, earliestFrom: DUE - DAY, splitAt: SPLIT },
    });
    expect(isEligible(stopped, DUE)).toBe(false);
  });

  it('never includes someone who did nothing (opening App Home is not taking part)', () => {
    expect(isEligible(candidate(), DUE)).toBe(false);
  });
});

describe('what the digest says', () => {
  it('tells a requester about their requests with helpers by name and offers thanks while someone is unthanked', () => {
    const digest = composeDigest(
      input({
        candidate: candidate({ userId: 'UREQ', requests: [request(1), request(2, { createdAt: DUE - DAY })] }),
        helpersByRequest: new Map([
          [
            1,
            [
              { userId: 'UB', optedInAt: DUE - 2 * DAY, sharedAt: null, thankedAt: null },
              { userId: 'UA', optedInAt: DUE - 3 * DAY, sharedAt: DUE - 2 * DAY, thankedAt: null },
            ],
          ],
          [2, [{ userId: 'UC', optedInAt: DUE - HOUR, sharedAt: DUE - HOUR, thankedAt: DUE - 1 }]],
        ]),
      }),
    );
    expect(digest?.requests.map((line) => line.request.id)).toEqual([2, 1]);
    const first = digest?.requests[1];
    expect(first?.counts).toEqual({ optedIn: 2, shared: 1 });
    expect(first?.helpers).toEqual([
      { userId: 'UA', shared: true },
      { userId: 'UB', shared: false },
    ]);
    expect(first?.canThank).toBe(true);
    expect(digest?.requests[0]?.canThank).toBe(false);
  });

  it('does not suggest open requests to someone who only asked', () => {
    const digest = composeDigest(
      input({
        candidate: candidate({ userId: 'UREQ', requests: [request(1)] }),
        openRequests: [
          {
            request: request(9, { requesterId: 'UOTHER' }),
            counts: { optedIn: 0, shared: 0 },
            participants: new Set(),
          },
        ],
      }),
    );
    expect(digest?.open).toEqual([]);
  });

  it('tells a helper what they helped with and the thanks they received during the week', () => {
    const helper = candidate({ helped: { latestBefore: null, earliestFrom: DUE - 2 * DAY, splitAt: SPLIT } });
    const digest = composeDigest(
      input({
        candidate: helper,
        contributions: [
          { request: request(1), optedInAt: DUE - 2 * DAY, sharedAt: DUE - DAY, thankedAt: DUE - HOUR },
          { request: request(2), optedInAt: DUE - 3 * DAY, sharedAt: null, thankedAt: null },
          // Joined three weeks ago and thanked then: not news this week.
          { request: request(3), optedInAt: DUE - 21 * DAY, sharedAt: DUE - 20 * DAY, thankedAt: DUE - 19 * DAY },
        ],
      }),
    );
    expect(digest?.helped.map((h) => [h.request.id, h.shared])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(digest?.thanks.map((r) => r.id)).toEqual([1]);
  });

  it('suggests a few open requests the helper is not part of, soonest deadline first', () => {
    const helper = candidate({ helped: { latestBefore: null, earliestFrom: DUE - 2 * DAY, splitAt: SPLIT } });
    const open = [10, 11, 12, 13, 14, 15].map((id) => ({
      request: request(id, { requesterId: 'UOTHER', deadlineAt: DUE + id * HOUR }),
      counts: { optedIn: 1, shared: 0 },
      participants: new Set(id === 11 ? ['UHELP'] : ['USOMEONE']),
    }));
    open.push({
      request: request(16, { requesterId: 'UHELP' }),
      counts: { optedIn: 0, shared: 0 },
      participants: new Set<string>(),
    });
    const contributions = [{ request: request(1), optedInAt: DUE - 2 * DAY, sharedAt: null, thankedAt: null }];
    const digest = composeDigest(input({ candidate: helper, openRequests: open, contributions }));
    expect(digest?.open.map((o) => o.request.id)).toEqual([10, 12, 13]);
    expect(digest?.open).toHaveLength(MAX_DIGEST_OPEN);
  });

  it('leaves out open requests of other workspaces and past deadlines', () => {
    const subscriber = candidate({ digest: true, settingsUpdatedAt: DUE - DAY });
    const digest = composeDigest(
      input({
        candidate: subscriber,
        openRequests: [
          {
            request: request(20, { teamId: 'T2', requesterId: 'UX' }),
            counts: { optedIn: 0, shared: 0 },
            participants: new Set(),
          },
          {
            request: request(21, { requesterId: 'UX', deadlineAt: NOW - 1 }),
            counts: { optedIn: 0, shared: 0 },
            participants: new Set(),
          },
        ],
      }),
    );
    expect(digest).toBeNull();
  });

  it('sends a recent helper nothing in a week without news, while a subscriber still hears about open requests', () => {
    const openRequests = [
      { request: request(30, { requesterId: 'UX' }), counts: { optedIn: 2, shared: 1 }, participants: new Set(['UY']) },
    ];
    const quietHelper = candidate({ helped: { latestBefore: DUE - 20 * DAY, earliestFrom: null, splitAt: SPLIT } });
    expect(isEligible(quietHelper, DUE)).toBe(true);
    expect(composeDigest(input({ candidate: quietHelper, openRequests }))).toBeNull();
    const subscriber = candidate({ digest: true, settingsUpdatedAt: DUE - DAY });
    expect(composeDigest(input({ candidate: subscriber, openRequests }))?.open.map((o) => o.request.id)).toEqual([30]);
  });

  it('lists at most ten of a requester’s requests and counts the rest', () => {
    const many = Array.from({ length: 14 }, (_, i) => request(i + 1, { createdAt: DUE - DAY - i * HOUR }));
    const digest = composeDigest(input({ candidate: candidate({ userId: 'UREQ', requests: many }) }));
    expect(digest?.requests).toHaveLength(MAX_DIGEST_REQUESTS);
    expect(digest?.moreRequests).toBe(4);
  });

  it('describes a digest in one line for the dry run, with figures and no user text', () => {
    const digest = composeDigest(
      input({ candidate: candidate({ userId: 'UREQ', requests: [request(1, { title: '<!channel> hi' })] }) }),
    );
    expect(digest && describeDigest(digest, 'Europe/Paris')).toBe('T1/UREQ 2026-W10 (Europe/Paris): 1 request');
  });
});
