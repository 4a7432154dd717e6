import { and, asc, count as countOf, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Inventory, PersonalData, Removed } from '../../domain/privacy-rules.ts';
import type { Db } from '../connection.ts';
import { affected, tablesOf, takeTurns } from '../dialect.ts';

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
 * of statements meant to run inside one transaction (see services/forget-and-export.ts). Written for both databases
 * (see dialect.ts).
 */
export function privacyRepository(db: Db) {
  const {
    digestDeliveries,
    installations,
    linkClicks,
    participations,
    removedMessages,
    requests,
    trackedLinks,
    userProfiles,
    userSettings,
  } = tablesOf(db);
  const ofTeam = (teamId: string) => db.select({ id: requests.id }).from(requests).where(eq(requests.teamId, teamId));
  const byRequester = (teamId: string, userId: string) =>
    and(eq(requests.teamId, teamId), eq(requests.requesterId, userId));
  const theirParticipations = (teamId: string, userId: string) =>
    and(eq(participations.userId, userId), inArray(participations.requestId, ofTeam(teamId)));
  const theirLinks = (teamId: string, userId: string) =>
    and(eq(trackedLinks.userId, userId), inArray(trackedLinks.requestId, ofTeam(teamId)));
  /** Installations serving this workspace (its own, or an org-wide one) that name the person as who installed Boost. */
  const theirInstallations = (teamId: string, userId: string) =>
    and(
      eq(installations.installerUserId, userId),
      or(eq(installations.teamId, teamId), eq(installations.isEnterpriseInstall, true)),
    );
  const count = countOf();

  async function helpersOnRequestsOf(teamId: string, userId: string) {
    return await db
      .select({ userId: participations.userId, n: count })
      .from(participations)
      .innerJoin(requests, eq(requests.id, participations.requestId))
      .where(and(byRequester(teamId, userId), ne(participations.userId, userId)))
      .groupBy(participations.userId);
  }

  const exists = async (query: PromiseLike<unknown[]>) => (await query).length > 0;
  const takeTurnsOf = (teamId: string, userId: string) => takeTurns(db, `person:${teamId}:${userId}`);

  return {
    /**
     * Whether Boost holds anything about the person that they made (requests, participations, settings): a few
     * indexed lookups, each stopping at its first row, for paths too busy for a full inventory.
     */
    /**
     * Makes transactions about one person take turns until each commits (inside a transaction): forgetting them, and
     * caching what Slack says about them only while Boost holds anything about them, so that neither misses the other.
     */
    takeTurnsOf,

    async holdsAnything(teamId: string, userId: string): Promise<boolean> {
      const one = { one: sql<number>`1` };
      return (
        (await exists(db.select(one).from(requests).where(byRequester(teamId, userId)).limit(1))) ||
        (await exists(
          db
            .select(one)
            .from(participations)
            .innerJoin(requests, eq(requests.id, participations.requestId))
            .where(and(eq(participations.userId, userId), eq(requests.teamId, teamId)))
            .limit(1),
        )) ||
        (await exists(
          db
            .select(one)
            .from(userSettings)
            .where(and(eq(userSettings.teamId, teamId), eq(userSettings.userId, userId)))
            .limit(1),
        ))
      );
    },

    async inventory(teamId: string, userId: string): Promise<Inventory> {
      const [own] = await db
        .select({
          n: count,
          open: sql<number>`coalesce(sum(case when ${requests.status} = 'open' then 1 else 0 end), 0)`.mapWith(Number),
        })
        .from(requests)
        .where(byRequester(teamId, userId));
      const [joined] = await db
        .select({ n: count, shared: countOf(participations.sharedAt) })
        .from(participations)
        .where(theirParticipations(teamId, userId));
      const [links] = await db.select({ n: count }).from(trackedLinks).where(theirLinks(teamId, userId));
      const [hasSettings] = await db
        .select({ n: count })
        .from(userSettings)
        .where(and(eq(userSettings.teamId, teamId), eq(userSettings.userId, userId)));
      const [hasProfile] = await db
        .select({ n: count })
        .from(userProfiles)
        .where(and(eq(userProfiles.teamId, teamId), eq(userProfiles.userId, userId)));
      const [deliveries] = await db
        .select({ n: count })
        .from(digestDeliveries)
        .where(and(eq(digestDeliveries.teamId, teamId), eq(digestDeliveries.userId, userId)));
      const [installed] = await db.select({ n: count }).from(installations).where(theirInstallations(teamId, userId));
      return {
        requests: own?.n ?? 0,
        openRequests: own?.open ?? 0,
        helpersOnRequests: (await helpersOnRequestsOf(teamId, userId)).reduce((total, row) => total + row.n, 0),
        participations: joined?.n ?? 0,
        shares: joined?.shared ?? 0,
        trackedLinks: links?.n ?? 0,
        settings: (hasSettings?.n ?? 0) > 0,
        profile: (hasProfile?.n ?? 0) > 0,
        digestDeliveries: deliveries?.n ?? 0,
        installations: installed?.n ?? 0,
      };
    },

    /** The rows of the person's export; see buildExport for what is included and why. */
    async personalData(teamId: string, userId: string): Promise<PersonalData> {
      const own = await db
        .select()
        .from(requests)
        .where(byRequester(teamId, userId))
        .orderBy(asc(requests.createdAt), asc(requests.id));
      const figures = new Map(
        (
          await db
            .select({
              requestId: participations.requestId,
              optedIn: count,
              shared: countOf(participations.sharedAt),
            })
            .from(participations)
            .innerJoin(requests, eq(requests.id, participations.requestId))
            .where(byRequester(teamId, userId))
            .groupBy(participations.requestId)
        ).map((row) => [row.requestId, row]),
      );
      const joined = await db
        .select({
          participation: participations,
          request: { id: requests.id, title: requests.title, url: requests.url },
        })
        .from(participations)
        .innerJoin(requests, eq(requests.id, participations.requestId))
        .where(and(eq(requests.teamId, teamId), eq(participations.userId, userId)))
        .orderBy(asc(participations.optedInAt), asc(participations.id));
      const links = await db
        .select()
        .from(trackedLinks)
        .where(theirLinks(teamId, userId))
        .orderBy(asc(trackedLinks.createdAt));
      const clicks = links.length
        ? await db
            .select()
            .from(linkClicks)
            .where(
              inArray(
                linkClicks.token,
                links.map((link) => link.token),
              ),
            )
            .orderBy(asc(linkClicks.day))
        : [];
      const [settings] = await db
        .select()
        .from(userSettings)
        .where(and(eq(userSettings.teamId, teamId), eq(userSettings.userId, userId)));
      const [profile] = await db
        .select()
        .from(userProfiles)
        .where(and(eq(userProfiles.teamId, teamId), eq(userProfiles.userId, userId)));
      const deliveries = await db
        .select()
        .from(digestDeliveries)
        .where(and(eq(digestDeliveries.teamId, teamId), eq(digestDeliveries.userId, userId)))
        .orderBy(asc(digestDeliveries.isoWeek));
      const closedForOthers = await db
        .select({ requestId: requests.id, closedAt: requests.closedAt })
        .from(requests)
        .where(and(eq(requests.teamId, teamId), eq(requests.closedBy, userId), ne(requests.requesterId, userId)))
        .orderBy(asc(requests.id));
      const installed = await db
        .select({
          teamId: installations.teamId,
          enterpriseId: installations.enterpriseId,
          orgWide: installations.isEnterpriseInstall,
          installedAt: installations.installedAt,
        })
        .from(installations)
        .where(theirInstallations(teamId, userId))
        .orderBy(asc(installations.installedAt));
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
        installations: installed,
      };
    },

    /**
     * Deletes everything held about the person in the workspace. Their requests are deleted with whatever hangs off
     * them (everyone's participations, tracked links and clicks); where the message was posted, its place is kept in
     * removed_messages, without any content, so the message can be rewritten. Run inside a transaction.
     */
    async forget(teamId: string, userId: string, now: number): Promise<Forgotten> {
      await takeTurnsOf(teamId, userId);
      const own = await db
        .select({ id: requests.id, channelId: requests.channelId, messageTs: requests.messageTs })
        .from(requests)
        .where(byRequester(teamId, userId));
      const helpers = await helpersOnRequestsOf(teamId, userId);
      const changedRequests = await db
        .selectDistinct({ id: requests.id, requesterId: requests.requesterId })
        .from(participations)
        .innerJoin(requests, eq(requests.id, participations.requestId))
        .where(and(eq(requests.teamId, teamId), eq(participations.userId, userId), ne(requests.requesterId, userId)));

      for (const request of own) {
        if (!request.messageTs) continue;
        await db
          .insert(removedMessages)
          .values({
            requestId: request.id,
            teamId,
            channelId: request.channelId,
            messageTs: request.messageTs,
            removedAt: now,
          })
          .onConflictDoNothing();
      }
      // Clicks and links go with their participation (foreign keys cascade); deleting them first counts them.
      const theirTokens = db.select({ token: trackedLinks.token }).from(trackedLinks).where(theirLinks(teamId, userId));
      await db.delete(linkClicks).where(inArray(linkClicks.token, theirTokens));
      const links = affected(await db.delete(trackedLinks).where(theirLinks(teamId, userId)));
      const joined = affected(await db.delete(participations).where(theirParticipations(teamId, userId)));
      const removedRequests = affected(await db.delete(requests).where(byRequester(teamId, userId)));
      const closedByCleared = affected(
        await db
          .update(requests)
          .set({ closedBy: null })
          .where(and(eq(requests.teamId, teamId), eq(requests.closedBy, userId))),
      );
      const settings = affected(
        await db.delete(userSettings).where(and(eq(userSettings.teamId, teamId), eq(userSettings.userId, userId))),
      );
      const profile = affected(
        await db.delete(userProfiles).where(and(eq(userProfiles.teamId, teamId), eq(userProfiles.userId, userId))),
      );
      const deliveries = affected(
        await db
          .delete(digestDeliveries)
          .where(and(eq(digestDeliveries.teamId, teamId), eq(digestDeliveries.userId, userId))),
      );
      // The installation stays (the workspace keeps Boost); only the installer's id goes.
      const installer = affected(
        await db.update(installations).set({ installerUserId: null }).where(theirInstallations(teamId, userId)),
      );

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
    async removedMessage(
      requestId: number,
    ): Promise<{ teamId: string; channelId: string; messageTs: string } | undefined> {
      const [row] = await db
        .select({
          teamId: removedMessages.teamId,
          channelId: removedMessages.channelId,
          messageTs: removedMessages.messageTs,
        })
        .from(removedMessages)
        .where(eq(removedMessages.requestId, requestId));
      return row;
    },
  };
}

export type PrivacyRepository = ReturnType<typeof privacyRepository>;
