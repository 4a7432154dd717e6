import type { AckFn, AnyMiddlewareArgs, Middleware, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { isDatabaseUnreachable } from '../../db/reachability.ts';
import { type Language, t } from '../../i18n/index.ts';
import type { BoostContext } from '../context.ts';
import { knownLanguageOf, languageFromSlack, workspaceLanguage } from '../language.ts';
import { slackErrorCode } from '../slack-errors.ts';
import { infoModal } from '../views/info-modal.ts';
import { note } from '../views/note.ts';

// Slack wants every command, click and form answered within 3 seconds; unanswered, Bolt replies 404 after that wait and
// the person sees a vague error. Two cases reach no ack: a delivery no listener knows (a button from an old message,
// a retired form, a payload missing its action) and a listener that fails before it acknowledges. This middleware runs
// around every listener and answers both with a short private note. A listener that failed because the database
// cannot be reached is told apart: the person learns that nothing was counted or saved and to try again in a moment
// (the log says once that the database is down, see src/db/reachability.ts, not once per delivery).
// A button's click records its change before its ack. When the database falls silent (a network lost without a reset),
// that can take longer than Slack waits: past a deadline the click is acknowledged anyway and the person told that it
// may not have been saved yet. The listener goes on; clicking again is safe, since no button does anything twice.

interface Delivery {
  type?: unknown;
  command?: unknown;
  trigger_id?: unknown;
  response_url?: unknown;
  actions?: unknown;
  user?: { id?: unknown; team_id?: unknown };
  team?: { id?: unknown } | null;
  user_id?: unknown;
  team_id?: unknown;
  view?: { blocks?: unknown; state?: { values?: Record<string, unknown> } };
}

/** How long an answer waits for Slack to name the person's language when the database cannot: within Slack's 3 s. */
const OUTAGE_LANGUAGE_WAIT_MS = 500;

function personOf(body: Delivery): { userId?: string; teamId?: string } {
  const userId = body.user?.id ?? body.user_id;
  const teamId = body.team?.id ?? body.user?.team_id ?? body.team_id;
  return {
    userId: typeof userId === 'string' ? userId : undefined,
    teamId: typeof teamId === 'string' ? teamId : undefined,
  };
}

/**
 * The person's language as far as Boost knows it without asking Slack (this answer is the ack), else the workspace's;
 * with the database down, Slack's word for it, briefly waited for.
 */
async function languageOfDelivery(ctx: BoostContext, body: Delivery, databaseDown: boolean): Promise<Language> {
  const { userId, teamId } = personOf(body);
  try {
    if (userId && teamId) {
      if (databaseDown) return await languageFromSlack(ctx, teamId, userId, OUTAGE_LANGUAGE_WAIT_MS);
      return (await knownLanguageOf(ctx, teamId, userId)) ?? workspaceLanguage(ctx.config);
    }
  } catch {
    // The failure being answered may be the database's own: the note goes out all the same.
  }
  return workspaceLanguage(ctx.config);
}

/** Set on Bolt's context of a delivery (shared by every middleware and listener) once a listener acknowledged it. */
const ANSWERED = 'boostAnswered';
/** Set beside it when that ack carried nothing for the person to read. */
const ANSWERED_EMPTY = 'boostAnsweredEmpty';
/** Set when the safety net acknowledged a click its listener had not answered in time: the listener's ack is then moot. */
const ANSWERED_FOR_LISTENER = 'boostAnsweredForListener';

/** A click still waiting on the database this long after it arrived is acknowledged, within Slack's 3 seconds. */
const CLICK_ANSWER_DEADLINE_MS = 2500;

export interface SafetyNetOptions {
  /** See CLICK_ANSWER_DEADLINE_MS. */
  clickAnswerDeadlineMs?: number;
}

/**
 * The listener's args with an ack that notes on the context that it was called, so the safety net knows without
 * calling ack() a second time: Bolt answers that with an exception, whose stack costs more than the rest of an ack.
 */
export function noteAnswers<Args>(args: Args): Args {
  const { ack, context } = args as { ack?: (response?: unknown) => Promise<void>; context?: Record<string, unknown> };
  if (!ack || !context) return args;
  return {
    ...args,
    ack: (response?: unknown) => {
      if (context[ANSWERED_FOR_LISTENER] === true) return Promise.resolve();
      context[ANSWERED] = true;
      context[ANSWERED_EMPTY] = response === undefined;
      return ack(response);
    },
  };
}

/** Acknowledges unless a listener already did; true when this call was the answer. */
async function answerIfUnanswered(ack: AckFn<never>, response: unknown): Promise<boolean> {
  try {
    await (ack as unknown as (body?: unknown) => Promise<void>)(response);
    return true;
  } catch {
    // ReceiverMultipleAckError: a listener answered already, which is the normal case.
    return false;
  }
}

function fallbackAnswer(language: Language, body: Delivery, text: string, databaseDown: boolean): unknown {
  if (typeof body.command === 'string') return { response_type: 'ephemeral', ...note(text) };
  if (body.type === 'view_submission') {
    // On the form's first field, which keeps the form open with everything typed: submitting again is one click.
    const field = databaseDown ? firstInputOf(body) : undefined;
    if (field) return { response_action: 'errors', errors: { [field]: text } };
    // Pushed over the form, so closing the note returns to it with everything typed still there.
    return { response_action: 'push', view: infoModal(language, 'Boost', text) };
  }
  return undefined;
}

/** The form's first field: its first input block that Slack sent a value for. */
function firstInputOf(body: Delivery): string | undefined {
  const values = Object.keys(body.view?.state?.values ?? {});
  const blocks = Array.isArray(body.view?.blocks) ? (body.view.blocks as Array<{ block_id?: unknown }>) : [];
  const first = blocks.find((block) => typeof block?.block_id === 'string' && values.includes(block.block_id));
  return (first?.block_id as string | undefined) ?? values[0];
}

/** The note for a delivery nothing answered: why, in the person's language. */
function fallbackText(language: Language, body: Delivery, failure: unknown, databaseDown: boolean): string {
  if (databaseDown) {
    if (body.type === 'view_submission') return t(language, 'note.databaseUnavailableForm');
    return t(language, body.type === 'block_actions' ? 'note.databaseUnavailableClick' : 'note.databaseUnavailable');
  }
  return failure === undefined
    ? t(language, 'note.notInUse', { command: '/boost' })
    : t(language, 'note.somethingWentWrong');
}

/** Whether the delivery is the press of a button (on a message or the Home), the kind that saves before its ack. */
function isButtonPress(body: Delivery): boolean {
  if (body.type !== 'block_actions' || !Array.isArray(body.actions)) return false;
  return (body.actions as Array<{ type?: unknown }>).some((action) => action?.type === 'button');
}

export function answerEveryInteraction(
  ctx: BoostContext,
  options: SafetyNetOptions = {},
): Middleware<AnyMiddlewareArgs> {
  const deadlineMs = options.clickAnswerDeadlineMs ?? CLICK_ANSWER_DEADLINE_MS;
  return async (args) => {
    const ack = 'ack' in args ? (args.ack as AckFn<never> | undefined) : undefined;
    const respond = 'respond' in args ? (args.respond as RespondFn | undefined) : undefined;
    const body = (args.body ?? {}) as Delivery;
    let late: Promise<Language | undefined> | undefined;
    const deadline =
      ack && isButtonPress(body)
        ? setTimeout(() => {
            late = answerLateClick(ctx, args.context, ack, args.client, body, respond);
          }, deadlineMs)
        : undefined;
    let failure: unknown;
    try {
      await args.next();
    } catch (error) {
      failure = error;
    } finally {
      clearTimeout(deadline);
    }
    const databaseDown = failure !== undefined && isDatabaseUnreachable(failure);
    if (late) {
      const language = await late;
      if (databaseDown && language) {
        // Told that it may not have been saved: now it is known that it was not.
        await tellAfterClick(ctx, args.client, language, body, respond, t(language, 'note.databaseUnavailableClick'));
      } else if (failure !== undefined && !databaseDown) throw failure;
      return;
    }
    // Events are acknowledged by Bolt before any listener runs; they have no ack here.
    if (ack && args.context[ANSWERED] !== true) {
      const language = await languageOfDelivery(ctx, body, databaseDown);
      const text = fallbackText(language, body, failure, databaseDown);
      const answered = await answerIfUnanswered(ack, fallbackAnswer(language, body, text, databaseDown));
      if (answered) {
        if (!databaseDown) {
          ctx.logger.warn(
            failure === undefined
              ? `Answered a ${String(body.type ?? body.command ?? 'delivery')} that no listener handled`
              : 'Answered a delivery whose listener failed before acknowledging it',
          );
        }
        await tellAfterClick(ctx, args.client, language, body, respond, text);
      }
    } else if (ack && databaseDown && args.context[ANSWERED_EMPTY] === true) {
      await tellAfterEmptyAck(ctx, args.client, body, respond);
    }
    // An outage is logged once, where it is found (src/db/reachability.ts), not once per delivery it fails.
    if (failure !== undefined && !databaseDown) throw failure;
  };
}

/**
 * Acknowledges a click its listener has not answered by the deadline (it waits on the database), and tells the person
 * that it may not have been saved yet. The listener's own ack then does nothing; its reply follows if it gets through.
 * Resolves with the language the person was told in, or undefined when the listener had answered after all.
 */
async function answerLateClick(
  ctx: BoostContext,
  context: Record<string, unknown>,
  ack: AckFn<never>,
  client: WebClient,
  body: Delivery,
  respond: RespondFn | undefined,
): Promise<Language | undefined> {
  if (context[ANSWERED] === true) return undefined;
  context[ANSWERED_FOR_LISTENER] = true;
  context[ANSWERED] = true;
  context[ANSWERED_EMPTY] = true;
  if (!(await answerIfUnanswered(ack, undefined))) return undefined;
  // The database is what is slow: the person's language comes from Slack (once: a second note may follow).
  const language = await languageOfDelivery(ctx, body, true);
  await tellAfterClick(ctx, client, language, body, respond, t(language, 'note.databaseSlowClick'));
  return language;
}

/**
 * A command or a shortcut that opens a form is acknowledged first, with nothing (a form must open within 3 seconds of
 * the trigger), so its work fails after the ack when the database is down: the person is told after it that nothing
 * was done.
 * A click is not: the buttons that count something record it before their ack, and a failure after it is no news
 * that it was not counted.
 */
async function tellAfterEmptyAck(
  ctx: BoostContext,
  client: WebClient,
  body: Delivery,
  respond: RespondFn | undefined,
): Promise<void> {
  const command = typeof body.command === 'string';
  if (!command && body.type !== 'shortcut' && body.type !== 'message_action') return;
  const language = await languageOfDelivery(ctx, body, true);
  const text = t(language, 'note.databaseUnavailable');
  if (!command) return tellAfterClick(ctx, client, language, body, respond, text);
  try {
    await respond?.({ response_type: 'ephemeral', ...note(text) });
  } catch (error) {
    ctx.logger.warn(`Could not tell that the database is out of reach: ${slackErrorCode(error)}`);
  }
}

/**
 * A click or a shortcut cannot carry a message in its ack: the note goes to the person through response_url, or in a
 * small modal where there is none (the Home tab, a global shortcut).
 */
async function tellAfterClick(
  ctx: BoostContext,
  client: WebClient,
  language: Language,
  body: Delivery,
  respond: RespondFn | undefined,
  text: string,
): Promise<void> {
  if (body.type !== 'block_actions' && body.type !== 'shortcut' && body.type !== 'message_action') return;
  const actions = Array.isArray(body.actions) ? (body.actions as Array<{ type?: unknown }>) : [];
  // Menus and pickers outside forms report each change; only a pressed button (or no action at all) gets a note.
  if (actions.some((action) => action?.type !== undefined && action.type !== 'button')) return;
  try {
    if (respond) await respond({ response_type: 'ephemeral', replace_original: false, ...note(text) });
    else if (typeof body.trigger_id === 'string') {
      await client.views.open({ trigger_id: body.trigger_id, view: infoModal(language, 'Boost', text) });
    }
  } catch (error) {
    ctx.logger.warn(`Could not send the note about an unhandled click: ${slackErrorCode(error)}`);
  }
}
