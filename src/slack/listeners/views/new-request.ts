import { createHash } from 'node:crypto';
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { type DraftErrors, type DraftField, validateRequestDraft } from '../../../domain/validation.ts';
import { type Language, say } from '../../../i18n/index.ts';
import type { BoostContext } from '../../context.ts';
import { REQUEST_FIELDS } from '../../ids.ts';
import { ackLanguageOf } from '../../language.ts';
import { cachedTzOffset } from '../../profiles.ts';
import { postRequest } from '../../request-publisher.ts';
import { refusalText } from '../../views/refusal-notes.ts';
import { teamIdOf } from '../args.ts';
import { optionsOf, selectedOf, textOf } from './state.ts';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

/** The new-request form: field errors keep the modal open with everything typed; a valid request is posted. */
export const submitNewRequest =
  (ctx: BoostContext) =>
  async ({ ack, body, view }: Args) => {
    const values = view.state.values;
    const teamId = teamIdOf(body);
    const userId = body.user.id;
    const now = ctx.clock();
    const checked = validateRequestDraft(
      {
        url: textOf(values, REQUEST_FIELDS.url),
        title: textOf(values, REQUEST_FIELDS.title),
        ask: textOf(values, REQUEST_FIELDS.ask),
        suggestedText: textOf(values, REQUEST_FIELDS.suggestedText),
        networks: optionsOf(values, REQUEST_FIELDS.networks),
        deadline: selectedOf(values, REQUEST_FIELDS.deadline),
        channelId: selectedOf(values, REQUEST_FIELDS.channelId),
      },
      { now, tzOffsetSeconds: await cachedTzOffset(ctx, teamId, userId) },
    );
    if (!checked.ok) {
      // In the form's language: opening the form looked the person's language up.
      const language = await ackLanguageOf(ctx, teamId, userId);
      await ack({ response_action: 'errors', errors: fieldErrors(language, checked.errors) });
      return;
    }
    // The same submission delivered twice has the same view and the same values.
    const deliveryKey = `view:${view.id}:${createHash('sha256').update(JSON.stringify(values)).digest('base64url')}`;
    const created = await ctx.services.requests.create(checked.value, { teamId, userId, now, deliveryKey });
    if (!created.ok) {
      if (created.refusal === 'duplicate') return ack();
      const language = await ackLanguageOf(ctx, teamId, userId);
      const message = refusalText(language, created.refusal, ctx.config.MAX_OPEN_REQUESTS_PER_USER);
      await ack({ response_action: 'errors', errors: { [REQUEST_FIELDS.url]: message } });
      return;
    }
    await ack();
    await postRequest(ctx, created.value);
    ctx.homes.refresh(teamId, userId);
  };

function fieldErrors(language: Language, errors: DraftErrors): Record<string, string> {
  const byBlock: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    if (message) byBlock[REQUEST_FIELDS[field as DraftField]] = say(language, message);
  }
  return byBlock;
}
