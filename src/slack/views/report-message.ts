import type { ModalView } from '@slack/types';
import { escapeMrkdwn, truncate } from '../../domain/escape.ts';
import { NETWORK_LABELS } from '../../domain/networks.ts';
import type { ReportHelper, RequestReport } from '../../domain/request-report.ts';
import type { BoostRequest } from '../../domain/types.ts';
import { formatNumber, type Language, t } from '../../i18n/index.ts';
import type { ReportViewer } from '../../services/report-read-model.ts';
import { ACTIONS, COMMAND } from '../ids.ts';
import { type Blocks, button, context, header, link, plain, section, slackDate } from './blocks.ts';
import { fitList, listSection, MessageBudget } from './budget.ts';
import { clicksText as clicksFigure } from './figures.ts';
import { requestTitle, type SlackMessage } from './request-message.ts';

/** A helper's link to their own post is shown when short enough to keep the list readable. */
const MAX_SHOWN_POST_LINK = 300;
const BAR_WIDTH = 12;

function statusText(language: Language, request: RequestReport['request']): string {
  if (request.status === 'open') return t(language, 'report.open', { date: slackDate(language, request.deadlineAt) });
  if (request.status === 'expired') {
    return t(language, 'report.ended', { date: slackDate(language, request.deadlineAt) });
  }
  return request.closedAt
    ? t(language, 'report.closedOn', { date: slackDate(language, request.closedAt) })
    : t(language, 'report.closed');
}

function helperLine(language: Language, helper: ReportHelper, tracking: boolean): string {
  const parts = [`<@${helper.userId}>`];
  if (helper.sharedAt !== null) {
    const where = helper.network ? NETWORK_LABELS[helper.network] : '';
    const post =
      helper.shareUrl && helper.shareUrl.length <= MAX_SHOWN_POST_LINK
        ? link(helper.shareUrl, where || t(language, 'helpers.post'))
        : where;
    parts.push(
      t(language, 'report.helperShared', {
        where: post ? ` (${post})` : '',
        date: slackDate(language, helper.sharedAt),
      }),
    );
  } else {
    parts.push(t(language, 'report.helperIn', { date: slackDate(language, helper.optedInAt) }));
  }
  if (tracking && helper.clicks > 0) parts.push(clicksFigure(language, helper.clicks));
  if (helper.thanked) parts.push(t(language, 'report.helperThanked'));
  return `• ${parts.join(' · ')}`;
}

function clicksText(language: Language, report: RequestReport): string {
  const { clicks } = report;
  if (!report.tracking && clicks.total === 0) return t(language, 'report.clicks.off');
  if (clicks.total === 0) return t(language, 'report.clicks.none');
  const peak = Math.max(...clicks.byDay.map((d) => d.clicks), 1);
  const lines = clicks.byDay.map(({ day, clicks: n }) => {
    const bar = n > 0 ? '▇'.repeat(Math.max(1, Math.round((n / peak) * BAR_WIDTH))) : '·';
    return `\`${day}\` ${bar} ${formatNumber(language, n)}`;
  });
  if (clicks.earlier > 0) lines.unshift(t(language, 'report.clicks.earlier', { count: clicks.earlier }));
  return `${t(language, 'report.clicks.byDay', { clicks: clicksFigure(language, clicks.total) })}\n${lines.join('\n')}`;
}

/** Room the list of helpers leaves for the helpers still to thank. */
const TO_THANK_ROOM = 1000;

/** The blocks of a report, the same in a private message and in a modal; they fit in one message. */
export function reportBlocks(language: Language, report: RequestReport, viewer: ReportViewer): Blocks {
  const { request } = report;
  const title = escapeMrkdwn(truncate(requestTitle(language, request), 150));
  const figures = [
    t(language, 'report.figures.in', { count: report.optedIn }),
    t(language, 'report.figures.shared', { count: report.shared }),
  ];
  if (report.tracking || report.clicks.total > 0) figures.push(`*${clicksFigure(language, report.clicks.total)}*`);

  const head: Blocks = [
    header(t(language, 'report.header', { title: requestTitle(language, request) })),
    section(
      `${t(language, 'report.summary', {
        title: `*${link(request.url, title)}*`,
        channel: `<#${request.channelId}>`,
        date: slackDate(language, request.createdAt),
        status: statusText(language, request),
      })}\n${figures.join(' · ')}`,
    ),
  ];
  const footer = [context(t(language, 'report.footnote'))];
  const budget = MessageBudget.after(head, footer);
  const blocks: Blocks = [...head];
  if (report.optedIn === 0) {
    blocks.push(...budget.spend([section(t(language, 'report.nobodyYet'))]));
  } else {
    const networks = report.sharesByNetwork
      .map((n) => `${n.network ? n.label : t(language, 'report.networkNotSaid')}: ${formatNumber(language, n.shares)}`)
      .join(' · ');
    blocks.push(
      ...budget.spend([
        section(`${t(language, 'report.sharesByNetwork')}\n${networks || t(language, 'report.noShares')}`),
      ]),
    );
    blocks.push(...budget.spend([section(clicksText(language, report))]));
    const lines = report.helpers.map((helper) => helperLine(language, helper, report.tracking));
    const keep = report.toThank.length > 0 ? TO_THANK_ROOM : 0;
    blocks.push(...listSection(language, budget, `${t(language, 'report.helpers')}\n`, lines, { keep }));
  }
  if (report.toThank.length > 0) {
    const thank = viewer.canThank
      ? button(t(language, 'button.sendThanks'), ACTIONS.sendThanks, String(request.id), { style: 'primary' })
      : undefined;
    const names = report.toThank.map((userId) => `<@${userId}>`);
    blocks.push(
      ...listSection(language, budget, `${t(language, 'report.toThank')} `, names, {
        separator: ', ',
        ...(thank ? { accessory: thank } : {}),
      }),
    );
  } else if (report.shared > 0) {
    blocks.push(...budget.spend([section(t(language, 'helpers.allThanked'))]));
  }
  blocks.push(...footer);
  return blocks;
}

/** `/boost report <id>`: the report as a private message. */
export function reportMessage(language: Language, report: RequestReport, viewer: ReportViewer): SlackMessage {
  return {
    text: t(language, 'report.fallback', {
      title: escapeMrkdwn(truncate(requestTitle(language, report.request), 150)),
      optedIn: formatNumber(language, report.optedIn),
      shared: formatNumber(language, report.shared),
    }),
    blocks: reportBlocks(language, report, viewer),
  };
}

/** The Report button (App Home, `/boost mine`): the same report in a modal. */
export function reportModal(language: Language, report: RequestReport, viewer: ReportViewer): ModalView {
  const blocks = reportBlocks(language, report, viewer);
  return {
    type: 'modal',
    title: plain(t(language, 'report.title'), 24),
    close: plain(t(language, 'modal.done'), 24),
    blocks,
  };
}

/** A modal holding one short note, for a Report button that cannot show a report. */
export function reportNoteModal(language: Language, text: string): ModalView {
  return {
    type: 'modal',
    title: plain(t(language, 'report.title'), 24),
    close: plain(t(language, 'modal.close'), 24),
    blocks: [section(text)],
  };
}

/** `/boost report` without a number: the person's own requests, each with its Report button. */
export function reportPicker(
  language: Language,
  requests: readonly BoostRequest[],
  total = requests.length,
): SlackMessage {
  if (requests.length === 0) {
    const text = t(language, 'report.picker.none', { command: COMMAND });
    return { text, blocks: [section(text)] };
  }
  const head = [section(t(language, 'report.picker.heading'))];
  const footer = [context(t(language, 'report.picker.tip', { command: COMMAND, id: requests[0]?.id ?? 12 }))];
  const budget = MessageBudget.after(head, footer);
  const items = fitList(
    budget,
    requests,
    (request) => [
      section(
        `*${link(request.url, escapeMrkdwn(truncate(requestTitle(language, request), 150)))}* (#${request.id}) · ${statusText(language, request)}`,
        button(t(language, 'button.report'), ACTIONS.report, String(request.id)),
      ),
    ],
    (left) => [context(t(language, 'report.picker.more', { count: left, command: COMMAND }))],
    { total },
  );
  return { text: t(language, 'report.picker.fallback'), blocks: [...head, ...items, ...footer] };
}

/** Why a report cannot be shown: not the requester's, or no such request. */
export const reportRefusal = (language: Language, reason: 'not_allowed' | 'not_found'): string =>
  t(language, reason === 'not_allowed' ? 'report.notAllowed' : 'report.notFound', { command: COMMAND });
