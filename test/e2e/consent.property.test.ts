import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../src/i18n/index.ts';
import { appHomeOpened, userChange, viewSubmission } from '../../src/playground/payloads.ts';
import type { SlackResponse } from '../../src/playground/signed-client.ts';
import { ACTIONS, INPUT_ACTION, SETTINGS_FIELDS, VIEWS } from '../../src/slack/ids.ts';
import { countsText } from '../../src/slack/views/figures.ts';
import { TestClock } from '../harness/boost.ts';
import {
  activeMarkup,
  type ConsentWorld,
  isFreeOfNegativeWording,
  nonParticipantsNamed,
  openLimitViolations,
  publicMessageViolations,
  readRequests,
  reminderViolations,
  surfacesOf,
  unsolicitedMessages,
  type WorldRequest,
  withdrawalNotices,
} from '../harness/consent-checks.ts';
import { type AnyBoostHarness, forEachDatabase, type StartBoost } from '../harness/databases.ts';
import {
  click,
  clickOnHome,
  command,
  eventually,
  type Posted,
  rows,
  submitForm,
  submitSharedForm,
} from '../harness/driver.ts';

// The pressure-free rules, proven against random sequences of what people do: ask (with hostile text), opt in, share,
// add a link to their post, withdraw, close, send thanks, ask for a reminder, stop digests, change settings, open their
// Home, run commands, and time passing with the jobs (expiry, reminders, the weekly digest) run at each step. Each run
// starts its own app on a fresh database (SQLite, then PostgreSQL), in a random workspace language, with people of random Slack locales (some
// Boost lacks) who may pick a language in their settings; after every step the checks of
// test/harness/consent-checks.ts must all pass.
// On failure fast-check prints the seed and the shrunk sequence; FC_SEED=<seed> replays it.

const MAX_OPEN = 2;
/** Runs on SQLite (CONSENT_RUNS); PostgreSQL gets a quarter of them, below. */
const RUNS = Number(process.env.CONSENT_RUNS ?? 20);
const MAX_STEPS = 25;
const CHANNELS = ['CPROPA1', 'CPROPB2'] as const;
const PEOPLE = ['A', 'B', 'C', 'D', 'E'] as const;

// ---- what people type -----------------------------------------------------------------------------------------------

const HOSTILE_PIECES = [
  '<!channel>',
  '<!here|here>',
  '<!everyone>',
  '@channel',
  '@here',
  ' @everyone!',
  '<@UVICTIM01>',
  '<@WVICTIM02|the boss>',
  '<#CSECRET01>',
  '<#CSECRET01|general>',
  '<!subteam^S0TEAM01|@devs>',
  '<https://evil.test/login|https://example.com/launch>',
  '<mailto:ceo@evil.test|mail me>',
  '<javascript:alert(1)|click>',
  '<!date^1700000000^{date}|today>',
  '&lt;!channel&gt;',
  '&amp;',
  '*bold* _it_ ~gone~ `code` ```block```',
  '> quoted',
  '<',
  '>',
  '|',
  '\u202eoverride',
  '\u2067isolate',
  'z\u200bw\u200dj\u2060',
  'e\u0301\u0336',
  '👩🏽‍💻🚀🇳🇱',
  '\n',
];

const hostileText = (maxPieces: number) =>
  fc
    .array(fc.oneof(fc.constantFrom(...HOSTILE_PIECES), fc.string({ maxLength: 8 })), {
      minLength: 1,
      maxLength: maxPieces,
    })
    .map((pieces) => pieces.join(' '))
    .filter((text) => text.trim().length > 0 && isFreeOfNegativeWording(text));

/** Titles, some of which read as web addresses: a link labelled with one must not lead elsewhere. */
const title = fc.oneof(
  fc.constant(null),
  hostileText(4).map((text) => text.slice(0, 140)),
  fc.constantFrom('https://bank.test/login', 'www.bank.test', 'bank.test', 'example.com/launch'),
);

const validUrl = fc.constantFrom(
  'https://example.com/launch',
  'https://bücher.example/straße?q=ü',
  'https://example.com:8443/a|b>c',
  'http://example.net/@channel/<!here>',
  'https://example.org/p?x=1&y=<2>',
);
const requestUrl = fc.oneof(
  { weight: 6, arbitrary: validUrl },
  // Refused by the form; the step then changes nothing.
  { weight: 1, arbitrary: fc.constantFrom('javascript:alert(1)', 'https://alice:secret@example.com/') },
);

const shareUrl = fc.constantFrom(
  '',
  'https://www.linkedin.com/posts/me-123',
  'https://social.example/@me/1?<!channel>',
  'data:text/html,hi',
  'https://bank.test/|<@UVICTIM01>',
);

// ---- steps ------------------------------------------------------------------------------------------------------------

type Step =
  | {
      kind: 'create';
      who: number;
      channel: number;
      url: string;
      title: string | null;
      ask: string;
      suggested: string | null;
      deadlineDays: number;
    }
  | {
      kind: 'optIn' | 'share' | 'withdraw' | 'close' | 'thanks' | 'remind' | 'stopDigests' | 'joinWithReminder';
      who: number;
      request: number;
      /** Where the button is: the channel message, a private reply, or the App Home. */
      via: 'message' | 'ephemeral' | 'home';
    }
  | { kind: 'sharedForm'; who: number; request: number; shareUrl: string }
  | {
      kind: 'settings';
      who: number;
      showName: boolean;
      reminders: boolean;
      digest: 'auto' | 'weekly' | 'off';
      language: 'slack' | Language;
    }
  | { kind: 'home'; who: number }
  | { kind: 'forgetMe'; who: number }
  /** Slack tells Boost an account was deactivated (user_change, deleted): not an action of that person. */
  | { kind: 'deactivated'; who: number }
  | { kind: 'command'; who: number; text: string }
  | { kind: 'time'; hours: number };

const who = fc.nat({ max: PEOPLE.length - 1 });
const onRequest = (
  kind: 'optIn' | 'share' | 'withdraw' | 'close' | 'thanks' | 'remind' | 'stopDigests' | 'joinWithReminder',
) =>
  fc.record({
    kind: fc.constant(kind),
    who,
    request: fc.nat({ max: 5 }),
    via: fc.constantFrom('message' as const, 'ephemeral' as const, 'home' as const),
  });

const create = (url: fc.Arbitrary<string>) =>
  fc.record({
    kind: fc.constant('create' as const),
    who,
    channel: fc.nat({ max: CHANNELS.length - 1 }),
    url,
    title,
    ask: hostileText(6),
    suggested: fc.option(hostileText(4), { nil: null }),
    deadlineDays: fc.integer({ min: 0, max: 6 }),
  });

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: create(requestUrl) },
  { weight: 6, arbitrary: onRequest('optIn') },
  { weight: 3, arbitrary: onRequest('share') },
  { weight: 3, arbitrary: onRequest('withdraw') },
  { weight: 1, arbitrary: onRequest('close') },
  { weight: 2, arbitrary: onRequest('thanks') },
  { weight: 1, arbitrary: onRequest('remind') },
  { weight: 2, arbitrary: onRequest('joinWithReminder') },
  { weight: 1, arbitrary: onRequest('stopDigests') },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('sharedForm' as const), who, request: fc.nat({ max: 5 }), shareUrl }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('settings' as const),
      who,
      showName: fc.boolean(),
      reminders: fc.boolean(),
      digest: fc.constantFrom('auto' as const, 'weekly' as const, 'off' as const),
      language: fc.constantFrom<'slack' | Language>('slack', ...LANGUAGES),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('home' as const), who }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('forgetMe' as const), who }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deactivated' as const), who }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('command' as const),
      who,
      text: fc.oneof(fc.constantFrom('list', 'mine', 'help', 'report 1', 'report 2', 'export'), hostileText(3)),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('time' as const), hours: fc.integer({ min: 1, max: 30 }) }) },
);

// ---- one run ----------------------------------------------------------------------------------------------------------

let runs = 0;

class Run {
  readonly team: string;
  readonly people: string[];
  readonly acted = new Set<string>();
  readonly posted: Posted[] = [];
  readonly everRequester = new Map<number, string>();
  readonly everIn = new Map<number, Set<string>>();
  readonly everNamed = new Map<number, Set<string>>();
  /** Participation row ids that asked for a reminder, by `${requestId}:${userId}`. */
  readonly askedBy = new Map<string, Set<number>>();
  readonly withdrawals: Array<{ userId: string; from: number; to: number }> = [];
  /** Private answers given in the HTTP response itself (command acks), which the fake never sees. */
  readonly acks: Array<{ to: string; body: unknown }> = [];
  requests: WorldRequest[] = [];
  /** Violations seen in the answers themselves (not in what Slack received). */
  readonly stepViolations: string[] = [];

  constructor(
    readonly h: AnyBoostHarness,
    readonly clock: TestClock,
    /** The workspace's: channel messages are written in it. */
    readonly language: Language,
    locales: readonly string[],
  ) {
    runs += 1;
    this.team = `TPROP${runs}`;
    this.people = PEOPLE.map((letter) => `U${runs}P${letter}`);
    this.people.forEach((userId, i) => {
      h.slack.setUser(userId, { locale: locales[i] ?? 'en-US' });
    });
  }

  person(index: number) {
    return { userId: this.people[index] as string, teamId: this.team };
  }

  world(): ConsentWorld {
    const remindersAsked = new Map([...this.askedBy].map(([key, ids]) => [key, ids.size]));
    return {
      teamId: this.team,
      requests: this.requests,
      acted: this.acted,
      everRequester: this.everRequester,
      everIn: this.everIn,
      everNamed: this.everNamed,
      remindersAsked,
      channels: new Set(CHANNELS),
      maxOpenPerUser: MAX_OPEN,
    };
  }

  /** Reads the database and remembers who ever took part, was named, or asked for a reminder. */
  async observe(): Promise<void> {
    this.requests = await readRequests(this.h, this.team);
    for (const request of this.requests) {
      if (!this.everRequester.has(request.id)) this.everRequester.set(request.id, request.requesterId);
      const everIn = this.everIn.get(request.id) ?? new Set<string>();
      const everNamed = this.everNamed.get(request.id) ?? new Set<string>();
      for (const p of request.participants) {
        everIn.add(p.userId);
        if (p.showName) everNamed.add(p.userId);
        if (p.remindMe) {
          const key = `${request.id}:${p.userId}`;
          this.askedBy.set(key, (this.askedBy.get(key) ?? new Set()).add(p.id));
        }
      }
      this.everIn.set(request.id, everIn);
      this.everNamed.set(request.id, everNamed);
    }
  }

  /**
   * Everything Boost was doing has finished: the deliveries and the work after their acks (private replies included),
   * message updates and Home refreshes; and the fake has seen no new call since the last look.
   */
  async settle(): Promise<void> {
    const { updater, homes, deliveries } = this.h.boost.context;
    let last = -1;
    await eventually(
      () => {
        const idle = deliveries.inFlight === 0 && updater.pending === 0 && homes.pending === 0;
        const stable = this.h.slack.calls.length === last;
        last = this.h.slack.calls.length;
        return idle && stable;
      },
      15_000,
      'Boost to finish what it was doing',
    );
  }

  async perform(s: Step): Promise<void> {
    const { h } = this;
    if (s.kind === 'time') {
      this.clock.advance(s.hours * 3_600_000);
      const now = this.clock.now();
      await h.boost.jobs.expiry.runOnce(now);
      await h.boost.jobs.reminders.runOnce(now);
      await h.boost.jobs.digest.runOnce(now);
      await h.boost.jobs.retention.runOnce(now);
      return;
    }
    if (s.kind === 'deactivated') {
      expectAnswered(
        await h.sender.event(userChange({ id: this.person(s.who).userId, deleted: true }, { teamId: this.team })),
      );
      return;
    }
    const person = this.person(s.who);
    this.acted.add(person.userId);
    switch (s.kind) {
      case 'create': {
        const openBefore = this.requests.filter((r) => r.requesterId === person.userId && r.status === 'open').length;
        const response = await submitForm(h, person, {
          url: s.url,
          title: s.title,
          ask: s.ask,
          suggestedText: s.suggested,
          channelId: CHANNELS[s.channel],
          deadline: new Date(this.clock.now() + s.deadlineDays * 86_400_000).toISOString().slice(0, 10),
        });
        expectAnswered(response);
        // Rule 9 from the asker's side: refused for the limit exactly when they are at it.
        const refusedForLimit = /open requests?, the most/.test(response.text);
        if (refusedForLimit && openBefore < MAX_OPEN) this.stepViolations.push(`rule 9: refused at ${openBefore} open`);
        if (response.text === '' && openBefore >= MAX_OPEN) {
          this.stepViolations.push(`rule 9: accepted a request with ${openBefore} already open`);
        }
        await this.settle();
        const [newest] = await rows<{ id: number; channel_id: string; message_ts: string | null }>(
          h,
          'select id, channel_id, message_ts from requests where team_id = ? order by id desc limit 1',
          this.team,
        );
        if (newest?.message_ts && !this.posted.some((p) => p.id === newest.id)) {
          this.posted.push({
            id: newest.id,
            teamId: this.team,
            requesterId: person.userId,
            channel: newest.channel_id,
            ts: newest.message_ts,
          });
        }
        return;
      }
      case 'settings': {
        const radio = (value: string) => ({ [INPUT_ACTION]: { type: 'radio_buttons', selected_option: { value } } });
        const response = await h.sender.interact(
          viewSubmission({
            teamId: this.team,
            userId: person.userId,
            callbackId: VIEWS.settings,
            values: {
              [SETTINGS_FIELDS.digest]: radio(s.digest),
              [SETTINGS_FIELDS.showName]: radio(s.showName ? 'on' : 'off'),
              [SETTINGS_FIELDS.reminders]: radio(s.reminders ? 'on' : 'off'),
              [SETTINGS_FIELDS.language]: radio(s.language),
            },
          }),
        );
        expectAnswered(response);
        return;
      }
      case 'home':
        expectAnswered(await h.sender.event(appHomeOpened(person.userId, this.team)));
        return;
      case 'forgetMe': {
        // "/boost forget-me", then "Delete my data" in the private question.
        expectAnswered(await command(h, person, 'forget-me', { channelId: CHANNELS[0] }));
        const where = { id: 0, teamId: this.team, requesterId: person.userId, channel: CHANNELS[0], ts: '1.1' };
        expectAnswered((await click(h, person, ACTIONS.forgetMe, where, { container: 'ephemeral' })).response);
        return;
      }
      case 'command': {
        const response = await command(h, person, s.text, { channelId: CHANNELS[0] });
        expectAnswered(response);
        if (response.text) this.acks.push({ to: person.userId, body: response.json() });
        return;
      }
      default:
    }
    const request = this.posted[s.request % Math.max(this.posted.length, 1)];
    if (!request) return;
    if (s.kind === 'thanks' && s.via !== 'message') {
      // Mostly the requester, who is the one with a "Send thanks" button; sometimes someone else tries.
      const requester = { userId: request.requesterId, teamId: this.team };
      expectAnswered((await click(h, requester, ACTIONS.sendThanks, request, { container: 'ephemeral' })).response);
      return;
    }
    if (s.kind === 'sharedForm') {
      expectAnswered(await submitSharedForm(h, person, request.id, s.shareUrl, 'linkedin'));
      return;
    }
    if (s.kind === 'joinWithReminder') {
      // "I'm in", then "Remind me before the deadline" in the private reply.
      expectAnswered((await click(h, person, ACTIONS.optIn, request)).response);
      await this.settle();
      expectAnswered((await click(h, person, ACTIONS.remindMe, request, { container: 'ephemeral' })).response);
      return;
    }
    const actionId = {
      optIn: ACTIONS.optIn,
      share: ACTIONS.markShared,
      withdraw: ACTIONS.withdraw,
      close: ACTIONS.close,
      thanks: ACTIONS.sendThanks,
      remind: ACTIONS.remindMe,
      stopDigests: ACTIONS.stopDigests,
    }[s.kind];
    const onHome = { optIn: ACTIONS.homeOptIn, share: ACTIONS.homeMarkShared, withdraw: ACTIONS.homeWithdraw } as const;
    const from = h.slack.calls.length;
    if (s.via === 'home' && (s.kind === 'optIn' || s.kind === 'share' || s.kind === 'withdraw')) {
      expectAnswered(await clickOnHome(h, person, onHome[s.kind], String(request.id)));
    } else {
      const inChannel = s.via === 'message' && (s.kind === 'optIn' || s.kind === 'share' || s.kind === 'close');
      expectAnswered(
        (await click(h, person, actionId, request, { container: inChannel ? 'message' : 'ephemeral' })).response,
      );
    }
    if (s.kind === 'withdraw') {
      await this.settle();
      this.withdrawals.push({ userId: person.userId, from, to: h.slack.calls.length });
    }
  }

  violations(): string[] {
    const world = this.world();
    const surfaces = surfacesOf(this.h.slack.calls, world);
    const acks = this.acks.map((ack, i) => ({
      kind: 'reply' as const,
      to: ack.to,
      content: ack.body,
      index: -1,
      label: `command answer ${i + 1}`,
    }));
    const everyone = [...surfaces, ...acks];
    return [
      ...this.stepViolations,
      ...unsolicitedMessages(everyone, world),
      ...nonParticipantsNamed(everyone, world),
      ...publicMessageViolations(
        (channel, ts) => this.h.slack.message(channel, ts),
        world,
        (counts) => countsText(this.language, counts),
      ),
      ...this.withdrawals.flatMap((withdrawal) => withdrawalNotices(surfaces, withdrawal, world)),
      ...reminderViolations(surfaces, world),
      ...activeMarkup(everyone, { channels: world.channels, people: new Set(this.people) }),
      ...openLimitViolations(world),
    ];
  }
}

function expectAnswered(response: SlackResponse): void {
  if (response.status !== 200) throw new Error(`Boost answered ${response.status}: ${response.text}`);
}

/** The workspace's language, and each person's Slack locale (fr-FR: one Boost lacks, so the workspace's is used). */
const languages = fc.record({
  workspace: fc.constantFrom(...LANGUAGES),
  locales: fc.array(fc.constantFrom('en-US', 'en-GB', 'it-IT', 'it-CH', 'fr-FR'), {
    minLength: PEOPLE.length,
    maxLength: PEOPLE.length,
  }),
});

async function runScenario(
  startBoost: StartBoost,
  { workspace, locales }: { workspace: Language; locales: string[] },
  steps: readonly Step[],
): Promise<void> {
  const clock = new TestClock();
  const h = await startBoost(
    {
      DEFAULT_LOCALE: workspace,
      MAX_OPEN_REQUESTS_PER_USER: String(MAX_OPEN),
      DIGEST_CRON: '* * * * *',
      PUBLIC_BASE_URL: 'https://boost.example.org',
      LOG_LEVEL: 'warn',
    },
    clock,
    { runJobs: false, tuning: { messageUpdateIntervalMs: 5, homeRefreshIntervalMs: 5 } },
  );
  try {
    const run = new Run(h, clock, workspace, locales);
    for (const [i, s] of steps.entries()) {
      await run.perform(s);
      await run.settle();
      await run.observe();
      const violations = run.violations();
      if (violations.length > 0) {
        throw new Error(`after step ${i + 1} (${JSON.stringify(s)}):\n  ${[...new Set(violations)].join('\n  ')}`);
      }
    }
  } finally {
    await h.stop();
  }
}

forEachDatabase((startBoost, database) => {
  // PostgreSQL gets a quarter of the runs: the rules are checked by the same code on both, and the database's part
  // (every repository call of every step) is exercised by each run, so more runs there would cost the suite more time
  // than they could find.
  const numRuns = database === 'SQLite' ? RUNS : Math.ceil(RUNS / 4);

  describe('consent, proven on random sequences of actions', () => {
    it(
      'keeps every pressure-free rule after every step, whatever people do and type',
      async () => {
        const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
        // Every run starts with a request that can be posted, so the steps after it have something to act on.
        const scenario = fc
          .tuple(create(validUrl), fc.array(step, { minLength: 4, maxLength: MAX_STEPS - 1 }))
          .map(([first, rest]): Step[] => [first, ...rest]);
        const runsBefore = runs;
        const property = fc.asyncProperty(languages, scenario, (language, steps) =>
          runScenario(startBoost, language, steps),
        );
        await fc.assert(property, {
          numRuns,
          // A run that hangs fails with its steps, and shrinking a failure stops in time to report what it found.
          plugins: [fc.timeout(60_000), fc.interruptAfterTimeLimit(200_000, { failOnInterrupt: true })],
          ...(seed === undefined ? {} : { seed }),
        });
        expect(runs - runsBefore).toBeGreaterThanOrEqual(numRuns);
      },
      // A guard against a hang, not a measure: a run takes about 15 s on a quiet machine, several times that beside others.
      Math.max(300_000, numRuns * 10_000),
    );
  });
});
