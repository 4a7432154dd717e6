import type { ModalView } from '@slack/types';
import { escapeMrkdwn, truncate } from '../../domain/escape.ts';
import { NETWORK_LABELS } from '../../domain/networks.ts';
import type { ReportHelper, RequestReport } from '../../domain/request-report.ts';
import { formatClicks } from '../../domain/tracked-links.ts';
import type { BoostRequest } from '../../domain/types.ts';
import type { ReportViewer } from '../../services/report-read-model.ts';
import { ACTIONS, COMMAND } from '../ids.ts';
import { type Blocks, button, context, header, link, plain, section, slackDate } from './blocks.ts';
import { fitList, listSection, MessageBudget } from './budget.ts';
import { requestTitle, type SlackMessage } from './request-message.ts';

/** A helper's link to their own post is shown when short enough to keep the list readable. */
const MAX_SHOWN_POST_LINK = 300;
const BAR_WIDTH = 12;

const FOOTNOTE =
  'Only you can see this report. Helpers are listed in the order they joined. Clicks are counted per personal link ' +
  'and per day; nothing about who clicked is stored, and link previews are not counted.';

function statusText(request: RequestReport['request']): string {
  if (request.status === 'open') return `open until ${slackDate(request.deadlineAt)}`;
  if (request.status === 'expired') return `ended at its deadline, ${slackDate(request.deadlineAt)}`;
  return `closed${request.closedAt ? ` ${slackDate(request.closedAt)}` : ''}`;
}

function helperLine(helper: ReportHelper, tracking: boolean): string {
  const parts = [`<@${helper.userId}>`];
  if (helper.sharedAt !== null) {
    const where = helper.network ? NETWORK_LABELS[helper.network] : '';
    const post =
      helper.shareUrl && helper.shareUrl.length <= MAX_SHOWN_POST_LINK ? link(helper.shareUrl, where || 'post') : where;
    parts.push(`shared${post ? ` (${post})` : ''} ${slackDate(helper.sharedAt)}`);
  } else {
    parts.push(`in since ${slackDate(helper.optedInAt)}`);
  }
  if (tracking && helper.clicks > 0) parts.push(formatClicks(helper.clicks));
  if (helper.thanked) parts.push(':sparkles: thanked');
  return `• ${parts.join(' · ')}`;
}

function clicksText(report: RequestReport): string {
  const { clicks } = report;
  if (!report.tracking && clicks.total === 0) {
    return '*Clicks*\nPersonal links are off in this workspace, so clicks are not counted (an admin can set `PUBLIC_BASE_URL`).';
  }
  if (clicks.total === 0) return '*Clicks*\nNo clicks on personal links yet.';
  const peak = Math.max(...clicks.byDay.map((d) => d.clicks), 1);
  const lines = clicks.byDay.map(({ day, clicks: n }) => {
    const bar = n > 0 ? '▇'.repeat(Math.max(1, Math.round((n / peak) * BAR_WIDTH))) : '·';
    return `\`${day}\` ${bar} ${n}`;
  });
  if (clicks.earlier > 0) lines.unshift(`Earlier: ${clicks.earlier}`);
  return `*Clicks by day* (UTC), ${formatClicks(clicks.total)} in all\n${lines.join('\n')}`;
}

/** Room the list of helpers leaves for the helpers still to thank. */
const TO_THANK_ROOM = 1000;

/** The blocks of a report, the same in a private message and in a modal; they fit in one message. */
export function reportBlocks(report: RequestReport, viewer: ReportViewer): Blocks {
  const { request } = report;
  const title = escapeMrkdwn(truncate(requestTitle(request), 150));
  const figures = [`*${report.optedIn}* in`, `*${report.shared}* shared`];
  if (report.tracking || report.clicks.total > 0) figures.push(`*${formatClicks(report.clicks.total)}*`);

  const head: Blocks = [
    header(`Report: ${requestTitle(request)}`),
    section(
      `*${link(request.url, title)}* in <#${request.channelId}>, asked ${slackDate(request.createdAt)}, ${statusText(request)}\n${figures.join(' · ')}`,
    ),
  ];
  const footer = [context(FOOTNOTE)];
  const budget = MessageBudget.after(head, footer);
  const blocks: Blocks = [...head];
  if (report.optedIn === 0) {
    blocks.push(...budget.spend([section('No one has joined yet. Reports fill in as colleagues opt in and share.')]));
  } else {
    const networks = report.sharesByNetwork.map((n) => `${n.label}: ${n.shares}`).join(' · ');
    blocks.push(...budget.spend([section(`*Shares by network*\n${networks || 'No shares marked yet.'}`)]));
    blocks.push(...budget.spend([section(clicksText(report))]));
    const lines = report.helpers.map((helper) => helperLine(helper, report.tracking));
    const keep = report.toThank.length > 0 ? TO_THANK_ROOM : 0;
    blocks.push(...listSection(budget, '*Helpers*\n', lines, { keep }));
  }
  if (report.toThank.length > 0) {
    const thank = viewer.canThank
      ? button('Send thanks', ACTIONS.sendThanks, String(request.id), { style: 'primary' })
      : undefined;
    const names = report.toThank.map((userId) => `<@${userId}>`);
    blocks.push(
      ...listSection(budget, '*To thank:* ', names, { separator: ', ', ...(thank ? { accessory: thank } : {}) }),
    );
  } else if (report.shared > 0) {
    blocks.push(...budget.spend([section(':sparkles: Everyone who shared has been thanked.')]));
  }
  blocks.push(...footer);
  return blocks;
}

/** `/boost report <id>`: the report as a private message. */
export function reportMessage(report: RequestReport, viewer: ReportViewer): SlackMessage {
  return {
    text: `Report: ${escapeMrkdwn(truncate(requestTitle(report.request), 150))} (${report.optedIn} in, ${report.shared} shared)`,
    blocks: reportBlocks(report, viewer),
  };
}

/** The Report button (App Home, `/boost mine`): the same report in a modal. */
export function reportModal(report: RequestReport, viewer: ReportViewer): ModalView {
  const blocks = reportBlocks(report, viewer);
  return { type: 'modal', title: plain('Boost report', 24), close: plain('Done', 24), blocks };
}

/** A modal holding one short note, for a Report button that cannot show a report. */
export function reportNoteModal(text: string): ModalView {
  return { type: 'modal', title: plain('Boost report', 24), close: plain('Close', 24), blocks: [section(text)] };
}

/** `/boost report` without a number: the person's own requests, each with its Report button. */
export function reportPicker(requests: readonly BoostRequest[], total = requests.length): SlackMessage {
  if (requests.length === 0) {
    const text = `You have no requests yet, so there is no report to show. Ask for a boost with \`${COMMAND}\`.`;
    return { text, blocks: [section(text)] };
  }
  const head = [
    section('*Which request?* Reports show opt-ins, shares by network, clicks by day and helpers to thank.'),
  ];
  const footer = [context(`Tip: \`${COMMAND} report ${requests[0]?.id ?? 12}\` shows one report directly.`)];
  const budget = MessageBudget.after(head, footer);
  const items = fitList(
    budget,
    requests,
    (request) => [
      section(
        `*${link(request.url, escapeMrkdwn(truncate(requestTitle(request), 150)))}* (#${request.id}) · ${statusText(request)}`,
        button('Report', ACTIONS.report, String(request.id)),
      ),
    ],
    (left) => [context(`and ${left} more; \`${COMMAND} report &lt;number&gt;\` shows any of them.`)],
    { total },
  );
  return { text: 'Which request would you like a report on?', blocks: [...head, ...items, ...footer] };
}

export const REPORT_NOT_ALLOWED =
  'Only the person who asked for this boost can see its report (and Boost admins). The channel message shows its totals.';
export const REPORT_NOT_FOUND = 'I could not find that request. `/boost report` lists yours.';
