import { escapeMrkdwn } from '../../domain/escape.ts';
import { explainOpenLimit } from '../../domain/policy.ts';
import { type Language, type MessageKey, say, t } from '../../i18n/index.ts';
import type { Refusal } from '../../services/requests.ts';
import { note } from './note.ts';
import type { SlackMessage } from './request-message.ts';

// Why something a person asked for was not done, for that person only.

const REFUSALS: Record<Exclude<Refusal, 'too_many_open'>, MessageKey> = {
  not_found: 'refusal.notFound',
  not_open: 'refusal.notOpen',
  not_allowed: 'refusal.notAllowed',
  duplicate: 'refusal.duplicate',
  too_late_to_remind: 'refusal.tooLateToRemind',
};

export function refusalText(language: Language, refusal: Refusal, maxOpen: number): string {
  if (refusal === 'too_many_open') return say(language, explainOpenLimit(maxOpen));
  return t(language, REFUSALS[refusal]);
}

export function refusalNote(language: Language, refusal: Refusal, maxOpen: number): SlackMessage {
  return note(refusalText(language, refusal, maxOpen));
}

/**
 * Why a form did not open, for the person who asked for it (a command answers through its response_url, which works
 * even when Slack refuses the bot's token). `kind` is how slack-errors.ts classifies Slack's answer.
 */
export function formNotOpenedNote(
  language: Language,
  kind: 'transient' | 'auth' | 'gone' | 'refused',
  code: string,
): SlackMessage {
  if (kind === 'auth') return note(t(language, 'formNotOpened.auth', { code: escapeMrkdwn(code) }));
  if (kind === 'transient') return note(t(language, 'formNotOpened.transient', { code: escapeMrkdwn(code) }));
  return note(t(language, 'formNotOpened.expired'));
}
