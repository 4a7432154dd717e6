import { escapeMrkdwn, truncate } from '../../domain/escape.ts';
import type { BoostRequest } from '../../domain/types.ts';
import { type Language, t } from '../../i18n/index.ts';
import { requestTitle } from './request-message.ts';

// One-off notes at the top of the App Home, answering a click made there (the Home has no response_url).

const title = (language: Language, request: BoostRequest) =>
  `*${escapeMrkdwn(truncate(requestTitle(language, request), 150))}*`;

export const optedInNotice = (language: Language, request: BoostRequest): string =>
  t(language, 'notice.optedIn', { title: title(language, request) });

export const sharedNotice = (language: Language, request: BoostRequest): string =>
  t(language, 'notice.shared', { title: title(language, request) });

export const withdrawnNotice = (language: Language, request: BoostRequest): string =>
  t(language, 'notice.withdrawn', { title: title(language, request) });

export const settingsSavedNotice = (language: Language): string => t(language, 'notice.settingsSaved');
