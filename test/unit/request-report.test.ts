import { describe, expect, it } from 'vitest';
import { canSeeReport, composeReport, REPORT_DAYS, type ReportInput } from '../../src/domain/request-report.ts';
import { checkBlocks } from '../../src/playground/block-kit-limits.ts';
import { reportBlocks } from '../../src/slack/views/report-message.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 4, 20, 12);

const request: ReportInput['request'] = {
  id: 12,
  requesterId: 'UASK',
  title: 'Our launch post',
  url: 'https://example.com/launch',
  channelId: 'C1',
  status: 'open',
  createdAt: NOW - 5 * DAY,
  deadlineAt: NOW + 2 * DAY,
  closedAt: null,
};

const participation = (
  userId: string,
  optedInAt: number,
  more: Partial<ReportInput['participations'][number]> = {},
) => ({
  userId,
  optedInAt,
  sharedAt: null,
  shareUrl: null,
  network: null,
  thankedAt: null,
  ...more,
});

function input(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    request,
    participations: [
      participation('UB', NOW - 3 * DAY, { sharedAt: NOW - 2 * DAY, network: 'linkedin' }),
      participation('UA', NOW - 4 * DAY, { sharedAt: NOW - DAY, network: 'linkedin', thankedAt: NOW }),
      participation('UC', NOW - 2 * DAY, { sharedAt: NOW - DAY, network: 'x' }),
      participation('UD', NOW - DAY, { sharedAt: NOW - DAY }),
      participation('UE', NOW - DAY / 2),
    ],
    clicksByHelper: new Map([
      ['UB', 40],
      ['UA', 2],
      ['UE', 1],
    ]),
    clicksByDay: [
      { day: '2026-05-18', clicks: 30 },
      { day: '2026-05-17', clicks: 13 },
    ],
    tracking: true,
    now: NOW,
    ...overrides,
  };
}

describe('composeReport', () => {
  it('counts opt-ins and shares', () => {
    const report = composeReport(input());
    expect(report.optedIn).toBe(5);
    expect(report.shared).toBe(4);
  });

  it('groups shares by network in the usual order, with shares of unsaid networks last', () => {
    expect(composeReport(input()).sharesByNetwork).toEqual([
      { network: 'linkedin', label: 'LinkedIn', shares: 2 },
      { network: 'x', label: 'X', shares: 1 },
      { network: null, label: '', shares: 1 },
    ]);
  });

  it('lists helpers in the order they joined, never ranked by clicks', () => {
    const report = composeReport(input());
    expect(report.helpers.map((h) => h.userId)).toEqual(['UA', 'UB', 'UC', 'UD', 'UE']);
    expect(report.helpers.map((h) => h.clicks)).toEqual([2, 40, 0, 0, 1]);
  });

  it('names the helpers who shared and were not thanked yet, in the order they shared', () => {
    expect(composeReport(input()).toThank).toEqual(['UB', 'UC', 'UD']);
  });

  it('shows clicks on every day from the first click to today while the request is open, zero days included', () => {
    const { clicks } = composeReport(input());
    expect(clicks.total).toBe(43);
    expect(clicks.earlier).toBe(0);
    expect(clicks.byDay).toEqual([
      { day: '2026-05-17', clicks: 13 },
      { day: '2026-05-18', clicks: 30 },
      { day: '2026-05-19', clicks: 0 },
      { day: '2026-05-20', clicks: 0 },
    ]);
  });

  it('ends the days on the last click once the request is closed', () => {
    const closed = { ...request, status: 'closed' as const, closedAt: NOW - DAY };
    const { clicks } = composeReport(input({ request: closed }));
    expect(clicks.byDay.at(-1)).toEqual({ day: '2026-05-18', clicks: 30 });
  });

  it(`keeps at most ${REPORT_DAYS} days and sums the clicks before them`, () => {
    const clicksByDay = Array.from({ length: 30 }, (_, i) => ({
      day: new Date(NOW - i * DAY).toISOString().slice(0, 10),
      clicks: 1,
    }));
    const { clicks } = composeReport(input({ clicksByDay }));
    expect(clicks.byDay).toHaveLength(REPORT_DAYS);
    expect(clicks.byDay.at(-1)?.day).toBe('2026-05-20');
    expect(clicks.earlier).toBe(30 - REPORT_DAYS);
    expect(clicks.total).toBe(30);
  });

  it('has no days at all before the first click', () => {
    const { clicks } = composeReport(input({ clicksByDay: [] }));
    expect(clicks).toEqual({ total: 0, byDay: [], earlier: 0 });
  });
});

describe('canSeeReport', () => {
  it('lets the requester and Boost admins see a report, and nobody else', () => {
    expect(canSeeReport('UASK', request, false)).toBe(true);
    expect(canSeeReport('UADMIN', request, true)).toBe(true);
    expect(canSeeReport('UB', request, false)).toBe(false);
  });
});

describe('the report view', () => {
  it('stays within Block Kit limits with hundreds of helpers and long links', () => {
    const participations = Array.from({ length: 400 }, (_, i) =>
      participation(`U${String(i).padStart(8, '0')}`, NOW - DAY + i, {
        sharedAt: NOW - DAY / 2 + i,
        network: 'linkedin',
        shareUrl: `https://www.linkedin.com/posts/${'x'.repeat(250)}-${i}`,
      }),
    );
    const long = { ...request, title: 'T'.repeat(400), url: `https://example.com/${'p'.repeat(1900)}` };
    const report = composeReport(input({ request: long, participations }));
    const blocks = reportBlocks('en', report, { canThank: true });
    expect(checkBlocks(blocks, 'message')).toEqual([]);
    expect(JSON.stringify(blocks)).toContain('more');
  });

  it('offers "Send thanks" to the requester but not to an admin', () => {
    const report = composeReport(input());
    expect(JSON.stringify(reportBlocks('en', report, { canThank: true }))).toContain('boost_send_thanks');
    expect(JSON.stringify(reportBlocks('en', report, { canThank: false }))).not.toContain('boost_send_thanks');
  });
});
