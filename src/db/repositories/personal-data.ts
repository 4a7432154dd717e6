import { and, asc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Inventory, PersonalData, Removed } from '../../domain/privacy-rules.ts';
import type { Db } from '../connection.ts';
import {
  digestDeliveries,
  installations,
  linkClicks,
  participations,
  removedMessages,
  requests,
  trackedLinks,
  userProfiles,
  userSettings,
} from '../schema.ts';

/** What forgetting a person changed, for the Slack side to follow up once the transaction has committed. */
export interface Forgotten {
  removed: Removed;
  /** Their requests, deleted: the messages of those that were posted now say "removed". */
  removedRequestIds: number[];
  /** Other people's requests they had joined: the counts on those messages went down. */
  changedRequests: Array<{ id: number; requesterId: string }>;
  /** Colleagues whose participations in the removed requests went with them (their Home changes). */
  otherHelpers: string[];
}

/**
 * Everything Boost holds about one person in one workspace: counting it, exporting it, deleting it. Deletion is a set
 * of synchronous statements meant to run inside one transaction (see services/forget-and-export.ts).
 */
export function privacyRepository(db: Db) {
  const ofTeam = (teamId: string) => db.select({ id: requests.id }).from(requests).where(eq(requests.teamId, teamId));
  const byRequester = (teamId: string, userId: string) =>
    and(eq(requests.teamId, teamId), eq(requests.requesterId, userId));
  const theirParticipations = (teamId: string, userId: string) =>
    and(eq(participations.userId, userId), inArray(participations.requestId, ofTeam(teamId)));
  const theirLinks = (teamId: string, userId: string) =>
    and(eq(trackedLinks.userId, userId), inArray(trackedLinks.requestId, ofTeam(teamId)));
  const count = sql<number>`count(*)`;

  function helpersOnRequestsOf(teamId: string, userId: string) {
    return db
      .select({ userId: participations.userId, n: count })
      .from(participations)
      .innerJoin(requests, eq(requests.id, participations.requestId))
      .where(and(byRequester(teamId, userId), ne(participations.userId, userId)))
      .groupBy(participations.userId)
      .all();
  }

  const exists = (query: { get(): unknown }) => query.get() !== undefined;

  return {
    /**
     * Whether Boost holds anything about the person that they made (requests, participations, settings): a few
     * indexed lookups, each stopping at its first row, for paths too busy for a full inventory.
     */
    holdsAnything(teamId: string, userId: string): boolean {
      const one = { one: sql<number>`1` };
      return (
        exists(db.select(one).from(requests).where(byRequester(teamId, userId)).limit(1)) ||
        exists(
          db
            .select(one)
            .from(participations)
            .innerJoin(requests, eq(requests.id, participations.requestId))
            .where(and(eq(participations.userId, userId), eq(requests.teamId, teamId)))
            .limit(1),
        ) ||
        exists(
          db
            .select(one)
            .from(userSettings)
            .where(and(eq(userSettings.teamId, teamId), eq(userSettings.userId, userId)))
            .limit(1),
        )
      );
    },

    inventory(teamId: string, userId: string): Inventory {
      const own = db
        .select({ n: count, open: sql<number>`coalesce(sum(${requests.status} = 'open'), 0)` })
        .from(requests)
        .where(byRequester(teamId, userId))
        .get();
      const joined = db
        .select({ n: count, shared: sql<number>`count(${participations.sharedAt})` })
        .from(participations)
        .where(theirParticipations(teamId, userId))
        .get();
      const links = db.select({ n: count }).from(trackedLinks).where(theirLinks(teamId, userId)).get();
      const hasSettings = db
        .select({ n: count })
        .from(userSettings)
        .where(and(eq(userSettings.teamId, teamId), eq(userSettings.userId, userId)))
        .get();
      const hasProfile = db
        .select({ n: count })
        .from(userProfiles)
        .where(and(eq(userProfiles.teamId, teamId), eq(userProfiles.userId, userId)))
        .get();
      const deliveries = db
        .select({ n: count })
        .from(digestDeliveries)
        .where(and(eq(digestDeliveries.teamId, teamId), eq(digestDeliveries.userId, userId)))
        .get();
      return {
        requests: own?.n ?? 0,
        openRequests: own?.open ?? 0,
        helpersOnRequests: helpersOnRequestsOf(teamId, userId).reduce((total, row) => total + row.n, 0),
        participations: joined?.n ?? 0,
        shares: joined?.shared ?? 0,
        trackedLinks: links?.n ?? 0,
        settings: (hasSettings?.n ?? 0) > 0,
        profile: (hasProfile?.n ?? 0) > 0,
        digestDeliveries: deliveries?.n ?? 0,
      };
    },

    /** The rows of the person's export; see buildExport for what is included and why. */
    personalData(teamId: string, userId: string): PersonalData {
      const own = db
        .select()
        .from(requests)
        .where(byRequester(teamId, userId))
        .orderBy(asc(requests.createdAt), asc(requests.id))
        .all();
      const figures = new Map(
        db
          .select({
            requestId: participations.requestId,
            optedIn: count,
            shared: sql<number>`count(${participations.sharedAt})`,
          })
          .from(participations)
          .innerJoin(requests, eq(requests.id, participations.requestId))
          .where(byRequester(teamId, userId))
          .groupBy(participations.requestId)
          .all()
          .map((row) => [row.requestId, row]),
      );
      const joined = db
        .select({
          participation: participations,
          request: { id: requests.id, title: requests.title, url: requests.url },
        })
        .from(participations)
        .innerJoin(requests, eq(requests.id, participations.requestId))
        .where(and(eq(requests.teamId, teamId), eq(participations.userId, userId)))
        .orderBy(asc(participations.optedInAt), asc(participations.id))
        .all();
      const links = db
        .select()
        .from(trackedLinks)
        .where(theirLinks(teamId, userId))
        .orderBy(asc(trackedLinks.createdAt))
        .all();
      const clicks = links.length
        ? db
            .select()
            .from(linkClicks)
            .where(
              inArray(
                linkClicks.token,
                links.map((link) => link.token),
              ),
            )
            .orderBy(asc(linkClicks.day))
            .all()
        : [];
      const settings = db
        .select()
        .from(userSettings)
        .where(and(eq(userSettings.teamId, teamId), eq(userSettings.userId, userId)))
        .get();
      const profile = db
        .select()
        .from(userProfiles)
        .where(and(eq(userProfiles.teamId, teamId), eq(userProfiles.userId, userId)))
        .get();
      const deliveries = db
        .select()
        .from(digestDeliveries)
        .where(and(eq(digestDeliveries.teamId, teamId), eq(digestDeliveries.userId, userId)))
        .orderBy(asc(digestDeliveries.isoWeek))
        .all();
      const closedForOthers = db
        .select({ requestId: requests.id, closedAt: requests.closedAt })
        .from(requests)
        .where(and(eq(requests.teamId, teamId), eq(requests.closedBy, userId), ne(requests.requesterId, userId)))
        .orderBy(asc(requests.id))
        .all();
      return {
        teamId,
        userId,
        requests: own.map((request) => ({
          ...request,
          optedIn: figures.get(request.id)?.optedIn ?? 0,
          shared: figures.get(request.id)?.shared ?? 0,
        })),
        participations: joined.map(({ participation, request }) => ({ ...participation, request })),
        trackedLinks: links.map((link) => ({
          token: link.token,
          requestId: link.requestId,
          createdAt: link.createdAt,
          clicks: clicks.filter((click) => click.token === link.token),
        })),
        settings: settings ?? null,
        profile: profile ?? null,
        digestDeliveries: deliveries,
        closedForOthers,
      };
    },

    /**
     * Deletes everything held about the person in the workspace. Their requests are deleted with whatever hangs off
     * them (everyone's participations, tracked links and clicks); where the message was posted, its place is kept in
     * removed_messages, without any content, so the message can be rewritten. Run inside a transaction.
     */
    forget(teamId: string, userId: string, now: number): Forgotten {
      const own = db
        .select({ id: requests.id, channelId: requests.channelId, messageTs: requests.messageTs })
        .from(requests)
        .where(byRequester(teamId, userId))
        .all();
      const helpers = helpersOnRequestsOf(teamId, userId);
      const changedRequests = db
        .selectDistinct({ id: requests.id, requesterId: requests.requesterId })
        .from(participations)
        .innerJoin(requests, eq(requests.id, participations.requestId))
        .where(and(eq(requests.teamId, teamId), eq(participations.userId, userId), ne(requests.requesterId, userId)))
        .all();

      for (const request of own) {
        if (!request.messageTs) continue;
        db.insert(removedMessages)
          .values({
            requestId: request.id,
            teamId,
            channelId: request.channelId,
            messageTs: request.messageTs,
            removedAt: now,
          })
          .onConflictDoNothing()
          .run();
      }
      // Clicks and links go with their participation (foreign keys cascade); deleting them first counts them.
      const theirTokens = db.select({ token: trackedLinks.token }).from(trackedLinks).where(theirLinks(teamId, userId));
      db.delete(linkClicks).where(inArray(linkClicks.token, theirTokens)).run();
      const links = db.delete(trackedLinks).where(theirLinks(teamId, userId)).run().changes;
      const joined = db.delete(participations).where(theirParticipations(teamId, userId)).run().changes;
      const removedRequests = db.delete(requests).where(byRequester(teamId, userId)).run().changes;
      const closedByCleared = db
        .update(requests)
        .set({ closedBy: null })
        .where(and(eq(requests.teamId, teamId), eq(requests.closedBy, userId)))
        .run().changes;
      const settings = db
        .delete(userSettings)
        .where(and(eq(userSettings.teamId, teamId), eq(userSettings.userId, userId)))
        .run().changes;
      const profile = db
        .delete(userProfiles)
        .where(and(eq(userProfiles.teamId, teamId), eq(userProfiles.userId, userId)))
        .run().changes;
      const deliveries = db
        .delete(digestDeliveries)
        .where(and(eq(digestDeliveries.teamId, teamId), eq(digestDeliveries.userId, userId)))
        .run().changes;
      // The installation stays (the workspace keeps Boost); only the installer's id goes.
      const installer = db
        .update(installations)
        .set({ installerUserId: null })
        .where(
          and(
            eq(installations.installerUserId, userId),
            or(eq(installations.teamId, teamId), eq(installations.isEnterpriseInstall, true)),
          ),
        )
        .run().changes;

      return {
        removed: {
          requests: removedRequests,
          helpersOnRequests: helpers.reduce((total, row) => total + row.n, 0),
          participations: joined,
          trackedLinks: links,
          settings,
          profile,
          digestDeliveries: deliveries,
          closedByCleared,
          installer,
        },
        removedRequestIds: own.filter((request) => request.messageTs).map((request) => request.id),
        changedRequests,
        otherHelpers: helpers.map((row) => row.userId),
      };
    },

    /** Where the message of a removed request is, while it is kept (a week). */
    removedMessage(requestId: number): { teamId: string; channelId: string; messageTs: string } | undefined {
      return db
        .select({
          teamId: removedMessages.teamId,
          channelId: removedMessages.channelId,
          messageTs: removedMessages.messageTs,
        })
        .from(removedMessages)
        .where(eq(removedMessages.requestId, requestId))
        .get();
    },
  };
}

export type PrivacyRepository = ReturnType<typeof privacyRepository>;
