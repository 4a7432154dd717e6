import { escapeMrkdwn } from '../../domain/escape.ts';
import { explainOpenLimit } from '../../domain/policy.ts';
import type { Refusal } from '../../services/requests.ts';
import { note } from './note.ts';
import type { SlackMessage } from './request-message.ts';

// Why something a person asked for was not done, for that person only.

const REFUSALS: Record<Refusal, string> = {
  not_found: 'That request no longer exists.',
  not_open: 'That request is closed, so it no longer takes help. Thank you for wanting to!',
  not_allowed: 'Only the person who asked (or a Boost admin) can do that.',
  too_many_open: '', // worded with the limit, see refusalNote
  duplicate: 'Already done.',
  too_late_to_remind: 'Less than a day is left before the deadline, so there is nothing left to remind you of.',
};

export function refusalNote(refusal: Refusal, maxOpen: number): SlackMessage {
  if (refusal === 'too_many_open') return note(explainOpenLimit(maxOpen));
  return note(REFUSALS[refusal]);
}

/**
 * Why a form did not open, for the person who asked for it (a command answers through its response_url, which works
 * even when Slack refuses the bot's token). `kind` is how slack-errors.ts classifies Slack's answer.
 */
export function formNotOpenedNote(kind: 'transient' | 'auth' | 'gone' | 'refused', code: string): SlackMessage {
  if (kind === 'auth') {
    return note(
      `I couldn't open the form: Slack refused Boost's access (\`${escapeMrkdwn(code)}\`). Nothing was saved. Please tell whoever runs Boost in your workspace.`,
    );
  }
  if (kind === 'transient') {
    return note(
      `Slack had a problem opening the form (\`${escapeMrkdwn(code)}\`). Please run the command again in a moment.`,
    );
  }
  return note('Slack did not let me open the form in time. Please run the command again.');
}
