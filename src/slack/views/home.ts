import type { HomeView } from '@slack/types';
import type { Page } from '../../db/repositories/overview.ts';
import { formatCounts } from '../../domain/counts.ts';
import type { ContributionItem, HomeReadModel, MyRequest, OpenRequestItem } from '../../services/overview.ts';
import { ACTIONS, COMMAND } from '../ids.ts';
import { actions, type Blocks, button, context, divider, header, section, slackDate } from './blocks.ts';
import { contributionText, moreLine, myRequestBlocks, settingsText, titleLink } from './overview.ts';

/** How many of each list the Home shows; with them it stays well under Slack's 100 blocks for a Home tab. */
export const HOME_LIMITS = { open: 10, mine: 5, contributions: 10, notices: 3 } as const;
const MAX_VIEW_BLOCKS = 100;

export interface HomeData extends HomeReadModel {
  /** Short notes about what the person just did (already safe mrkdwn), shown once at the top. */
  notices: readonly string[];
}

const WELCOME = [
  "*Welcome to Boost!* It's how colleagues help each other get things seen: a launch, a blog post, a talk, a hard question, a job opening.",
  '• *Ask:* press *New request* (or type `/boost`) with a link and what would help.',
  "• *Help, if you like:* press *I'm in* on a request. You get one-click links that open each network's own composer with a wording you can rewrite. Boost never posts for you.",
  '• *Say thanks:* when people share your request, you see who helped and can thank them in one click.',
  'Helping is always optional: nobody is told who did not take part, and you can withdraw at any time.',
].join('\n');

const TAGLINE = 'Ask colleagues for a boost, help with theirs if you like, and thank those who helped you.';

/** The App Home tab: open requests, the person's own requests and contributions, and their settings. */
export function homeView(data: HomeData): HomeView {
  const newcomer = data.mine.total === 0 && data.contributions.total === 0;
  const blocks: Blocks = [header(':rocket: Boost')];
  for (const notice of data.notices.slice(-HOME_LIMITS.notices)) blocks.push(section(notice));
  blocks.push(
    section(newcomer ? WELCOME : TAGLINE),
    actions('home_start', [
      button('New request', ACTIONS.newRequest, 'new', { style: 'primary' }),
      button('Settings', ACTIONS.openSettings, 'settings'),
    ]),
    divider(),
    ...openRequestBlocks(data.open),
  );
  if (data.mine.total > 0) blocks.push(divider(), ...myRequestsBlocks(data.mine));
  if (data.contributions.total > 0) blocks.push(divider(), ...contributionBlocks(data.contributions));
  blocks.push(
    divider(),
    header('Your settings'),
    section(settingsText(data.settings), button('Change settings', ACTIONS.openSettings, 'settings')),
  );
  return { type: 'home', blocks: blocks.slice(0, MAX_VIEW_BLOCKS) };
}

function openRequestBlocks(open: Page<OpenRequestItem>): Blocks {
  const blocks: Blocks = [header('Open requests')];
  if (open.items.length === 0) {
    blocks.push(context(`No open requests right now. Start one with *New request* or \`${COMMAND}\`.`));
    return blocks;
  }
  for (const { request, counts, joined, own } of open.items.slice(0, HOME_LIMITS.open)) {
    const where = `${titleLink(request)} in <#${request.channelId}>`;
    const figures = `${formatCounts(counts)} · until ${slackDate(request.deadlineAt)}`;
    const mark = own ? ' · _your request_' : joined ? " · :white_check_mark: you're in" : '';
    const join =
      own || joined ? undefined : button("I'm in", ACTIONS.homeOptIn, String(request.id), { style: 'primary' });
    blocks.push(section(`${where}\n${figures}${mark}`, join));
  }
  blocks.push(...moreLine(open.total - Math.min(open.items.length, HOME_LIMITS.open)));
  return blocks;
}

function myRequestsBlocks(mine: Page<MyRequest>): Blocks {
  const blocks: Blocks = [header('Your requests')];
  for (const item of mine.items.slice(0, HOME_LIMITS.mine)) blocks.push(...myRequestBlocks(item));
  blocks.push(context('Only you see who helped with your requests.'));
  blocks.push(...moreLine(mine.total - Math.min(mine.items.length, HOME_LIMITS.mine)));
  return blocks;
}

function contributionBlocks(contributions: Page<ContributionItem>): Blocks {
  const blocks: Blocks = [header('Your contributions')];
  for (const item of contributions.items.slice(0, HOME_LIMITS.contributions)) {
    const id = String(item.request.id);
    blocks.push(section(contributionText(item)));
    if (!item.open) continue;
    const shared = item.participation.sharedAt !== null;
    const share = shared
      ? []
      : item.links.map((l) => button(`Share on ${l.label}`, `${ACTIONS.shareLink}_${l.network}`, id, { url: l.url }));
    blocks.push(
      actions(`home_contribution_${id}`, [
        ...share,
        shared
          ? button('Add the link to my post', ACTIONS.homeMarkShared, id)
          : button('I shared it', ACTIONS.homeMarkShared, id, { style: 'primary' }),
        button('Withdraw', ACTIONS.homeWithdraw, id),
      ]),
    );
  }
  blocks.push(
    context(
      "Share buttons open each network's own composer with a suggested wording to make your own. Only you see this list.",
    ),
  );
  blocks.push(...moreLine(contributions.total - Math.min(contributions.items.length, HOME_LIMITS.contributions)));
  return blocks;
}
