import { describe, expect, it } from 'vitest';
import {
  buildExport,
  forgetPlan,
  holdsAnything,
  type Inventory,
  inertJson,
  NOTHING_HELD,
  NOTHING_REMOVED,
  type PersonalData,
  removalSummary,
  removedAnything,
  retentionCutoffs,
  splitText,
} from '../../src/domain/privacy-rules.ts';
import { type Message, say } from '../../src/i18n/index.ts';
import { checkBlocks } from '../../src/playground/block-kit-limits.ts';
import { exportMessages, forgetConfirmation } from '../../src/slack/views/privacy-messages.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 4, 12);

const EMPTY: Inventory = NOTHING_HELD;

function personalData(overrides: Partial<PersonalData> = {}): PersonalData {
  return {
    teamId: 'T1',
    userId: 'U1',
    requests: [],
    participations: [],
    trackedLinks: [],
    settings: null,
    profile: null,
    digestDeliveries: [],
    closedForOthers: [],
    installations: [],
    ...overrides,
  };
}

/** The code blocks of export messages, joined in order: the JSON as the person would copy it. */
function copiedJson(messages: ReturnType<typeof exportMessages>): string {
  return messages
    .flatMap((message) => message.blocks)
    .flatMap((block) => (block.type === 'section' && block.text?.text.startsWith('```') ? [block.text.text] : []))
    .map((text) => text.slice(3, -3))
    .join('');
}

/** The lines as an English reader sees them. */
const english = (messages: Message[]) => messages.map((message) => say('en', message));

describe('what forget-me says it will remove', () => {
  it('lists only the kinds of data Boost holds, with their counts', () => {
    const plan = english(forgetPlan({ ...EMPTY, requests: 2, openRequests: 1, helpersOnRequests: 3, settings: true }));
    expect(plan).toHaveLength(2);
    expect(plan[0]).toContain('2 requests you made (1 still open)');
    expect(plan[0]).toContain('3 records of colleagues who joined them');
    expect(plan[1]).toContain('Your settings');
  });

  it('says that the installer keeps Boost installed and only loses their name on the installation', () => {
    const plan = english(forgetPlan({ ...EMPTY, installations: 1 }));
    expect(plan).toEqual(['Your name as the person who installed Boost here (Boost stays installed).']);
    expect(holdsAnything({ ...EMPTY, installations: 1 })).toBe(true);
  });

  it('knows when Boost holds nothing about a person', () => {
    expect(holdsAnything(EMPTY)).toBe(false);
    expect(forgetPlan(EMPTY)).toEqual([]);
    expect(holdsAnything({ ...EMPTY, profile: true })).toBe(true);
  });

  it('asks with a danger button and no button when there is nothing to delete', () => {
    const asked = forgetConfirmation('en', { ...EMPTY, participations: 1 });
    expect(JSON.stringify(asked.blocks)).toContain('"style":"danger"');
    expect(JSON.stringify(forgetConfirmation('en', EMPTY).blocks)).not.toContain('button');
  });

  it('sums up what was removed, in the singular where it is one', () => {
    const lines = english(
      removalSummary({ ...NOTHING_REMOVED, requests: 1, participations: 4, trackedLinks: 1, profile: 1 }),
    );
    expect(lines).toEqual([
      '1 request; their messages now say they were removed',
      '4 participations in requests',
      '1 tracked link with their click counts',
      'your cached Slack profile',
    ]);
    expect(removedAnything(NOTHING_REMOVED)).toBe(false);
  });
});

describe('the export', () => {
  it('gives requests with figures but never the helpers, and participations without the requester', () => {
    const exported = buildExport(
      personalData({
        requests: [
          {
            id: 7,
            url: 'https://example.com/a',
            title: 'A',
            ask: 'Please',
            suggestedText: null,
            networks: ['x'],
            channelId: 'C1',
            status: 'open',
            createdAt: NOW - DAY,
            deadlineAt: NOW + DAY,
            closedAt: null,
            optedIn: 3,
            shared: 1,
          },
        ],
        participations: [
          {
            request: { id: 9, title: null, url: 'https://example.com/b' },
            optedInAt: NOW,
            sharedAt: null,
            shareUrl: null,
            network: null,
            remindMe: true,
            remindedAt: null,
            showName: false,
            thankedAt: null,
          },
        ],
      }),
      NOW,
    );
    expect(exported.requests[0]?.figures).toEqual({ optedIn: 3, shared: 1 });
    expect(exported.requests[0]?.createdAt).toBe(new Date(NOW - DAY).toISOString());
    expect(Object.keys(exported.participations[0]?.request ?? {})).toEqual(['id', 'title', 'url']);
    expect(exported.exportedAt).toBe(new Date(NOW).toISOString());
  });

  it('is JSON that parses back to exactly the stored text, with nothing Slack would read as markup', () => {
    const nasty = 'Hi <!channel> & <@U999|x> `code` ```fence``` @here :tada: 😀';
    const json = inertJson({ ask: nasty });
    expect(JSON.parse(json)).toEqual({ ask: nasty });
    expect(json).not.toMatch(/[<>&`]|@here|@channel/);
  });

  it('splits long text into pieces whose concatenation is the text, never halving an emoji', () => {
    const text = `${'a'.repeat(9)}😀${'b'.repeat(30)}\n${'c'.repeat(5)}`;
    const pieces = splitText(text, 10);
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(10);
      expect(piece).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
    }
    expect(splitText('', 10)).toEqual(['']);
  });

  it('fits a large export into valid Slack messages that copy back to the same JSON', () => {
    const participations = Array.from({ length: 400 }, (_, i) => ({
      request: { id: i, title: `Launch ${i} <b>`, url: `https://example.com/${i}` },
      optedInAt: NOW,
      sharedAt: NOW,
      shareUrl: `https://social.example/${i}?a=1&b=2`,
      network: 'x',
      remindMe: false,
      remindedAt: null,
      showName: false,
      thankedAt: null,
    }));
    const json = inertJson(buildExport(personalData({ participations }), NOW));
    const messages = exportMessages('en', json);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(checkBlocks(message.blocks, 'message')).toEqual([]);
    expect(copiedJson(messages)).toBe(json);
    expect(JSON.parse(copiedJson(messages)).participations).toHaveLength(400);
  });
});

describe('retention cutoffs', () => {
  it('keep closed requests for the retention period, receipts a day, and digest records at least four weeks', () => {
    const cutoffs = retentionCutoffs(NOW, 365);
    expect(cutoffs.closedBefore).toBe(NOW - 365 * DAY);
    expect(cutoffs.receiptsBefore).toBe(NOW - DAY);
    expect(retentionCutoffs(NOW, 2).deliveriesBefore).toBe(NOW - 28 * DAY);
  });
});
