import { describe, expect, it } from 'vitest';
import type { Digest, DigestRequest } from '../../src/domain/digest.ts';
import { forgetPlan, NOTHING_HELD, NOTHING_REMOVED } from '../../src/domain/privacy-rules.ts';
import { composeReport } from '../../src/domain/request-report.ts';
import type { BoostRequest, Participation } from '../../src/domain/types.ts';
import { validateRequestDraft } from '../../src/domain/validation.ts';
import { installedPage, installFailedPage, installPage } from '../../src/http/install-pages.ts';
import { LANGUAGES, type Language, say } from '../../src/i18n/index.ts';
import { CATALOGS } from '../../src/i18n/languages.ts';
import { blocksTooLong, checkBlocks, checkView } from '../../src/playground/block-kit-limits.ts';
import type { Refusal } from '../../src/services/requests.ts';
import type { ThanksOutcome } from '../../src/services/thanks.ts';
import { section } from '../../src/slack/views/blocks.ts';
import { textLength } from '../../src/slack/views/budget.ts';
import { digestMessage, digestsStoppedMessage } from '../../src/slack/views/digest.ts';
import { helpMessage } from '../../src/slack/views/help-message.ts';
import { homeView } from '../../src/slack/views/home.ts';
import {
  optedInNotice,
  settingsSavedNotice,
  sharedNotice,
  withdrawnNotice,
} from '../../src/slack/views/home-notices.ts';
import { infoModal } from '../../src/slack/views/info-modal.ts';
import { mineMessage } from '../../src/slack/views/mine.ts';
import { newRequestModal } from '../../src/slack/views/new-request-modal.ts';
import { openRequestsList } from '../../src/slack/views/open-requests-list.ts';
import { optInReply, withdrawnReply } from '../../src/slack/views/opt-in-reply.ts';
import { postedLaterMessage, unpostedMessage } from '../../src/slack/views/posting-notes.ts';
import {
  exportMessages,
  forgetConfirmation,
  forgetDone,
  forgetKept,
  removedRequestMessage,
} from '../../src/slack/views/privacy-messages.ts';
import { formNotOpenedNote, refusalNote } from '../../src/slack/views/refusal-notes.ts';
import { reminderMessage } from '../../src/slack/views/reminder.ts';
import {
  reportMessage,
  reportModal,
  reportNoteModal,
  reportPicker,
  reportRefusal,
} from '../../src/slack/views/report-message.ts';
import { requestMessage, type SlackMessage } from '../../src/slack/views/request-message.ts';
import { settingsModal } from '../../src/slack/views/settings-modal.ts';
import { sharedModal } from '../../src/slack/views/shared-modal.ts';
import { notAdminNote, statsMessage } from '../../src/slack/views/stats-message.ts';
import { thanksConfirmation, thanksMessage } from '../../src/slack/views/thanks.ts';
import { busyDigestRequest, busyRequest, longUrl, many, NOW, userId } from './busy-request.ts';

// Every view, in every language Boost has, with the longest inputs people can give: each fits Slack's limits (Italian
// runs longer than English), shows no text of another language's catalog, and keeps user text escaped.

const DAY = 86_400_000;
/** User text that tries everything: a broadcast, a mention, catalog syntax of i18next, and no word of any catalog. */
const HOSTILE = '<!channel> <@U999> {{count}} $t(button.optIn) Ωμέγα ';
const LONG_ASK = HOSTILE.repeat(40).slice(0, 1000);

const request = (id: number, over: Partial<BoostRequest> = {}) => busyRequest(id, HOSTILE, over);

const participation = (requestId: number, n: number, over: Partial<Participation> = {}): Participation => ({
  id: n,
  requestId,
  userId: userId(n),
  optedInAt: NOW + n,
  sharedAt: n % 2 === 0 ? NOW + n : null,
  shareUrl: n % 2 === 0 ? `https://social.example/${'p'.repeat(250)}/${n}` : null,
  network: n % 4 === 0 ? 'linkedin' : null,
  remindMe: false,
  remindedAt: null,
  showName: false,
  thankedAt: n % 3 === 0 ? NOW + n : null,
  ...over,
});

const links = request(1).networks.map((network) => ({
  network: network as 'linkedin',
  label: network,
  url: `https://${network}.example/?t=${'y'.repeat(2900)}`,
}));

const digestRequest = (id: number, status: DigestRequest['status'] = 'open') => busyDigestRequest(id, HOSTILE, status);

const busyDigest = (): Digest => ({
  teamId: 'T1',
  userId: 'U1',
  week: '2026-W11',
  requests: many(10).map((id) => ({
    request: digestRequest(id, id % 3 === 0 ? 'expired' : id % 3 === 1 ? 'open' : 'closed'),
    counts: { optedIn: 400, shared: 400 },
    clicks: 12_345,
    helpers: many(400).map((n) => ({ userId: userId(n), shared: n % 2 === 0, clicks: n })),
    canThank: true,
  })),
  moreRequests: 5,
  helped: many(10).map((id) => ({ request: digestRequest(100 + id), shared: id % 2 === 0, clicks: 1_234_567 })),
  moreHelped: 30,
  thanks: many(10).map((id) => digestRequest(200 + id)),
  open: many(3).map((id) => ({ request: digestRequest(300 + id), counts: { optedIn: 3, shared: 1 } })),
});

const report = (tracking: boolean, helpers: number) =>
  composeReport({
    request: request(1),
    participations: many(helpers).map((n) => participation(1, n)),
    clicksByHelper: new Map(many(helpers).map((n) => [userId(n), n])),
    clicksByDay: tracking ? many(14).map((d) => ({ day: `2026-03-${String(d).padStart(2, '0')}`, clicks: d })) : [],
    tracking,
    now: NOW,
  });

const myRequest = (id: number, over: Partial<BoostRequest> = {}) => ({
  request: request(id, over),
  counts: { optedIn: 300, shared: 150 },
  participants: many(300).map((n) => participation(id, n)),
  clicks: 5000,
  clicksByHelper: new Map(many(300).map((n) => [userId(n), n])),
});

const contribution = (id: number, shared: boolean) => ({
  request: request(id, { requesterId: 'U2' }),
  participation: participation(id, shared ? 2 : 1, { thankedAt: shared ? NOW : null }),
  clicks: 42,
  open: true,
  links,
});

const SETTINGS = { digest: null, showName: true, reminders: false, language: 'it' };
const REFUSALS: Refusal[] = [
  'not_found',
  'not_open',
  'not_allowed',
  'too_many_open',
  'duplicate',
  'too_late_to_remind',
];

type Rendered =
  | { kind: 'message'; message: SlackMessage }
  | { kind: 'view'; view: object }
  | { kind: 'text'; text: string };
const message = (m: SlackMessage): Rendered => ({ kind: 'message', message: m });
const view = (v: object): Rendered => ({ kind: 'view', view: v });
const text = (s: string): Rendered => ({ kind: 'text', text: s });
/** An HTML page's text, as a browser shows it. */
const page = (html: string): Rendered =>
  text(
    html
      .replace(/<style>[\s\S]*?<\/style>/, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"'),
  );

/** Every surface Boost renders, at its busiest and in its other states. */
function everyView(language: Language): Record<string, Rendered> {
  const busy = request(1);
  const post = HOSTILE.repeat(100).slice(0, 1200);
  const home = (newcomer: boolean) =>
    homeView(language, {
      notices: [optedInNotice(language, busy), sharedNotice(language, busy), withdrawnNotice(language, busy)],
      settings: SETTINGS,
      open: {
        total: 40,
        items: many(10).map((id) => ({
          request: request(id),
          counts: { optedIn: 9, shared: 4 },
          joined: id % 2 === 0,
          own: id === 3,
        })),
      },
      mine: newcomer
        ? { total: 0, items: [] }
        : { total: 9, items: [myRequest(11), myRequest(12, { messageTs: null, postError: 'not_in_channel' })] },
      contributions: newcomer
        ? { total: 0, items: [] }
        : { total: 25, items: many(10).map((id) => contribution(20 + id, id % 2 === 0)) },
    });
  const thanksNote = (outcome: Partial<ThanksOutcome>) =>
    text(
      thanksConfirmation(language, {
        request: busy,
        thanked: 0,
        unreachable: 0,
        uncertain: 0,
        retryable: 0,
        anyoneShared: true,
        ...outcome,
      }),
    );
  const draftErrors = validateRequestDraft(
    {
      url: 'ftp://x',
      title: 't'.repeat(5000),
      ask: '',
      suggestedText: 's'.repeat(5000),
      networks: [],
      channelId: 'D1',
      deadline: '2020-01-01',
    },
    { now: NOW, tzOffsetSeconds: 0 },
  );
  const errors = draftErrors.ok ? [] : Object.values(draftErrors.errors).map((m) => say(language, m));
  return {
    'request message, open': message(
      requestMessage(language, {
        request: busy,
        counts: { optedIn: 900, shared: 800 },
        publicHelpers: many(50).map(userId),
        clicks: 1_000_000,
      }),
    ),
    'request message, nobody yet': message(
      requestMessage(language, {
        request: request(2, { title: null }),
        counts: { optedIn: 0, shared: 0 },
        publicHelpers: [],
      }),
    ),
    'request message, closed': message(
      requestMessage(language, {
        request: request(3, { status: 'closed', closedAt: NOW }),
        counts: { optedIn: 1, shared: 1 },
        publicHelpers: [userId(1)],
      }),
    ),
    'request message, expired': message(
      requestMessage(language, {
        request: request(4, { status: 'expired' }),
        counts: { optedIn: 2, shared: 0 },
        publicHelpers: [],
      }),
    ),
    'removed request message': message(removedRequestMessage(language)),
    'reply after opt-in': message(
      optInReply(language, {
        request: busy,
        participation: participation(1, 1),
        links,
        post,
        offerReminder: true,
        personalLink: { url: `https://boost.example/r/${'t'.repeat(40)}`, clicks: 123 },
      }),
    ),
    'reply after sharing': message(
      optInReply(language, {
        request: busy,
        participation: participation(1, 2),
        links,
        post,
        offerReminder: false,
        personalLink: { url: 'https://boost.example/r/abc', clicks: 0 },
      }),
    ),
    'reply with a reminder set': message(
      optInReply(language, {
        request: busy,
        participation: participation(1, 1, { remindMe: true }),
        links: [],
        post,
        offerReminder: true,
      }),
    ),
    'reply after withdrawing': message(withdrawnReply(language, busy)),
    reminder: message(reminderMessage(language, { request: busy, links, post })),
    thanks: message(thanksMessage(language, busy)),
    'thanks confirmation': thanksNote({ thanked: 3, unreachable: 1, uncertain: 2, retryable: 1 }),
    'thanks confirmation, one each': thanksNote({ thanked: 1, unreachable: 1, uncertain: 1, retryable: 1 }),
    'thanks confirmation, all thanked': thanksNote({}),
    'thanks confirmation, nobody shared': thanksNote({ anyoneShared: false }),
    digest: message(digestMessage(language, busyDigest())),
    'digest stopped': message(digestsStoppedMessage(language)),
    'home, newcomer': view(home(true)),
    'home, busy': view(home(false)),
    'settings saved notice': text(settingsSavedNotice(language)),
    mine: message(
      mineMessage(language, {
        mine: { total: 40, items: many(5).map((id) => myRequest(id)) },
        contributions: { total: 30, items: many(10).map((id) => contribution(100 + id, id % 2 === 0)) },
      }),
    ),
    'mine, empty': message(
      mineMessage(language, { mine: { total: 0, items: [] }, contributions: { total: 0, items: [] } }),
    ),
    help: message(helpMessage(language)),
    'help for an unknown word': message(helpMessage(language, HOSTILE.repeat(5))),
    list: message(
      openRequestsList(
        language,
        many(10).map((id) => ({ request: request(id), counts: { optedIn: 9, shared: 4 } })),
        40,
      ),
    ),
    'list of one': message(openRequestsList(language, [{ request: busy, counts: { optedIn: 1, shared: 0 } }], 1)),
    'list, empty': message(openRequestsList(language, [], 0)),
    report: message(reportMessage(language, report(true, 400), { canThank: true })),
    'report, no tracking, nobody': message(reportMessage(language, report(false, 0), { canThank: false })),
    'report modal': view(reportModal(language, report(true, 7), { canThank: true })),
    'report note modal': view(reportNoteModal(language, reportRefusal(language, 'not_allowed'))),
    'report not found': text(reportRefusal(language, 'not_found')),
    'report picker': message(
      reportPicker(
        language,
        many(10).map((id) => request(id, { status: id % 2 ? 'open' : 'closed', closedAt: NOW })),
        25,
      ),
    ),
    'report picker, empty': message(reportPicker(language, [])),
    stats: message(
      statsMessage(language, {
        weeks: many(12).map((n) => ({
          week: `2026-W${String(n).padStart(2, '0')}`,
          requests: n * 1000,
          helpers: n,
          optIns: n * 1234,
          shares: n,
        })),
        totals: { week: 'total', requests: 78_000, helpers: 99, optIns: 96_252, shares: 78 },
      }),
    ),
    'stats for non-admins': message(notAdminNote(language)),
    'forget-me question': message(
      forgetConfirmation(language, {
        requests: 2,
        openRequests: 1,
        helpersOnRequests: 3,
        participations: 4,
        shares: 2,
        trackedLinks: 1,
        settings: true,
        profile: true,
        digestDeliveries: 5,
        installations: 1,
      }),
    ),
    'forget-me question, one of each': message(
      forgetConfirmation(language, {
        requests: 1,
        openRequests: 1,
        helpersOnRequests: 1,
        participations: 1,
        shares: 1,
        trackedLinks: 1,
        settings: true,
        profile: true,
        digestDeliveries: 1,
        installations: 1,
      }),
    ),
    'forget-me question, nothing held': message(forgetConfirmation(language, forgetPlanEmpty())),
    'forget-me done': message(
      forgetDone(language, {
        requests: 2,
        helpersOnRequests: 3,
        participations: 4,
        trackedLinks: 5,
        settings: 1,
        profile: 1,
        digestDeliveries: 6,
        closedByCleared: 2,
        installer: 1,
      }),
    ),
    'forget-me done, one of each': message(
      forgetDone(language, {
        requests: 1,
        helpersOnRequests: 1,
        participations: 1,
        trackedLinks: 1,
        settings: 1,
        profile: 1,
        digestDeliveries: 1,
        closedByCleared: 1,
        installer: 0,
      }),
    ),
    'forget-me done, nothing': message(forgetDone(language, NOTHING_REMOVED)),
    'forget-me kept': message(forgetKept(language)),
    ...Object.fromEntries(
      exportMessages(language, JSON.stringify({ rows: many(600).map((n) => ({ n })) })).map((m, i) => [
        `export part ${i + 1}`,
        message(m),
      ]),
    ),
    'settings form': view(settingsModal(language, SETTINGS)),
    'new-request form': view(
      newRequestModal(language, { url: longUrl(1), ask: LONG_ASK, channelId: 'C1', deadline: '2026-03-11' }),
    ),
    'new-request form field errors': text(errors.join('\n')),
    'shared form': view(sharedModal(language, busy)),
    'info modal': view(infoModal(language, 'Boost', refusalNote(language, 'too_many_open', 3).text)),
    ...Object.fromEntries(
      REFUSALS.map((refusal) => [`refusal ${refusal}`, message(refusalNote(language, refusal, 1))]),
    ),
    'form not opened, auth': message(formNotOpenedNote(language, 'auth', 'invalid_auth')),
    'form not opened, transient': message(formNotOpenedNote(language, 'transient', 'internal_error')),
    'form not opened, expired': message(formNotOpenedNote(language, 'gone', 'expired_trigger_id')),
    ...Object.fromEntries(
      [
        'not_in_channel',
        'channel_not_found',
        'is_archived',
        'ratelimited',
        'invalid_auth',
        'fatal_error',
        'timeout',
      ].map((postError) => [
        `unposted: ${postError}`,
        message(
          unpostedMessage(
            language,
            request(5, {
              messageTs: null,
              postError,
              postState:
                postError === 'timeout'
                  ? 'unconfirmed'
                  : postError === 'ratelimited' || postError === 'invalid_auth'
                    ? 'retry'
                    : null,
              postDueAt: postError === 'ratelimited' || postError === 'invalid_auth' ? NOW + DAY : null,
            }),
          ),
        ),
      ]),
    ),
    'posted later': message(postedLaterMessage(language, busy)),
    'install page': page(installPage(language, 'https://slack.com/oauth/v2/authorize?client_id=1')),
    'installed page': page(installedPage(language, 'Acme', true)),
    ...Object.fromEntries(
      (['cancelled', 'expired', 'refused', 'failed'] as const).map((reason) => [
        `install failed: ${reason}`,
        page(installFailedPage(language, reason, '/slack/install')),
      ]),
    ),
  };
}

function forgetPlanEmpty() {
  expect(forgetPlan(NOTHING_HELD)).toEqual([]);
  return NOTHING_HELD;
}

/** Every text a person reads in what was rendered, one string. */
function readable(rendered: Rendered): string {
  const texts: string[] = [];
  const walk = (value: unknown, key = ''): void => {
    if (typeof value === 'string') {
      if (key === 'text') texts.push(value);
    } else if (Array.isArray(value)) for (const item of value) walk(item);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  if (rendered.kind === 'text') return rendered.text;
  walk(rendered.kind === 'message' ? rendered.message : rendered.view);
  return texts.join('\n');
}

/** The texts Slack reads as mrkdwn, where a ping or a link could come alive (plain_text shows them as typed). */
function mrkdwn(rendered: Rendered): string {
  if (rendered.kind === 'text') return rendered.text;
  const texts: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) walk(item);
    else if (value && typeof value === 'object') {
      const { type, text } = value as { type?: unknown; text?: unknown };
      if (type === 'mrkdwn' && typeof text === 'string') texts.push(text);
      for (const item of Object.values(value)) walk(item);
    }
  };
  if (rendered.kind === 'message') texts.push(rendered.message.text);
  walk(rendered.kind === 'message' ? rendered.message.blocks : rendered.view);
  return texts.join('\n');
}

/**
 * The wording of a catalog that is its own: each value's text between placeholders and lines, where it has two words
 * or more and appears in no value of the other catalog ("Boost", network names and the like are the same in both).
 */
function ownWording(language: Language, other: Language): string[] {
  const others = Object.values(CATALOGS[other]).join('\n');
  const fragments = Object.values(CATALOGS[language]).flatMap((value) =>
    value
      .split(/\{\{[^}]*\}\}|\n|\{[a-z_]+\}/)
      .map((fragment) => fragment.replace(/^[\s•*_:(),.;]+|[\s*_:(),.;]+$/g, ''))
      .filter((fragment) => /\S\s+\S/.test(fragment) && fragment.length >= 8 && !others.includes(fragment)),
  );
  return [...new Set(fragments)];
}

describe.each(LANGUAGES)('every view in %s', (language) => {
  const rendered = everyView(language);

  it.each(Object.keys(rendered))('%s fits Slack’s limits with the longest inputs', (name) => {
    const shown = rendered[name] as Rendered;
    if (shown.kind === 'message') {
      expect(checkBlocks(shown.message.blocks, 'message')).toEqual([]);
      expect(blocksTooLong(shown.message.blocks)).toBe(false);
      expect(shown.message.text.length).toBeGreaterThan(0);
      expect(shown.message.text.length).toBeLessThanOrEqual(40_000);
    } else if (shown.kind === 'view') {
      expect(checkView(shown.view)).toEqual([]);
    } else {
      expect(checkBlocks([section(shown.text)], 'message')).toEqual([]);
    }
    expect(textLength(shown)).toBeGreaterThan(0);
  });

  it.each(Object.keys(rendered))('%s keeps user text escaped: no ping, no catalog syntax at work', (name) => {
    const shown = mrkdwn(rendered[name] as Rendered);
    expect(shown).not.toContain('<!channel>');
    expect(shown).not.toContain('<@U999>');
    if (shown.includes('Ωμέγα')) expect(shown).toContain('{{count}} $t(button.optIn)');
  });

  for (const other of LANGUAGES.filter((each) => each !== language)) {
    it.each(Object.keys(rendered))(`%s shows no wording of the ${other} catalog`, (name) => {
      const shown = readable(rendered[name] as Rendered);
      expect(ownWording(other, language).filter((fragment) => shown.includes(fragment))).toEqual([]);
    });
  }
});

describe('the check for foreign wording', () => {
  it('finds English wording in a text and none in its Italian rendering', () => {
    const english = ownWording('en', 'it');
    expect(english).toContain('Only you can see this. Boost never posts for you');
    expect(english.filter((fragment) => readable(text(helpMessage('en').text)).includes(fragment))).not.toEqual([]);
  });
});
