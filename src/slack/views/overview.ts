import type { Contribution } from '../../db/repositories/overview.ts';
import { escapeMrkdwn, truncate } from '../../domain/escape.ts';
import { isNetwork, NETWORK_LABELS } from '../../domain/networks.ts';
import { fitNames, type HelperSummary, summarizeHelpers } from '../../domain/people-who-helped.ts';
import { isPosted } from '../../domain/posting.ts';
import { digestChoice, type PersonalSettings } from '../../domain/settings.ts';
import type { BoostRequest, Participation } from '../../domain/types.ts';
import { isLanguage, type Language, t } from '../../i18n/index.ts';
import type { MyRequest } from '../../services/overview.ts';
import { ACTIONS } from '../ids.ts';
import { actions, type Blocks, button, context, link, section, slackDate } from './blocks.ts';
import { clicksText, countsText } from './figures.ts';
import { unpostedButtons, unpostedStatus } from './posting-notes.ts';
import { requestTitle } from './request-message.ts';

// Pieces shared by the App Home and `/boost mine`: one person's requests (with helpers by name, for them alone) and
// their own contributions. User text is escaped here, before it reaches mrkdwn.

/** Characters given to each list of names, so a request with hundreds of helpers stays within a section's 3000. */
const NAMES_BUDGET = 1300;
/** A helper's link to their own post is shown when it is short enough to keep the list readable. */
const MAX_SHOWN_POST_LINK = 300;

export const titleLink = (language: Language, request: BoostRequest): string =>
  `*${link(request.url, escapeMrkdwn(truncate(requestTitle(language, request), 150)))}*`;

export function statusLine(language: Language, request: BoostRequest): string {
  if (request.status === 'open') return t(language, 'status.open', { date: slackDate(language, request.deadlineAt) });
  if (request.status === 'expired') {
    return t(language, 'status.endedAtDeadline', { date: slackDate(language, request.deadlineAt) });
  }
  return request.closedAt
    ? t(language, 'status.closedOn', { date: slackDate(language, request.closedAt) })
    : t(language, 'status.closed');
}

function names(language: Language, participations: readonly Participation[], describe: (p: Participation) => string) {
  const { shown, more } = fitNames(participations.map(describe), NAMES_BUDGET);
  const list = shown.join(', ');
  return more > 0 ? t(language, 'names.andMore', { names: list, count: more }) : list;
}

function sharerName(language: Language, participation: Participation, clicks = 0): string {
  const mention = `<@${participation.userId}>`;
  const where = participation.network && isNetwork(participation.network) ? NETWORK_LABELS[participation.network] : '';
  const post = participation.shareUrl ? link(participation.shareUrl, where || t(language, 'helpers.post')) : where;
  const details = post && post.length <= MAX_SHOWN_POST_LINK ? [post] : [];
  if (clicks > 0) details.push(clicksText(language, clicks));
  return details.length > 0 ? `${mention} (${details.join(', ')})` : mention;
}

/** "Shared: <@A> (LinkedIn), <@B>" and "In: <@C>", and where thanks stand. For the requester's eyes only. */
export function helpersText(
  language: Language,
  summary: HelperSummary,
  clicksByHelper: ReadonlyMap<string, number> = new Map(),
): string | undefined {
  const lines: string[] = [];
  const sharer = (p: Participation) => sharerName(language, p, clicksByHelper.get(p.userId));
  if (summary.shared.length > 0) {
    lines.push(t(language, 'helpers.shared', { names: names(language, summary.shared, sharer) }));
  }
  if (summary.inOnly.length > 0) {
    lines.push(t(language, 'helpers.in', { names: names(language, summary.inOnly, (p) => `<@${p.userId}>`) }));
  }
  const thanked = summary.shared.length - summary.toThank;
  if (summary.shared.length > 0 && summary.toThank === 0) lines.push(t(language, 'helpers.allThanked'));
  else if (thanked > 0) lines.push(t(language, 'helpers.thankedSoFar', { count: thanked, left: summary.toThank }));
  return lines.length > 0 ? lines.join('\n') : undefined;
}

/** One of the person's own requests: figures, status, helpers by name and, when someone is left to thank, the button. */
export function myRequestBlocks(
  language: Language,
  { request, counts, participants, clicks = 0, clicksByHelper }: MyRequest,
): Blocks {
  const summary = summarizeHelpers([...participants]);
  const thanks =
    summary.toThank > 0 ? button(t(language, 'button.sendThanks'), ACTIONS.sendThanks, String(request.id)) : undefined;
  const figures = `${countsText(language, counts)}${clicks > 0 ? ` · ${clicksText(language, clicks)}` : ''}`;
  const blocks: Blocks = [
    section(
      `${t(language, 'overview.inChannel', { title: titleLink(language, request), channel: `<#${request.channelId}>` })}\n${statusLine(language, request)} · ${figures}`,
      thanks,
    ),
  ];
  if (request.status === 'open' && !isPosted(request)) {
    blocks.push(section(unpostedStatus(language, request)), unpostedButtons(language, request));
    return blocks;
  }
  const helpers = helpersText(language, summary, clicksByHelper);
  if (helpers) blocks.push(section(helpers));
  blocks.push(
    actions(`my_request_${request.id}`, [button(t(language, 'button.report'), ACTIONS.report, String(request.id))]),
  );
  return blocks;
}

/** What the person did for one request, as only they see it. */
export function contributionText(
  language: Language,
  {
    request,
    participation,
    clicks = 0,
  }: Contribution & {
    /** Clicks on the person's own personal link for this request. */
    clicks?: number;
  },
): string {
  const shownPost =
    participation.shareUrl && participation.shareUrl.length <= MAX_SHOWN_POST_LINK
      ? ` (${link(participation.shareUrl, t(language, 'contribution.yourPost'))})`
      : '';
  const state = participation.sharedAt
    ? t(language, 'contribution.shared', { date: slackDate(language, participation.sharedAt), post: shownPost })
    : t(language, 'contribution.in', { date: slackDate(language, participation.optedInAt) });
  const thanked = participation.thankedAt
    ? ` · ${t(language, 'contribution.thanked', { requester: `<@${request.requesterId}>` })}`
    : '';
  const brought =
    clicks > 0 ? ` · ${t(language, 'contribution.clicks', { clicks: clicksText(language, clicks) })}` : '';
  return `${titleLink(language, request)}\n${state}${brought}${thanked} · ${statusLine(language, request)}`;
}

export function settingsText(language: Language, settings: PersonalSettings): string {
  const chosen = isLanguage(settings.language) ? settings.language : null;
  const digest = digestChoice(settings.digest);
  return [
    t(language, 'settings.summary.digest', { value: t(language, `settings.summary.digest.${digest}`) }),
    t(language, 'settings.summary.showName', {
      value: t(language, settings.showName ? 'settings.summary.showName.on' : 'settings.summary.showName.off'),
    }),
    t(language, 'settings.summary.reminders', {
      value: t(language, settings.reminders ? 'settings.summary.on' : 'settings.summary.off'),
    }),
    t(language, 'settings.summary.language', {
      value: chosen ? t(chosen, 'language.name') : t(language, 'settings.language.slack'),
    }),
  ].join('\n');
}

export const moreLine = (language: Language, more: number): Blocks =>
  more > 0 ? [context(t(language, 'list.andMoreDot', { count: more }))] : [];
