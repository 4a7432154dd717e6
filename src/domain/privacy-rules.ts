// What Boost holds about a person, what `/boost export` gives them, what forgetting them removes, and how long
// anything is kept. Pure: rows in, plain data and sentences out; the repositories read and delete, Slack renders.

import type { Message } from '../i18n/index.ts';

const DAY_MS = 86_400_000;

/** What Boost holds about one person in one workspace, counted; shown before they confirm forget-me. */
export interface Inventory {
  requests: number;
  openRequests: number;
  /** Other people's participations in this person's requests (they go with the requests). */
  helpersOnRequests: number;
  participations: number;
  shares: number;
  trackedLinks: number;
  settings: boolean;
  profile: boolean;
  digestDeliveries: number;
  /** Installations of Boost (here or org-wide) that name this person as who installed it. */
  installations: number;
}

/** What a deletion actually removed, counted; the private note after forget-me says this. */
export interface Removed {
  requests: number;
  helpersOnRequests: number;
  participations: number;
  trackedLinks: number;
  settings: number;
  profile: number;
  digestDeliveries: number;
  /** Requests of others this person had closed as an admin: only the "closed by" mark is cleared. */
  closedByCleared: number;
  /** Installations of Boost this person made: only their id as the installer is cleared. */
  installer: number;
}

export const NOTHING_HELD: Inventory = {
  requests: 0,
  openRequests: 0,
  helpersOnRequests: 0,
  participations: 0,
  shares: 0,
  trackedLinks: 0,
  settings: false,
  profile: false,
  digestDeliveries: 0,
  installations: 0,
};

export const NOTHING_REMOVED: Removed = {
  requests: 0,
  helpersOnRequests: 0,
  participations: 0,
  trackedLinks: 0,
  settings: 0,
  profile: 0,
  digestDeliveries: 0,
  closedByCleared: 0,
  installer: 0,
};

export function holdsAnything(inventory: Inventory): boolean {
  return (
    inventory.requests +
      inventory.participations +
      inventory.trackedLinks +
      inventory.digestDeliveries +
      inventory.installations >
      0 ||
    inventory.settings ||
    inventory.profile
  );
}

export function removedAnything(removed: Removed): boolean {
  return Object.values(removed).some((count) => count > 0);
}

/** A clause left out of a sentence. */
const none: Message | string = '';

/** The list shown before forget-me is confirmed, one line per kind of data, only for what exists. */
export function forgetPlan(inventory: Inventory): Message[] {
  const lines: Message[] = [];
  if (inventory.requests > 0) {
    const open: Message | string =
      inventory.openRequests > 0 ? { key: 'privacy.plan.stillOpen', params: { count: inventory.openRequests } } : none;
    const helpers: Message | string =
      inventory.helpersOnRequests > 0
        ? { key: 'privacy.plan.withHelpers', params: { count: inventory.helpersOnRequests } }
        : none;
    lines.push({ key: 'privacy.plan.requests', params: { count: inventory.requests, open, helpers } });
  }
  if (inventory.participations > 0) {
    const shares: Message | string =
      inventory.shares > 0 ? { key: 'privacy.plan.withShares', params: { count: inventory.shares } } : none;
    lines.push({ key: 'privacy.plan.participations', params: { count: inventory.participations, shares } });
  }
  if (inventory.trackedLinks > 0) {
    lines.push({ key: 'privacy.plan.trackedLinks', params: { count: inventory.trackedLinks } });
  }
  if (inventory.settings) lines.push({ key: 'privacy.plan.settings' });
  if (inventory.profile) lines.push({ key: 'privacy.plan.profile' });
  if (inventory.digestDeliveries > 0) {
    lines.push({ key: 'privacy.plan.digests', params: { count: inventory.digestDeliveries } });
  }
  if (inventory.installations > 0) lines.push({ key: 'privacy.plan.installer' });
  return lines;
}

/** The private note after forget-me: what went, counted. */
export function removalSummary(removed: Removed): Message[] {
  const lines: Message[] = [];
  if (removed.requests > 0) {
    const helpers: Message | string =
      removed.helpersOnRequests > 0
        ? { key: 'privacy.removed.withHelpers', params: { count: removed.helpersOnRequests } }
        : none;
    lines.push({ key: 'privacy.removed.requests', params: { count: removed.requests, helpers } });
  }
  if (removed.participations > 0) {
    lines.push({ key: 'privacy.removed.participations', params: { count: removed.participations } });
  }
  if (removed.trackedLinks > 0) {
    lines.push({ key: 'privacy.removed.trackedLinks', params: { count: removed.trackedLinks } });
  }
  if (removed.settings > 0) lines.push({ key: 'privacy.removed.settings' });
  if (removed.profile > 0) lines.push({ key: 'privacy.removed.profile' });
  if (removed.digestDeliveries > 0) {
    lines.push({ key: 'privacy.removed.digests', params: { count: removed.digestDeliveries } });
  }
  if (removed.closedByCleared > 0) {
    lines.push({ key: 'privacy.removed.closedBy', params: { count: removed.closedByCleared } });
  }
  if (removed.installer > 0) lines.push({ key: 'privacy.removed.installer' });
  return lines;
}

// ---- export -----------------------------------------------------------------------------------------------------

/** Rows as the privacy repository reads them; times in epoch milliseconds. */
export interface PersonalData {
  teamId: string;
  userId: string;
  requests: ReadonlyArray<{
    id: number;
    url: string;
    title: string | null;
    ask: string;
    suggestedText: string | null;
    networks: readonly string[];
    channelId: string;
    status: string;
    createdAt: number;
    deadlineAt: number;
    closedAt: number | null;
    /** Figures only: who helped is their data, not the requester's. */
    optedIn: number;
    shared: number;
  }>;
  participations: ReadonlyArray<{
    request: { id: number; title: string | null; url: string };
    optedInAt: number;
    sharedAt: number | null;
    shareUrl: string | null;
    network: string | null;
    remindMe: boolean;
    remindedAt: number | null;
    showName: boolean;
    thankedAt: number | null;
  }>;
  trackedLinks: ReadonlyArray<{
    token: string;
    requestId: number;
    createdAt: number;
    clicks: ReadonlyArray<{ day: string; count: number }>;
  }>;
  settings: {
    digest: boolean | null;
    showName: boolean;
    reminders: boolean;
    createdAt: number;
    updatedAt: number;
  } | null;
  profile: { tz: string | null; tzOffsetSeconds: number | null; isAdmin: boolean; fetchedAt: number } | null;
  digestDeliveries: ReadonlyArray<{ isoWeek: string; claimedAt: number; sentAt: number | null }>;
  /** Requests of others that this person closed (as an admin). */
  closedForOthers: ReadonlyArray<{ requestId: number; closedAt: number | null }>;
  /** Installations of Boost this person made: the workspace, or the organisation for an org-wide install. */
  installations: ReadonlyArray<{ teamId: string; enterpriseId: string; orgWide: boolean; installedAt: number }>;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The person's own data as a plain object: everything Boost holds about them and nothing about anyone else. Their
 * requests carry figures, never who helped; their participations name the request (id, title, link, as the channel
 * showed them), never its requester.
 */
export function buildExport(data: PersonalData, now: number) {
  return {
    format: 'boost-export/1',
    exportedAt: iso(now),
    workspace: data.teamId,
    user: data.userId,
    requests: data.requests.map((request) => ({
      id: request.id,
      url: request.url,
      title: request.title,
      ask: request.ask,
      suggestedText: request.suggestedText,
      networks: [...request.networks],
      channel: request.channelId,
      status: request.status,
      createdAt: iso(request.createdAt),
      deadline: iso(request.deadlineAt),
      closedAt: iso(request.closedAt),
      figures: { optedIn: request.optedIn, shared: request.shared },
    })),
    participations: data.participations.map((participation) => ({
      request: { ...participation.request },
      optedInAt: iso(participation.optedInAt),
      sharedAt: iso(participation.sharedAt),
      shareUrl: participation.shareUrl,
      network: participation.network,
      remindMe: participation.remindMe,
      remindedAt: iso(participation.remindedAt),
      showName: participation.showName,
      thankedAt: iso(participation.thankedAt),
    })),
    trackedLinks: data.trackedLinks.map((link) => ({
      path: `/r/${link.token}`,
      requestId: link.requestId,
      createdAt: iso(link.createdAt),
      clicksPerDay: link.clicks.map((click) => ({ day: click.day, count: click.count })),
    })),
    settings: data.settings && {
      digest: data.settings.digest,
      showName: data.settings.showName,
      reminders: data.settings.reminders,
      createdAt: iso(data.settings.createdAt),
      updatedAt: iso(data.settings.updatedAt),
    },
    cachedProfile: data.profile && {
      timeZone: data.profile.tz,
      timeZoneOffsetSeconds: data.profile.tzOffsetSeconds,
      slackAdmin: data.profile.isAdmin,
      fetchedAt: iso(data.profile.fetchedAt),
    },
    digestsSent: data.digestDeliveries.map((delivery) => ({
      week: delivery.isoWeek,
      claimedAt: iso(delivery.claimedAt),
      sentAt: iso(delivery.sentAt),
    })),
    requestsYouClosedForOthers: data.closedForOthers.map((closed) => ({
      requestId: closed.requestId,
      closedAt: iso(closed.closedAt),
    })),
    boostInstalledByYou: data.installations.map((installation) =>
      installation.orgWide
        ? { organisation: installation.enterpriseId, installedAt: iso(installation.installedAt) }
        : { workspace: installation.teamId, installedAt: iso(installation.installedAt) },
    ),
  };
}

export type Export = ReturnType<typeof buildExport>;

/**
 * JSON that is inert in Slack mrkdwn and cannot leave a code block: `<`, `>`, `&`, the backtick and the `@` of broadcast
 * words become `\uXXXX` escapes, which JSON.parse turns back into exactly what was stored. (escapeMrkdwn would
 * change the text: entities and an invisible joiner would end up in the person's data.)
 */
export function inertJson(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .replace(/[<>&`]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/@(channel|here|everyone)\b/gi, '\\u0040$1');
}

/**
 * Cuts text into pieces of at most `max` UTF-16 units whose concatenation is the text. Cuts after a line break when
 * one is near, and never between the two halves of an emoji or other astral character.
 */
export function splitText(text: string, max: number): string[] {
  if (max < 2) throw new RangeError('max must be at least 2');
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max - 1) + 1;
    if (cut < max / 2) {
      cut = max;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    }
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}

// ---- retention --------------------------------------------------------------------------------------------------

export interface RetentionCutoffs {
  /** Closed and expired requests closed before this go, with everything attached to them. */
  closedBefore: number;
  /** Workspaces uninstalled before this lose everything Boost held for them. */
  uninstalledBefore: number;
  /** Cached Slack profiles not refreshed since this go (the cache refreshes daily for anyone active). */
  profilesBefore: number;
  /** Digest delivery records older than this go; at least four weeks are kept so no digest is ever sent twice. */
  deliveriesBefore: number;
  /** Delivery keys of Slack retries: a day is plenty. */
  receiptsBefore: number;
  /** Where removed requests' messages are: a week is enough to rewrite them. */
  removedMessagesBefore: number;
}

export function retentionCutoffs(now: number, retentionDays: number): RetentionCutoffs {
  const retention = now - retentionDays * DAY_MS;
  return {
    closedBefore: retention,
    uninstalledBefore: retention,
    profilesBefore: retention,
    deliveriesBefore: now - Math.max(retentionDays, 28) * DAY_MS,
    receiptsBefore: now - DAY_MS,
    removedMessagesBefore: now - 7 * DAY_MS,
  };
}
