import type { Logger } from '@slack/bolt';
import type { Config } from '../config.ts';
import type { Repositories } from '../db/repositories/index.ts';
import type { DueReminder } from '../db/repositories/reminders.ts';
import { isNetwork } from '../domain/networks.ts';
import { REMINDER_LEAD_MS } from '../domain/reminders.ts';
import { composePost, shareLinks } from '../domain/share-links.ts';
import type { DmSender, DmTally } from '../slack/dm-sender.ts';
import { disclosureIn, storedLanguageOf } from '../slack/language.ts';
import { reminderMessage } from '../slack/views/reminder.ts';
import type { SlackMessage } from '../slack/views/request-message.ts';

/** Reminders handled per run; more wait a minute for the next run. */
const BATCH = 1000;

export interface ReminderJobDeps {
  repos: Repositories;
  config: Pick<Config, 'DISCLOSURE_TEXT' | 'MASTODON_INSTANCE' | 'DEFAULT_LOCALE'>;
  sender: DmSender;
  logger: Logger;
}

/**
 * "Remind me before the deadline": one DM about a day before it, to those who asked and only them (rule 5). Each
 * reminder is claimed in the database (reminded_at) right before it is sent, so overlapping runs, two processes or a
 * restart never send it twice. A reminder Slack certainly did not post for a passing reason gives its claim back, and
 * so does one waiting out a rate limit: an instance that dies leaves only the reminders in flight at that moment
 * claimed (they may have reached Slack, so they are not sent again); every other instance's next tick sends the rest.
 */
export class ReminderJob {
  private stopped = false;

  constructor(private readonly deps: ReminderJobDeps) {}

  async runOnce(now: number): Promise<DmTally> {
    const { repos, sender } = this.deps;
    const due = await repos.reminders.due(now, REMINDER_LEAD_MS, BATCH);
    const tally = await sender.deliver<DueReminder>({
      items: due,
      to: (reminder) => ({ teamId: reminder.request.teamId, userId: reminder.userId }),
      claim: (reminder) => repos.reminders.claim(reminder.participationId, now),
      unclaim: (reminder) => repos.reminders.release(reminder.participationId, now),
      message: (reminder) => this.message(reminder),
      settle: async (reminder, outcome) => {
        if (outcome.status === 'failed' && outcome.retryLater) {
          await repos.reminders.release(reminder.participationId, now);
        }
      },
      stopped: () => this.stopped,
    });
    if (tally.sent + tally.unreachable + tally.failed > 0) {
      this.deps.logger.info(`Reminders: ${tally.sent} sent, ${tally.unreachable} unreachable, ${tally.failed} failed.`);
    }
    return tally;
  }

  stop(): void {
    this.stopped = true;
  }

  /** In the helper's language, with the disclosure in it too. */
  private async message({ request, userId }: DueReminder): Promise<SlackMessage> {
    const language = await storedLanguageOf(this.deps, request.teamId, userId);
    const post = composePost(request.suggestedText, disclosureIn(this.deps.config, language));
    const links = shareLinks({
      url: request.url,
      text: post,
      networks: request.networks.filter(isNetwork),
      mastodonInstance: this.deps.config.MASTODON_INSTANCE,
    });
    return reminderMessage(language, { request, links, post });
  }
}
