import type { Config } from '../config.ts';
import type { Repositories } from '../db/repositories/index.ts';
import type { PersonalSettings } from '../domain/settings.ts';
import type { BoostRequest, Participation } from '../domain/types.ts';
import { exportPerson, type Forgetting, forgetPerson, inventoryOf } from './forget-and-export.ts';
import {
  type HomeLimits,
  homeReadModel,
  type MineLimits,
  mineReadModel,
  openRequestsOf,
  publicStateOf,
  type Viewer,
} from './overview.ts';
import { loadReport, type ReportRequest, reportChoices } from './report-read-model.ts';
import { type Actor, requestService } from './requests.ts';
import { saveSettings, settingsOf } from './settings.ts';
import { helperKit } from './share-kit.ts';
import { claimThanks, type ThanksBatch, type ThanksSending, takeUnfinishedThanks, thankHelpers } from './thanks.ts';
import { workspaceStats } from './workspace-stats.ts';
import {
  type ProfileChange,
  recordContact,
  stopWorkFor,
  updateCachedProfile,
  type WorkspaceContact,
} from './workspaces.ts';

export type ServicesConfig = Pick<
  Config,
  'BOOST_ADMINS' | 'MAX_OPEN_REQUESTS_PER_USER' | 'MASTODON_INSTANCE' | 'PUBLIC_BASE_URL'
>;

/**
 * Every use case, bound to one set of repositories and the settings they need: what listeners and the rest of the
 * Slack glue call. Each runs in one transaction and returns an outcome; Slack is called by the caller, after it commits.
 */
export function createServices(repos: Repositories, config: ServicesConfig) {
  return {
    requests: requestService(repos, {
      admins: new Set(config.BOOST_ADMINS),
      maxOpenPerUser: config.MAX_OPEN_REQUESTS_PER_USER,
    }),
    overview: {
      home: (viewer: Viewer, limits: HomeLimits, disclosure: string) =>
        homeReadModel(repos, config, viewer, limits, disclosure),
      mine: (viewer: Viewer, limits: MineLimits) => mineReadModel(repos, viewer, limits),
      openRequests: (teamId: string, limit: number) => openRequestsOf(repos, teamId, limit),
      publicState: (requestId: number, names: number) => publicStateOf(repos, requestId, names),
    },
    shareKit: {
      forHelper: (request: BoostRequest, participation: Participation, now: number, disclosure: string) =>
        helperKit(repos, config, request, participation, now, disclosure),
    },
    reports: {
      load: (request: ReportRequest) => loadReport(repos, config, request),
      choices: (teamId: string, requesterId: string, limit: number) => reportChoices(repos, teamId, requesterId, limit),
    },
    thanks: {
      claim: (requestId: number, actor: Actor) => claimThanks(repos, requestId, actor),
      send: (batch: ThanksBatch, now: number, deliver: (sending: ThanksSending) => Promise<unknown>) =>
        thankHelpers(repos, batch, now, deliver),
      takeUnfinished: (now: number) => takeUnfinishedThanks(repos, now),
    },
    settings: {
      of: (teamId: string, userId: string) => settingsOf(repos, teamId, userId),
      save: (actor: Actor, changes: Partial<PersonalSettings>) => saveSettings(repos, actor, changes),
    },
    privacy: {
      forget: (who: Forgetting) => forgetPerson(repos, who),
      exportOf: (teamId: string, userId: string, now: number) => exportPerson(repos, teamId, userId, now),
      inventory: (teamId: string, userId: string) => inventoryOf(repos, teamId, userId),
    },
    stats: {
      weekly: (teamId: string, now: number) => workspaceStats(repos, teamId, now),
    },
    workspaces: {
      contact: (contact: WorkspaceContact, now: number) => recordContact(repos, contact, now),
      stopWorkFor: (teamId: string, now: number) => stopWorkFor(repos, teamId, now),
      updateCachedProfile: (teamId: string, userId: string, change: ProfileChange, now: number) =>
        updateCachedProfile(repos, teamId, userId, change, now),
    },
  };
}

export type Services = ReturnType<typeof createServices>;
