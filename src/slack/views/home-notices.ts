import { escapeMrkdwn, truncate } from '../../domain/escape.ts';
import type { BoostRequest } from '../../domain/types.ts';
import { requestTitle } from './request-message.ts';

// One-off notes at the top of the App Home, answering a click made there (the Home has no response_url).

const title = (request: BoostRequest) => `*${escapeMrkdwn(truncate(requestTitle(request), 150))}*`;

export const optedInNotice = (request: BoostRequest): string =>
  `:raised_hands: You're in for ${title(request)}. Your share links are below, under *Your contributions*. Share when and how you like, in your own words.`;

export const sharedNotice = (request: BoostRequest): string =>
  `:white_check_mark: Counted as shared: ${title(request)}. Thank you!`;

export const withdrawnNotice = (request: BoostRequest): string =>
  `You're out of ${title(request)}. No one is told, and nothing about it is kept.`;

export const settingsSavedNotice = ':white_check_mark: Your settings are saved.';
