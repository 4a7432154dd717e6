import { foreignKey, index, pgTable, primaryKey, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { flag, id, idRef, stringList, text, time, whole, words } from './columns-pg.ts';

// The same tables as schema.ts, for PostgreSQL: test/unit/schema-parity.test.ts checks that both keep the same tables,
// columns, keys and indexes. Change both together, and generate a migration for each (docs/architecture.md).

export const workspaces = pgTable('workspaces', {
  teamId: text('team_id').primaryKey(),
  name: text('name'),
  installedAt: time('installed_at').notNull(),
  uninstalledAt: time('uninstalled_at'),
});

export const requests = pgTable(
  'requests',
  {
    id: id(),
    teamId: text('team_id').notNull(),
    requesterId: text('requester_id').notNull(),
    url: text('url').notNull(),
    title: words('title'),
    ask: words('ask').notNull(),
    suggestedText: words('suggested_text'),
    /** JSON array of network keys, e.g. ["linkedin","x"]. */
    networks: stringList('networks').notNull(),
    channelId: text('channel_id').notNull(),
    /** Set once the request message is in the channel; null while it could not be posted. */
    messageTs: text('message_ts'),
    /**
     * Where posting stands while the message is not in its channel (null once it is): see domain/posting.ts. Kept in
     * the database so a restart, or another instance, carries on with the same attempts and backoff.
     */
    postState: text('post_state', { enum: ['posting', 'retry', 'unconfirmed', 'refused'] }),
    postAttempts: whole('post_attempts').notNull().default(0),
    /** While `posting`: when that attempt's lease ends; while `retry`: when the next attempt is due. */
    postDueAt: time('post_due_at'),
    /** Slack's error code for the last attempt that failed. */
    postError: text('post_error'),
    /** When the requester is (again) to be told why it is not posted, after that message failed; null once told. */
    noticeDueAt: time('notice_due_at'),
    status: text('status', { enum: ['open', 'closed', 'expired'] })
      .notNull()
      .default('open'),
    createdAt: time('created_at').notNull(),
    deadlineAt: time('deadline_at').notNull(),
    closedAt: time('closed_at'),
    closedBy: text('closed_by'),
  },
  (table) => [
    index('requests_team_status').on(table.teamId, table.status),
    index('requests_requester').on(table.teamId, table.requesterId),
    index('requests_deadline').on(table.status, table.deadlineAt),
    // The daily retention job finds requests closed long ago without reading the whole table.
    index('requests_closed').on(table.closedAt),
    // The minute tick finds the few posts and notices that are due without reading every request.
    index('requests_post_due').on(table.postDueAt),
    index('requests_notice_due').on(table.noticeDueAt),
  ],
);

export const participations = pgTable(
  'participations',
  {
    id: id(),
    requestId: idRef('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    optedInAt: time('opted_in_at').notNull(),
    sharedAt: time('shared_at'),
    shareUrl: text('share_url'),
    network: text('network'),
    remindMe: flag('remind_me').notNull().default(false),
    remindedAt: time('reminded_at'),
    showName: flag('show_name').notNull().default(false),
    thankedAt: time('thanked_at'),
  },
  (table) => [
    // A constraint rather than a unique index, as PostgreSQL wants for tracked_links' foreign key to these columns.
    unique('participations_request_user').on(table.requestId, table.userId),
    index('participations_user').on(table.userId),
    // The weekly digest finds recent activity with range scans instead of reading every participation; request and
    // user are in the index so those scans never touch the table.
    index('participations_opted_in').on(table.optedInAt, table.requestId, table.userId),
    index('participations_shared').on(table.sharedAt, table.requestId, table.userId),
    index('participations_thanked').on(table.thankedAt),
  ],
);

export const userSettings = pgTable(
  'user_settings',
  {
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    /** null: never chose (digest only if they took part); true: subscribed; false: stopped. */
    digest: flag('digest'),
    showName: flag('show_name').notNull().default(false),
    reminders: flag('reminders').notNull().default(true),
    /** A language Boost speaks, chosen in the settings; null follows the person's Slack language. */
    language: text('language'),
    createdAt: time('created_at').notNull(),
    updatedAt: time('updated_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.teamId, table.userId] })],
);

/** What Slack told us about a person (time zone, admin flags), cached to spare users.info calls. */
export const userProfiles = pgTable(
  'user_profiles',
  {
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    tz: text('tz'),
    tzOffsetSeconds: whole('tz_offset_seconds'),
    isAdmin: flag('is_admin').notNull().default(false),
    /** The person's Slack locale (`it-IT`), from users.info with include_locale. */
    locale: text('locale'),
    fetchedAt: time('fetched_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.teamId, table.userId] })],
);

export const digestDeliveries = pgTable(
  'digest_deliveries',
  {
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    /** ISO week such as 2026-W48. */
    isoWeek: text('iso_week').notNull(),
    /** Claimed before sending so that overlapping runs never send twice; sentAt is set once Slack accepted it. */
    claimedAt: time('claimed_at').notNull(),
    sentAt: time('sent_at'),
  },
  (table) => [primaryKey({ columns: [table.teamId, table.userId, table.isoWeek] })],
);

export const trackedLinks = pgTable(
  'tracked_links',
  {
    token: text('token').primaryKey(),
    requestId: idRef('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    createdAt: time('created_at').notNull(),
  },
  (table) => [
    uniqueIndex('tracked_links_request_user').on(table.requestId, table.userId),
    index('tracked_links_user').on(table.userId),
    // A personal link lives as long as its participation: withdrawing or being forgotten deletes it and its counts.
    foreignKey({
      name: 'tracked_links_participation',
      columns: [table.requestId, table.userId],
      foreignColumns: [participations.requestId, participations.userId],
    }).onDelete('cascade'),
  ],
);

/** Click counts per link per day. Nothing about the person who clicked is stored. */
export const linkClicks = pgTable(
  'link_clicks',
  {
    token: text('token')
      .notNull()
      .references(() => trackedLinks.token, { onDelete: 'cascade' }),
    /** UTC day, YYYY-MM-DD. */
    day: text('day').notNull(),
    count: whole('count').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.token, table.day] })],
);

/** Keys of interactions and events already handled, so that a delivery Slack repeats is applied once. */
export const receipts = pgTable(
  'receipts',
  {
    key: text('key').primaryKey(),
    receivedAt: time('received_at').notNull(),
  },
  (table) => [index('receipts_received').on(table.receivedAt)],
);

/**
 * Where the channel message of a deleted request is (forget-me, a deactivated account), so it can be rewritten to say
 * the request was removed. Neither the person nor anything they wrote is kept here; the daily job purges old rows.
 */
export const removedMessages = pgTable(
  'removed_messages',
  {
    requestId: idRef('request_id').primaryKey(),
    teamId: text('team_id').notNull(),
    channelId: text('channel_id').notNull(),
    messageTs: text('message_ts').notNull(),
    removedAt: time('removed_at').notNull(),
  },
  (table) => [index('removed_messages_removed').on(table.removedAt)],
);

/**
 * The bot's identity as auth.test last gave it for a bot token, so that a restart while Slack cannot be reached serves
 * at once. Keyed by a SHA-256 of the token: the identity belongs to that token, which itself is never stored.
 */
export const botIdentities = pgTable('bot_identities', {
  tokenHash: text('token_hash').primaryKey(),
  teamId: text('team_id').notNull(),
  botId: text('bot_id').notNull(),
  botUserId: text('bot_user_id').notNull(),
  checkedAt: time('checked_at').notNull(),
});

/**
 * Boost's installations in distribution mode, one per workspace, or one per Enterprise Grid organisation for an
 * org-wide install (team id ''). Bot and refresh tokens are sealed with AES-256-GCM (db/token-cipher.ts), never stored
 * in clear. Uninstalling deletes the row; the workspace's data follows DATA_RETENTION_DAYS like any other.
 */
export const installations = pgTable(
  'installations',
  {
    id: id(),
    /** '' outside Enterprise Grid. */
    enterpriseId: text('enterprise_id').notNull(),
    /** '' for an org-wide install. */
    teamId: text('team_id').notNull(),
    isEnterpriseInstall: flag('is_enterprise_install').notNull(),
    name: text('name'),
    appId: text('app_id'),
    botToken: text('bot_token').notNull(),
    botId: text('bot_id').notNull(),
    botUserId: text('bot_user_id').notNull(),
    /** Comma-separated, as Slack lists them. */
    botScopes: text('bot_scopes').notNull(),
    /** Who installed; cleared when they ask Boost to forget them. */
    installerUserId: text('installer_user_id'),
    /** Only with token rotation on; sealed like the bot token. */
    botRefreshToken: text('bot_refresh_token'),
    botTokenExpiresAt: time('bot_token_expires_at'),
    installedAt: time('installed_at').notNull(),
    updatedAt: time('updated_at').notNull(),
  },
  (table) => [uniqueIndex('installations_workspace').on(table.enterpriseId, table.teamId)],
);

/** Workspaces served by an org-wide install, learnt from their deliveries, so background work finds the org's token. */
export const orgWorkspaces = pgTable('org_workspaces', {
  teamId: text('team_id').primaryKey(),
  enterpriseId: text('enterprise_id').notNull(),
});

/** The `state` of installs under way: each is used once, before it expires (CSRF protection of the OAuth flow). */
export const oauthStates = pgTable(
  'oauth_states',
  {
    nonce: text('nonce').primaryKey(),
    /** @slack/oauth's InstallURLOptions, as JSON. */
    installOptions: text('install_options').notNull(),
    expiresAt: time('expires_at').notNull(),
  },
  (table) => [index('oauth_states_expiry').on(table.expiresAt)],
);

/**
 * Leases on work that one instance at a time may hold (the Socket Mode connection): whoever holds a lease renews it
 * before it expires; once expired (its holder died), another instance may take it.
 */
export const leases = pgTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: time('expires_at').notNull(),
});

/**
 * Work paced per key across instances (a request's message to update, a person's Home to republish): what is due,
 * when the next run may start, and which instance holds the run. The row is written with the change that makes it due,
 * so a pending update outlives the instance that was to send it: another one claims it once the holder's lease ends.
 */
export const pacedWork = pgTable(
  'paced_work',
  {
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    /** When a run was asked for that has not started yet (null: nothing due). */
    dueAt: time('due_at'),
    /** No run starts before this (the pace of the key). */
    notBefore: time('not_before').notNull().default(0),
    /** Failed runs in a row. */
    failures: whole('failures').notNull().default(0),
    /** The instance running it now, until `held_until`; once that has passed, the run counts as not done. */
    holder: text('holder'),
    heldUntil: time('held_until').notNull().default(0),
    /** What the runner keeps between runs (a hash of the Home last published). */
    memo: text('memo'),
  },
  (table) => [primaryKey({ columns: [table.kind, table.key] }), index('paced_work_due').on(table.kind, table.dueAt)],
);

/**
 * Changes that a request's message must show, one row per change, written in the transaction of the change (a click).
 * Rows are only ever inserted there, so clicks arriving together never wait for each other; the instance that claims
 * the message's update (paced_work) deletes the rows it can see, and a change committed after that leaves its row for
 * one more update.
 */
export const pacedMarks = pgTable(
  'paced_marks',
  {
    id: id(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    at: time('at').notNull(),
  },
  (table) => [index('paced_marks_key').on(table.kind, table.key, table.at)],
);

/** Slack's Retry-After, per workspace and method (`T123:chat.update`): no instance calls that scope before `until`. */
export const rateLimitPauses = pgTable('rate_limit_pauses', {
  scope: text('scope').primaryKey(),
  until: time('until').notNull(),
});
