import type { Contribution } from '../../db/repositories/overview.ts';
import { formatCounts } from '../../domain/counts.ts';
import { escapeMrkdwn, truncate } from '../../domain/escape.ts';
import { isNetwork, NETWORK_LABELS } from '../../domain/networks.ts';
import { fitNames, type HelperSummary, summarizeHelpers } from '../../domain/people-who-helped.ts';
import { isPosted } from '../../domain/posting.ts';
import { digestChoice, type PersonalSettings } from '../../domain/settings.ts';
import { formatClicks } from '../../domain/tracked-links.ts';
import type { BoostRequest, Participation } from '../../domain/types.ts';
import type { MyRequest } from '../../services/overview.ts';
import { ACTIONS } from '../ids.ts';
import { actions, type Blocks, button, context, link, section, slackDate } from './blocks.ts';
import { unpostedButtons, unpostedStatus } from './posting-notes.ts';
import { requestTitle } from './request-message.ts';

// Pieces shared by the App Home and `/boost mine`: one person's requests (with helpers by name, for them alone) and
// their own contributions. User text is escaped here, before it reaches mrkdwn.

/** Characters given to each list of names, so a request with hundreds of helpers stays within a section's 3000. */
const NAMES_BUDGET = 1300;
/** A helper's link to their own post is shown when it is short enough to keep the list readable. */
const MAX_SHOWN_POST_LINK = 300;

export const titleLink = (request: BoostRequest): string =>
  `*${link(request.url, escapeMrkdwn(truncate(requestTitle(request), 150)))}*`;

export function statusLine(request: BoostRequest): string {
  if (request.status === 'open') return `Open until ${slackDate(request.deadlineAt)}`;
  if (request.status === 'expired') return `Ended at its deadline, ${slackDate(request.deadlineAt)}`;
  return `Closed${request.closedAt ? ` ${slackDate(request.closedAt)}` : ''}`;
}

function names(participations: readonly Participation[], describe: (p: Participation) => string): string {
  const { shown, more } = fitNames(participations.map(describe), NAMES_BUDGET);
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

function sharerName(participation: Participation, clicks = 0): string {
  const mention = `<@${participation.userId}>`;
  const where = participation.network && isNetwork(participation.network) ? NETWORK_LABELS[participation.network] : '';
  const post = participation.shareUrl ? link(participation.shareUrl, where || 'post') : where;
  const details = post && post.length <= MAX_SHOWN_POST_LINK ? [post] : [];
  if (clicks > 0) details.push(formatClicks(clicks));
  return details.length > 0 ? `${mention} (${details.join(', ')})` : mention;
}

/** "Shared: <@A> (LinkedIn), <@B>" and "In: <@C>", and where thanks stand. For the requester's eyes only. */
export function helpersText(
  summary: HelperSummary,
  clicksByHelper: ReadonlyMap<string, number> = new Map(),
): string | undefined {
  const lines: string[] = [];
  const sharer = (p: Participation) => sharerName(p, clicksByHelper.get(p.userId));
  if (summary.shared.length > 0) lines.push(`:white_check_mark: *Shared:* ${names(summary.shared, sharer)}`);
  if (summary.inOnly.length > 0) lines.push(`:raised_hands: *In:* ${names(summary.inOnly, (p) => `<@${p.userId}>`)}`);
  const thanked = summary.shared.length - summary.toThank;
  if (summary.shared.length > 0 && summary.toThank === 0)
    lines.push(':sparkles: Everyone who shared has been thanked.');
  else if (thanked > 0) lines.push(`:sparkles: ${thanked} thanked, ${summary.toThank} still to thank.`);
  return lines.length > 0 ? lines.join('\n') : undefined;
}

/** One of the person's own requests: figures, status, helpers by name and, when someone is left to thank, the button. */
export function myRequestBlocks({ request, counts, participants, clicks = 0, clicksByHelper }: MyRequest): Blocks {
  const summary = summarizeHelpers([...participants]);
  const thanks = summary.toThank > 0 ? button('Send thanks', ACTIONS.sendThanks, String(request.id)) : undefined;
  const blocks: Blocks = [
    section(
      `${titleLink(request)} in <#${request.channelId}>\n${statusLine(request)} · ${formatCounts(counts)}${clicks > 0 ? ` · ${formatClicks(clicks)}` : ''}`,
      thanks,
    ),
  ];
  if (request.status === 'open' && !isPosted(request)) {
    blocks.push(section(unpostedStatus(request)), unpostedButtons(request));
    return blocks;
  }
  const helpers = helpersText(summary, clicksByHelper);
  if (helpers) blocks.push(section(helpers));
  blocks.push(actions(`my_request_${request.id}`, [button('Report', ACTIONS.report, String(request.id))]));
  return blocks;
}

/** What the person did for one request, as only they see it. */
export function contributionText({
  request,
  participation,
  clicks = 0,
}: Contribution & {
  /** Clicks on the person's own personal link for this request. */
  clicks?: number;
}): string {
  const state = participation.sharedAt
    ? `:white_check_mark: You shared it ${slackDate(participation.sharedAt)}${
        participation.shareUrl && participation.shareUrl.length <= MAX_SHOWN_POST_LINK
          ? ` (${link(participation.shareUrl, 'your post')})`
          : ''
      }`
    : `:raised_hands: You're in since ${slackDate(participation.optedInAt)}`;
  const thanked = participation.thankedAt ? ` · :sparkles: <@${request.requesterId}> thanked you` : '';
  const brought = clicks > 0 ? ` · :link: ${formatClicks(clicks)} on your link` : '';
  return `${titleLink(request)}\n${state}${brought}${thanked} · ${statusLine(request)}`;
}

const DIGEST_WORDS = {
  auto: 'when there is news about your requests or what you helped with',
  weekly: 'every Monday, with a few open requests',
  off: 'off',
} as const;

export function settingsText(settings: PersonalSettings): string {
  return [
    `*Weekly digest:* ${DIGEST_WORDS[digestChoice(settings.digest)]}`,
    `*Your name on public request messages:* ${settings.showName ? 'shown on the ones you join' : 'hidden (you are counted, not named)'}`,
    `*Reminder offer after you opt in:* ${settings.reminders ? 'on' : 'off'}`,
  ].join('\n');
}

export const moreLine = (more: number): Blocks => (more > 0 ? [context(`and ${more} more.`)] : []);
