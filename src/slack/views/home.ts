import type { HomeView } from '@slack/types';
import type { Page } from '../../db/repositories/overview.ts';
import { type Language, t } from '../../i18n/index.ts';
import type { ContributionItem, HomeReadModel, MyRequest, OpenRequestItem } from '../../services/overview.ts';
import { ACTIONS, COMMAND } from '../ids.ts';
import { actions, type Blocks, button, context, divider, header, section, slackDate } from './blocks.ts';
import { countsText } from './figures.ts';
import { contributionText, moreLine, myRequestBlocks, settingsText, titleLink } from './overview.ts';

/** How many of each list the Home shows; with them it stays well under Slack's 100 blocks for a Home tab. */
export const HOME_LIMITS = { open: 10, mine: 5, contributions: 10, notices: 3 } as const;
const MAX_VIEW_BLOCKS = 100;

export interface HomeData extends HomeReadModel {
  /** Short notes about what the person just did (already safe mrkdwn), shown once at the top. */
  notices: readonly string[];
}

/** The App Home tab: open requests, the person's own requests and contributions, and their settings. */
export function homeView(language: Language, data: HomeData): HomeView {
  const newcomer = data.mine.total === 0 && data.contributions.total === 0;
  const blocks: Blocks = [header(t(language, 'home.header'))];
  for (const notice of data.notices.slice(-HOME_LIMITS.notices)) blocks.push(section(notice));
  blocks.push(
    section(t(language, newcomer ? 'home.welcome' : 'home.tagline')),
    actions('home_start', [
      button(t(language, 'home.newRequest'), ACTIONS.newRequest, 'new', { style: 'primary' }),
      button(t(language, 'home.settings'), ACTIONS.openSettings, 'settings'),
    ]),
    divider(),
    ...openRequestBlocks(language, data.open),
  );
  if (data.mine.total > 0) blocks.push(divider(), ...myRequestsBlocks(language, data.mine));
  if (data.contributions.total > 0) blocks.push(divider(), ...contributionBlocks(language, data.contributions));
  blocks.push(
    divider(),
    header(t(language, 'home.yourSettings')),
    section(
      settingsText(language, data.settings),
      button(t(language, 'home.changeSettings'), ACTIONS.openSettings, 'settings'),
    ),
  );
  return { type: 'home', blocks: blocks.slice(0, MAX_VIEW_BLOCKS) };
}

function openRequestBlocks(language: Language, open: Page<OpenRequestItem>): Blocks {
  const blocks: Blocks = [header(t(language, 'home.openRequests'))];
  if (open.items.length === 0) {
    blocks.push(context(t(language, 'home.noOpenRequests', { command: COMMAND })));
    return blocks;
  }
  for (const { request, counts, joined, own } of open.items.slice(0, HOME_LIMITS.open)) {
    const where = t(language, 'overview.inChannel', {
      title: titleLink(language, request),
      channel: `<#${request.channelId}>`,
    });
    const figures = t(language, 'home.figuresUntil', {
      counts: countsText(language, counts),
      date: slackDate(language, request.deadlineAt),
    });
    const mark = own ? ` · ${t(language, 'home.yourRequest')}` : joined ? ` · ${t(language, 'home.youreIn')}` : '';
    const join =
      own || joined
        ? undefined
        : button(t(language, 'button.optIn'), ACTIONS.homeOptIn, String(request.id), { style: 'primary' });
    blocks.push(section(`${where}\n${figures}${mark}`, join));
  }
  blocks.push(...moreLine(language, open.total - Math.min(open.items.length, HOME_LIMITS.open)));
  return blocks;
}

function myRequestsBlocks(language: Language, mine: Page<MyRequest>): Blocks {
  const blocks: Blocks = [header(t(language, 'home.yourRequests'))];
  for (const item of mine.items.slice(0, HOME_LIMITS.mine)) blocks.push(...myRequestBlocks(language, item));
  blocks.push(context(t(language, 'home.onlyYouSeeHelpers')));
  blocks.push(...moreLine(language, mine.total - Math.min(mine.items.length, HOME_LIMITS.mine)));
  return blocks;
}

function contributionBlocks(language: Language, contributions: Page<ContributionItem>): Blocks {
  const blocks: Blocks = [header(t(language, 'home.yourContributions'))];
  for (const item of contributions.items.slice(0, HOME_LIMITS.contributions)) {
    const id = String(item.request.id);
    blocks.push(section(contributionText(language, item)));
    if (!item.open) continue;
    const shared = item.participation.sharedAt !== null;
    const share = shared
      ? []
      : item.links.map((l) =>
          button(t(language, 'button.shareOn', { network: l.label }), `${ACTIONS.shareLink}_${l.network}`, id, {
            url: l.url,
          }),
        );
    blocks.push(
      actions(`home_contribution_${id}`, [
        ...share,
        shared
          ? button(t(language, 'button.addPostLink'), ACTIONS.homeMarkShared, id)
          : button(t(language, 'button.shared'), ACTIONS.homeMarkShared, id, { style: 'primary' }),
        button(t(language, 'button.withdraw'), ACTIONS.homeWithdraw, id),
      ]),
    );
  }
  blocks.push(context(t(language, 'home.shareButtonsNote')));
  blocks.push(
    ...moreLine(language, contributions.total - Math.min(contributions.items.length, HOME_LIMITS.contributions)),
  );
  return blocks;
}
