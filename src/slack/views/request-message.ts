import { escapeMrkdwn, truncate } from '../../domain/escape.ts';
import { isNetwork, NETWORK_LABELS } from '../../domain/networks.ts';
import type { BoostRequest, Counts } from '../../domain/types.ts';
import { type Language, t } from '../../i18n/index.ts';
import { ACTIONS } from '../ids.ts';
import { actions, type Blocks, button, context, header, link, section, slackDate } from './blocks.ts';
import { clicksText, countsText } from './figures.ts';

export interface RequestMessageData {
  request: BoostRequest;
  counts: Counts;
  /** Only helpers who chose to be named in public (rule 3). */
  publicHelpers: readonly string[];
  /** Clicks on all personal links of the request, a total only; shown when there are some. */
  clicks?: number;
}

export interface SlackMessage {
  text: string;
  blocks: Blocks;
}

export const MAX_PUBLIC_NAMES = 20;

export function requestTitle(language: Language, request: Pick<BoostRequest, 'title' | 'url'>): string {
  if (request.title) return request.title;
  try {
    const { hostname, pathname } = new URL(request.url);
    return truncate(`${hostname.replace(/^www\./, '')}${pathname === '/' ? '' : pathname}`, 80);
  } catch {
    return t(language, 'request.untitled');
  }
}

export function networkList(networks: readonly string[]): string {
  return networks
    .filter(isNetwork)
    .map((network) => NETWORK_LABELS[network])
    .join(', ');
}

/**
 * The request as the whole channel sees it, in the workspace's language: counts only, names only of helpers who
 * chose it.
 */
export function requestMessage(
  language: Language,
  { request, counts, publicHelpers, clicks = 0 }: RequestMessageData,
): SlackMessage {
  const open = request.status === 'open';
  const title = requestTitle(language, request);
  const lines = [
    t(language, 'request.asks', { requester: `<@${request.requesterId}>` }),
    `>${escapeMrkdwn(truncate(request.ask, 1500)).replace(/\n/g, '\n>')}`,
    `:link: ${link(request.url, escapeMrkdwn(truncate(request.url, 200)))}`,
  ];
  const details = [
    t(language, 'request.where', { networks: networkList(request.networks) || t(language, 'request.anywhere') }),
  ];
  details.push(
    open
      ? t(language, 'request.until', { date: slackDate(language, request.deadlineAt) })
      : `*${statusLabel(language, request)}*`,
  );

  const figures = [`*${countsText(language, counts)}${clicks > 0 ? ` · ${clicksText(language, clicks)}` : ''}*`];
  const named = publicHelpers.slice(0, MAX_PUBLIC_NAMES).map((user) => `<@${user}>`);
  if (named.length > 0) {
    const names = named.join(', ');
    figures.push(
      publicHelpers.length > named.length
        ? t(language, 'request.withNamesAndOthers', { names })
        : t(language, 'request.withNames', { names }),
    );
  }

  const blocks: Blocks = [
    header(`:rocket: ${title}`),
    section(lines.join('\n')),
    context(...details),
    section(figures.join(' ')),
  ];
  if (open) {
    blocks.push(
      actions(`request_${request.id}`, [
        button(t(language, 'button.optIn'), ACTIONS.optIn, String(request.id), { style: 'primary' }),
        button(t(language, 'button.shared'), ACTIONS.markShared, String(request.id)),
        button(t(language, 'button.close'), ACTIONS.close, String(request.id), {
          confirm: {
            title: t(language, 'request.closeConfirm.title'),
            text: t(language, 'request.closeConfirm.text'),
            confirm: t(language, 'request.closeConfirm.confirm'),
            deny: t(language, 'request.closeConfirm.deny'),
          },
        }),
      ]),
    );
    blocks.push(context(t(language, 'request.optional')));
  }
  const fallback = {
    requester: `<@${request.requesterId}>`,
    title: escapeMrkdwn(truncate(title, 200)),
    counts: countsText(language, counts),
  };
  return {
    text: t(language, open ? 'request.fallback.open' : 'request.fallback.closed', fallback),
    blocks,
  };
}

function statusLabel(language: Language, request: BoostRequest): string {
  if (request.status === 'expired') {
    return t(language, 'status.endedAtDeadline', { date: slackDate(language, request.deadlineAt) });
  }
  return request.closedAt
    ? t(language, 'status.closedOn', { date: slackDate(language, request.closedAt) })
    : t(language, 'status.closed');
}
