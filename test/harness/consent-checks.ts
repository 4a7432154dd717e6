import { isUserId } from '../../src/playground/fixtures.ts';
import type { AnyBoostHarness } from './databases.ts';
import { responseUrlOwner, rows } from './driver.ts';
import type { RecordedCall, StoredMessage } from './fake-slack.ts';

// The pressure-free rules of DESIGN.md as checks over what Slack received (the fake's recorded calls and stored
// messages) and what the database holds. Each check returns violations as sentences (empty when the rule holds), so
// property tests, end-to-end tests and benchmarks can all use them and report every broken rule at once.

type Json = Record<string, unknown>;

export interface WorldRequest {
  id: number;
  requesterId: string;
  channelId: string;
  messageTs: string | null;
  status: string;
  url: string;
  participants: Array<{
    /** The row id: withdrawing deletes the row, joining again makes a new one. */
    id: number;
    userId: string;
    showName: boolean;
    shared: boolean;
    remindMe: boolean;
    shareUrl: string | null;
  }>;
}

/** What the database holds for one workspace, plus what the test knows about who did what. */
export interface ConsentWorld {
  teamId: string;
  requests: WorldRequest[];
  /** People who acted first: asked, clicked, ran a command, opened their Home, saved settings (rule 1). */
  acted: ReadonlySet<string>;
  /**
   * Who asked for each request, by id, as first seen: a request whose requester was forgotten (forget-me) was theirs
   * when its earlier messages named them.
   */
  everRequester: ReadonlyMap<number, string>;
  /** Everyone who ever had a participation in each request, by request id (withdrawn ones included). */
  everIn: ReadonlyMap<number, ReadonlySet<string>>;
  /** Everyone who was ever in a request while choosing to be named on it. */
  everNamed: ReadonlyMap<number, ReadonlySet<string>>;
  /**
   * For each `${requestId}:${userId}`, how many of that person's participations in it (joining again makes a new one)
   * asked "Remind me before the deadline": the most reminders they may get for it.
   */
  remindersAsked: ReadonlyMap<string, number>;
  /** Channels requests were asked for (the only ones Boost may link to). */
  channels: ReadonlySet<string>;
  maxOpenPerUser: number;
}

/** Reads one workspace's requests and participations straight from the database. */
export async function readRequests(h: AnyBoostHarness, teamId: string): Promise<WorldRequest[]> {
  const requests = await rows<{
    id: number;
    requester_id: string;
    channel_id: string;
    message_ts: string | null;
    status: string;
    url: string;
  }>(
    h,
    'select id, requester_id, channel_id, message_ts, status, url from requests where team_id = ? order by id',
    teamId,
  );
  const participations = await rows<{
    id: number;
    request_id: number;
    user_id: string;
    show_name: number;
    shared_at: number | null;
    remind_me: number;
    share_url: string | null;
  }>(
    h,
    `select p.id, p.request_id, p.user_id, p.show_name, p.shared_at, p.remind_me, p.share_url
       from participations p join requests r on r.id = p.request_id where r.team_id = ? order by p.id`,
    teamId,
  );
  return requests.map((row) => ({
    id: row.id,
    requesterId: row.requester_id,
    channelId: row.channel_id,
    messageTs: row.message_ts,
    status: row.status,
    url: row.url,
    participants: participations
      .filter((p) => p.request_id === row.id)
      .map((p) => ({
        id: p.id,
        userId: p.user_id,
        showName: p.show_name === 1,
        shared: p.shared_at !== null,
        remindMe: p.remind_me === 1,
        shareUrl: p.share_url,
      })),
  }));
}

// ---- surfaces: what each call put in front of whom ----------------------------------------------------------------

export type SurfaceKind = 'channel' | 'dm' | 'ephemeral' | 'reply' | 'home' | 'modal';

export interface Surface {
  kind: SurfaceKind;
  /** Who sees it: the person for private surfaces; undefined for a channel message or a modal. */
  to?: string;
  channel?: string;
  /** The request a channel message is about. */
  requestId?: number;
  /** The message or view as sent. */
  content: unknown;
  /** Index of the call in the recorded list, for reports and time windows. */
  index: number;
  label: string;
}

const CHANNEL_ID = /^[CG][A-Z0-9]+$/;

function requestIdInBlocks(content: unknown): number | undefined {
  const found = /"block_id":"request_(\d+)"/.exec(JSON.stringify(content ?? {}));
  return found ? Number(found[1]) : undefined;
}

/** What each successful call showed, and to whom. Failed calls showed nothing. */
export function surfacesOf(calls: readonly RecordedCall[], world?: Pick<ConsentWorld, 'requests'>): Surface[] {
  const surfaces: Surface[] = [];
  calls.forEach((call, index) => {
    if (!call.ok) return;
    const { args } = call;
    const channel = typeof args.channel === 'string' ? args.channel : '';
    const label = `#${index + 1} ${call.method}`;
    switch (call.method) {
      case 'chat.postMessage':
      case 'chat.update': {
        if (CHANNEL_ID.test(channel)) {
          const byTs = world?.requests.find((r) => r.channelId === channel && r.messageTs === args.ts)?.id;
          surfaces.push({
            kind: 'channel',
            channel,
            requestId: byTs ?? requestIdInBlocks(args.blocks),
            content: args,
            index,
            label,
          });
        } else {
          const to = isUserId(channel) ? channel : channel.startsWith('D') ? `U${channel.slice(1)}` : channel;
          surfaces.push({ kind: 'dm', to, channel, content: args, index, label });
        }
        return;
      }
      case 'chat.postEphemeral':
        surfaces.push({ kind: 'ephemeral', to: String(args.user), channel, content: args, index, label });
        return;
      case 'response_url':
        surfaces.push({ kind: 'reply', to: responseUrlOwner(call), content: args, index, label });
        return;
      case 'views.publish':
        surfaces.push({ kind: 'home', to: String(args.user_id), content: args.view, index, label });
        return;
      case 'views.open':
      case 'views.push':
      case 'views.update':
        surfaces.push({ kind: 'modal', content: args.view, index, label });
        return;
      default:
    }
  });
  return surfaces;
}

/** The mrkdwn a surface shows: top-level notification text, and every mrkdwn text object of its blocks. */
export function mrkdwnOf(content: unknown): string[] {
  const texts: string[] = [];
  const top = (content as { text?: unknown } | undefined)?.text;
  if (typeof top === 'string') texts.push(top);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const object = node as Json;
      if (object.type === 'mrkdwn' && typeof object.text === 'string') texts.push(object.text);
      for (const [key, value] of Object.entries(object)) if (key !== 'text' || typeof value !== 'string') walk(value);
    }
  };
  walk((content as { blocks?: unknown } | undefined)?.blocks);
  return texts;
}

/** Every text a person reads on a surface, plain or mrkdwn. */
export function allTextOf(content: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node as Json)) {
        if (key === 'text' && typeof value === 'string') texts.push(value);
        else walk(value);
      }
    }
  };
  walk(content);
  return texts.join('\n');
}

const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;

export function mentionsIn(content: unknown): string[] {
  return mrkdwnOf(content).flatMap((text) => [...text.matchAll(MENTION)].map((match) => match[1] as string));
}

// ---- the rules ------------------------------------------------------------------------------------------------------

/** Rule 1: no DM and no private message in a channel to anyone who has not acted first. */
export function unsolicitedMessages(surfaces: readonly Surface[], world: Pick<ConsentWorld, 'acted'>): string[] {
  return surfaces
    .filter((s) => (s.kind === 'dm' || s.kind === 'ephemeral' || s.kind === 'reply' || s.kind === 'home') && s.to)
    .filter((s) => !world.acted.has(s.to as string))
    .map((s) => `rule 1: ${s.label} (${s.kind}) reached ${s.to}, who never acted`);
}

// Wording that counts or points at people for what they did not do ("12 haven't", "not yet shared", "3 of 40"), in
// every language Boost speaks ("12 non hanno", "3 su 40"). Saying that nobody is told who did not take part is fine.
const NEGATIVE = new RegExp(
  [
    String.raw`\b\d+\s+(?:\w+\s+){0,2}(?:non hanno|non ha|non ancora)\b`,
    String.raw`\bnon (?:hanno|ha) (?:ancora )?(?:aiutato|condiviso|aderito|risposto)\b`,
    String.raw`\b\d+ su \d+\b`,
    String.raw`\bancora da (?:aiutare|condividere)\b`,
    String.raw`\b\d+\s+(?:\w+\s+){0,2}(?:haven'?t|hasn'?t|have not|has not|didn'?t|did not|are not|not yet)\b`,
    String.raw`\b(?:haven'?t|hasn'?t|have not|has not|didn'?t|did not) (?:yet )?(?:helped|shared|joined|opted in|responded)\b`,
    String.raw`\bnot yet (?:helped|shared|joined|opted in)\b`,
    // "3 of 40" counts people; "part 2 of 3" of a long export counts its messages.
    String.raw`(?<!\bpart )\b\d+ (?:out )?of (?:the )?\d+\b`,
    String.raw`\bleft to (?:help|share)\b`,
  ].join('|'),
  'i',
);

/** True for text a generator may use without tripping the negative-wording check on the person's own words. */
export const isFreeOfNegativeWording = (text: string): boolean => !NEGATIVE.test(text);

/**
 * Rule 2: no surface names or counts people who did not take part. A channel message about a request may name its
 * requester and those who chose to be named on it; a private surface of person V may name V, requesters, V's own
 * helpers (V asked them for help) and anyone named publicly. Nothing uses negative wording ("12 haven't").
 */
export function nonParticipantsNamed(surfaces: readonly Surface[], world: ConsentWorld): string[] {
  const violations: string[] = [];
  const requesterOf = (id: number) =>
    world.everRequester.get(id) ?? world.requests.find((r) => r.id === id)?.requesterId;
  const requesters = new Set([...world.requests.map((r) => r.requesterId), ...world.everRequester.values()]);
  const namedAnywhere = new Set([...world.everNamed.values()].flatMap((set) => [...set]));
  const helpersOf = (userId: string) =>
    new Set(
      [...world.everIn]
        .filter(([requestId]) => requesterOf(requestId) === userId)
        .flatMap(([, helpers]) => [...helpers]),
    );
  for (const surface of surfaces) {
    const text = allTextOf(surface.content);
    const negative = NEGATIVE.exec(text);
    if (negative) violations.push(`rule 2: ${surface.label} says "${negative[0]}"`);
    const mentioned = mentionsIn(surface.content);
    if (mentioned.length === 0) continue;
    let allowed: Set<string>;
    if (surface.kind === 'channel') {
      const requester = surface.requestId === undefined ? undefined : requesterOf(surface.requestId);
      allowed = requester
        ? new Set([requester, ...(world.everNamed.get(surface.requestId as number) ?? [])])
        : new Set([...requesters, ...namedAnywhere]);
    } else if (surface.to) {
      allowed = new Set([surface.to, ...requesters, ...helpersOf(surface.to), ...namedAnywhere]);
    } else {
      allowed = new Set([...requesters, ...namedAnywhere]);
    }
    for (const userId of mentioned) {
      if (!allowed.has(userId)) {
        violations.push(
          `rule 2: ${surface.label} (${surface.kind}${surface.to ? ` to ${surface.to}` : ''}) names ${userId}`,
        );
      }
    }
  }
  return violations;
}

/**
 * Rule 3, on the messages as they are now in their channels: names only of the requester and of helpers who are in
 * and chose to be named; and the counts equal the database's.
 */
export function publicMessageViolations(
  messageOf: (channel: string, ts: string) => StoredMessage | undefined,
  world: Pick<ConsentWorld, 'requests'>,
  /** The counts as the channel's language words them. */
  countsWording: (counts: { optedIn: number; shared: number }) => string = ({ optedIn, shared }) =>
    optedIn === 0 ? 'No one in yet' : `${optedIn} in, ${shared} shared`,
): string[] {
  const violations: string[] = [];
  for (const request of world.requests) {
    if (!request.messageTs) continue;
    const message = messageOf(request.channelId, request.messageTs);
    if (!message) continue;
    const allowed = new Set([
      request.requesterId,
      ...request.participants.filter((p) => p.showName).map((p) => p.userId),
    ]);
    for (const userId of mentionsIn(message)) {
      if (!allowed.has(userId)) violations.push(`rule 3: the message of request ${request.id} names ${userId}`);
    }
    const optedIn = request.participants.length;
    const shared = request.participants.filter((p) => p.shared).length;
    const counts = countsWording({ optedIn, shared });
    if (!allTextOf(message).includes(counts)) {
      violations.push(`counts: the message of request ${request.id} does not show "${counts}"`);
    }
  }
  return violations;
}

/**
 * Rule 4: a withdrawal tells nobody. Among the surfaces made while it was handled (by index, `from` inclusive), none but
 * the withdrawer's own is a message (DM, private reply), and none names the withdrawer to anyone else, except as the
 * person who asked for a request (a requester is named on their request, whatever they withdraw from).
 */
export function withdrawalNotices(
  surfaces: readonly Surface[],
  withdrawal: { userId: string; from: number; to: number },
  world: Pick<ConsentWorld, 'everRequester'>,
): string[] {
  const { userId, from, to } = withdrawal;
  const asked = [...world.everRequester].filter(([, requester]) => requester === userId).map(([id]) => id);
  const violations: string[] = [];
  for (const surface of surfaces) {
    if (surface.index < from || surface.index >= to || surface.to === userId) continue;
    if (surface.kind === 'dm' || surface.kind === 'ephemeral' || surface.kind === 'reply') {
      violations.push(`rule 4: ${surface.label} messaged ${surface.to} while ${userId} withdrew`);
    }
    const asRequester = surface.kind === 'channel' ? asked.includes(surface.requestId ?? -1) : asked.length > 0;
    if (!asRequester && mentionsIn(surface.content).includes(userId)) {
      violations.push(`rule 4: ${surface.label} (${surface.kind}) names ${userId}, who withdrew`);
    }
  }
  return violations;
}

/** The request a reminder DM is about (its blocks carry `reminder_<id>`), if the surface is one. */
export function reminderOf(surface: Surface): number | undefined {
  if (surface.kind !== 'dm') return undefined;
  const found = /"block_id":"reminder_(?:links_)?(\d+)"/.exec(JSON.stringify(surface.content));
  return found ? Number(found[1]) : undefined;
}

/** Rule 5: at most one reminder per participation, and only to someone who asked for it. */
export function reminderViolations(
  surfaces: readonly Surface[],
  world: Pick<ConsentWorld, 'remindersAsked'>,
): string[] {
  const violations: string[] = [];
  const seen = new Map<string, number>();
  for (const surface of surfaces) {
    const requestId = reminderOf(surface);
    if (requestId === undefined) continue;
    const key = `${requestId}:${surface.to}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    const asked = world.remindersAsked.get(key) ?? 0;
    if (asked === 0) violations.push(`rule 5: ${surface.label} reminded ${surface.to}, who did not ask`);
    else if (count > asked)
      violations.push(`rule 5: ${surface.label} is reminder ${count} for ${key}, asked ${asked} time(s)`);
  }
  return violations;
}

const SAFE_SCHEMES = /^https?:\/\//i;
const LOOKS_LIKE_ADDRESS = /^\s*(?:https?:\/\/)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:[:/?#]|\s*$)/i;
const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/**
 * Rule 6: nothing in Boost's mrkdwn pings or disguises a link, whatever people typed: no broadcast (`<!channel>`,
 * `<!here>`, `<!everyone>`, `<!subteam^…>`, bare `@here`), no mention of anyone but the people of this workspace run
 * (`people`), no channel link but the channels used, and links only to http(s) addresses whose label, when it reads as
 * an address, is that same address. `<!date^…>` tokens are Boost's own.
 */
export function activeMarkup(
  surfaces: readonly Surface[],
  world: Pick<ConsentWorld, 'channels'> & { people: ReadonlySet<string> },
): string[] {
  const violations: string[] = [];
  for (const surface of surfaces) {
    for (const text of mrkdwnOf(surface.content)) {
      const bare = /(?<![\w\u2060])@(channel|here|everyone)\b/i.exec(text.replace(/<[^>]*>/g, ''));
      if (bare) violations.push(`rule 6: ${surface.label} holds a bare ${bare[0]}`);
      for (const [, token = ''] of text.matchAll(/<([^>]*)>/g)) {
        const problem = tokenProblem(token, world);
        if (problem) violations.push(`rule 6: ${surface.label} holds <${token}>: ${problem}`);
      }
    }
  }
  return violations;
}

function tokenProblem(
  token: string,
  world: Pick<ConsentWorld, 'channels'> & { people: ReadonlySet<string> },
): string | undefined {
  if (token.startsWith('!')) return token.startsWith('!date^') ? undefined : 'a broadcast or group mention';
  if (token.startsWith('@')) {
    const id = token.slice(1).split('|')[0] ?? '';
    return world.people.has(id) ? undefined : 'a mention of someone outside the run';
  }
  if (token.startsWith('#')) {
    const id = token.slice(1).split('|')[0] ?? '';
    return world.channels.has(id) ? undefined : 'a link to a channel that holds no request';
  }
  const bar = token.indexOf('|');
  const url = bar < 0 ? token : token.slice(0, bar);
  if (!SAFE_SCHEMES.test(url)) return 'a link that is not http(s)';
  if (bar < 0) return undefined;
  const label = decode(token.slice(bar + 1));
  const shown = LOOKS_LIKE_ADDRESS.exec(label)?.[1]
    ?.toLowerCase()
    .replace(/^www\./, '');
  const target = hostOf(decode(url));
  if (shown && target && shown !== target && !target.endsWith(`.${shown}`)) {
    return `a link to ${target} labelled as ${shown}`;
  }
  return undefined;
}

/** Rule 9: nobody has more open requests than allowed. */
export function openLimitViolations(world: Pick<ConsentWorld, 'requests' | 'maxOpenPerUser'>): string[] {
  const open = new Map<string, number>();
  for (const request of world.requests) {
    if (request.status === 'open') open.set(request.requesterId, (open.get(request.requesterId) ?? 0) + 1);
  }
  return [...open]
    .filter(([, count]) => count > world.maxOpenPerUser)
    .map(([userId, count]) => `rule 9: ${userId} has ${count} open requests (at most ${world.maxOpenPerUser})`);
}
