import { formatCounts } from '../../domain/counts.ts';
import { escapeMrkdwn, truncate } from '../../domain/escape.ts';
import { isNetwork, NETWORK_LABELS } from '../../domain/networks.ts';
import { formatClicks } from '../../domain/tracked-links.ts';
import type { BoostRequest, Counts } from '../../domain/types.ts';
import { ACTIONS } from '../ids.ts';
import { actions, type Blocks, button, context, header, link, section, slackDate } from './blocks.ts';

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

export function requestTitle(request: Pick<BoostRequest, 'title' | 'url'>): string {
  if (request.title) return request.title;
  try {
    const { hostname, pathname } = new URL(request.url);
    return truncate(`${hostname.replace(/^www\./, '')}${pathname === '/' ? '' : pathname}`, 80);
  } catch {
    return 'A boost request';
  }
}

export function networkList(networks: readonly string[]): string {
  return networks
    .filter(isNetwork)
    .map((network) => NETWORK_LABELS[network])
    .join(', ');
}

/** The request as the whole channel sees it: counts only, names only of helpers who chose it. */
export function requestMessage({ request, counts, publicHelpers, clicks = 0 }: RequestMessageData): SlackMessage {
  const open = request.status === 'open';
  const title = requestTitle(request);
  const lines = [
    `<@${request.requesterId}> asks for a boost:`,
    `>${escapeMrkdwn(truncate(request.ask, 1500)).replace(/\n/g, '\n>')}`,
    `:link: ${link(request.url, escapeMrkdwn(truncate(request.url, 200)))}`,
  ];
  const details = [`*Where:* ${networkList(request.networks) || 'anywhere'}`];
  details.push(open ? `*Until:* ${slackDate(request.deadlineAt)}` : `*${statusLabel(request)}*`);

  const figures = [`*${formatCounts(counts)}${clicks > 0 ? ` · ${formatClicks(clicks)}` : ''}*`];
  const named = publicHelpers.slice(0, MAX_PUBLIC_NAMES).map((user) => `<@${user}>`);
  if (named.length > 0)
    figures.push(`with ${named.join(', ')}${publicHelpers.length > named.length ? ' and others' : ''}`);

  const blocks: Blocks = [
    header(`:rocket: ${title}`),
    section(lines.join('\n')),
    context(...details),
    section(figures.join(' ')),
  ];
  if (open) {
    blocks.push(
      actions(`request_${request.id}`, [
        button("I'm in", ACTIONS.optIn, String(request.id), { style: 'primary' }),
        button('I shared it', ACTIONS.markShared, String(request.id)),
        button('Close', ACTIONS.close, String(request.id), {
          confirm: {
            title: 'Close this request?',
            text: 'The message keeps its final figures and loses its buttons.',
            confirm: 'Close it',
            deny: 'Keep it open',
          },
        }),
      ]),
    );
    blocks.push(context('Helping is optional. Only the person who asked sees who helped, to thank them.'));
  }
  return {
    text: `${open ? 'Boost request' : 'Closed boost request'} from <@${request.requesterId}>: ${escapeMrkdwn(truncate(title, 200))} (${formatCounts(counts)})`,
    blocks,
  };
}

function statusLabel(request: BoostRequest): string {
  if (request.status === 'expired') return `Ended at its deadline, ${slackDate(request.deadlineAt)}`;
  return `Closed${request.closedAt ? ` ${slackDate(request.closedAt)}` : ''}`;
}
