import { openDatabase } from '../../src/db/connection.ts';

// Generates a large workspace into a fresh database with the real schema (migrations applied by openDatabase): people,
// requests over the last eight weeks, participations skewed towards popular requests, settings and cached profiles.
// Each table is filled with one prepared statement inside one transaction. A seeded generator makes runs comparable.

export interface Sizes {
  users: number;
  requests: number;
  participations: number;
}

export const DEFAULT_SIZES: Sizes = { users: 50_000, requests: 5_000, participations: 200_000 };

export const TEAM = 'TBENCH0001';
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Mulberry32: small, fast, good enough to spread synthetic data; the same seed gives the same workspace. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ZONES: ReadonlyArray<[string, number]> = [
  ['Europe/Paris', 3600],
  ['Europe/London', 0],
  ['America/New_York', -18000],
  ['America/Los_Angeles', -28800],
  ['America/Sao_Paulo', -10800],
  ['Asia/Kolkata', 19800],
  ['Asia/Tokyo', 32400],
  ['Australia/Sydney', 39600],
  ['Pacific/Auckland', 46800],
  ['Africa/Nairobi', 10800],
];

export const userIdOf = (n: number) => `U${n.toString(36).toUpperCase().padStart(7, '0')}`;

export interface Generated {
  sizes: Sizes;
  /** The instant the data was generated around; the digest run uses it as `now`. */
  now: number;
  ms: number;
  counts: Record<string, number>;
}

export function generateWorkspace(path: string, now: number, sizes: Sizes = DEFAULT_SIZES, seed = 42): Generated {
  const started = performance.now();
  const rand = random(seed);
  const pick = (n: number) => Math.floor(rand() * n);
  const database = openDatabase(path);
  const { sqlite } = database;
  const counts: Record<string, number> = {};

  sqlite.transaction(() => {
    sqlite
      .prepare('insert into workspaces (team_id, name, installed_at) values (?, ?, ?)')
      .run(TEAM, 'Bench Workspace', now - 365 * DAY);
    counts.workspaces = 1;

    // Requests over the last eight weeks; most ended at their deadline, some were closed early, recent ones are open.
    // A fifth of the people have ever asked for a boost, a few of them often.
    const insertRequest = sqlite.prepare(
      `insert into requests (id, team_id, requester_id, url, title, ask, suggested_text, networks, channel_id,
         message_ts, status, created_at, deadline_at, closed_at, closed_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const requests: Array<{ createdAt: number; endsAt: number }> = [];
    const requesters = Math.max(1, Math.floor(sizes.users / 5));
    for (let id = 1; id <= sizes.requests; id++) {
      const createdAt = now - Math.floor(rand() * 56 * DAY);
      const deadlineAt = createdAt + (3 + pick(12)) * DAY;
      const closedEarly = rand() < 0.2;
      const closeAt = closedEarly ? createdAt + Math.floor(rand() * (deadlineAt - createdAt)) : deadlineAt;
      const status = closeAt <= now ? (closedEarly ? 'closed' : 'expired') : 'open';
      const closedAt = status === 'open' ? null : closeAt;
      const requester = userIdOf(Math.floor(requesters * rand() ** 2));
      insertRequest.run(
        id,
        TEAM,
        requester,
        `https://example.com/posts/${id}`,
        rand() < 0.5 ? `Launch post number ${id}` : null,
        'We just published this, a share would help a lot. Thank you!',
        rand() < 0.3 ? 'Proud of what the team shipped this week.' : null,
        JSON.stringify(rand() < 0.5 ? ['linkedin', 'x'] : ['linkedin', 'bluesky', 'mastodon']),
        `C${(1 + pick(40)).toString().padStart(8, '0')}`,
        `${Math.floor(createdAt / 1000)}.${String(id).padStart(6, '0')}`,
        status,
        createdAt,
        deadlineAt,
        closedAt,
        status === 'closed' ? requester : null,
      );
      requests.push({ createdAt, endsAt: Math.min(closedAt ?? now, now) });
    }
    counts.requests = sizes.requests;

    // Participations: popular requests draw many more people (a power law over requests), anyone may help.
    const insertParticipation = sqlite.prepare(
      `insert into participations (request_id, user_id, opted_in_at, shared_at, share_url, network, remind_me,
         reminded_at, show_name, thanked_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const seen = new Set<number>();
    let made = 0;
    while (made < sizes.participations) {
      const requestIndex = Math.floor(sizes.requests * rand() ** 2.2);
      const user = pick(sizes.users);
      const pair = requestIndex * sizes.users + user;
      if (seen.has(pair)) continue;
      seen.add(pair);
      const request = requests[requestIndex] as { createdAt: number; endsAt: number };
      const optedInAt = request.createdAt + Math.floor(rand() * Math.max(HOUR, request.endsAt - request.createdAt));
      const shared = rand() < 0.45;
      const sharedAt = shared ? Math.min(now, optedInAt + Math.floor(rand() * 2 * DAY)) : null;
      const thankedAt =
        sharedAt !== null && rand() < 0.5 ? Math.min(now, sharedAt + Math.floor(rand() * 3 * DAY)) : null;
      const remindMe = !shared && rand() < 0.2;
      insertParticipation.run(
        requestIndex + 1,
        userIdOf(user),
        optedInAt,
        sharedAt,
        shared && rand() < 0.3 ? `https://www.linkedin.com/posts/${made}` : null,
        shared ? (rand() < 0.7 ? 'linkedin' : 'x') : null,
        remindMe ? 1 : 0,
        remindMe && rand() < 0.5 ? optedInAt + DAY : null,
        rand() < 0.2 ? 1 : 0,
        thankedAt,
      );
      made++;
    }
    counts.participations = made;

    // Settings for a tenth of the people (subscribed, stopped, or only a changed preference), cached profiles for most.
    const insertSettings = sqlite.prepare(
      `insert into user_settings (team_id, user_id, digest, show_name, reminders, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertProfile = sqlite.prepare(
      `insert into user_profiles (team_id, user_id, tz, tz_offset_seconds, is_admin, fetched_at) values (?, ?, ?, ?, ?, ?)`,
    );
    counts.user_settings = 0;
    counts.user_profiles = 0;
    for (let n = 0; n < sizes.users; n++) {
      const roll = rand();
      if (roll < 0.1) {
        const digest = roll < 0.03 ? 1 : roll < 0.05 ? 0 : null;
        const changedAt = now - Math.floor(rand() * 90 * DAY);
        insertSettings.run(TEAM, userIdOf(n), digest, rand() < 0.3 ? 1 : 0, rand() < 0.9 ? 1 : 0, changedAt, changedAt);
        counts.user_settings++;
      }
      if (rand() < 0.8) {
        const [tz, offset] = ZONES[pick(ZONES.length)] as [string, number];
        insertProfile.run(TEAM, userIdOf(n), tz, offset, rand() < 0.01 ? 1 : 0, now - Math.floor(rand() * 20 * HOUR));
        counts.user_profiles++;
      }
    }
  })();
  sqlite.pragma('optimize');
  database.close();
  return { sizes, now, ms: performance.now() - started, counts };
}
