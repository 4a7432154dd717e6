import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { BoostContext } from '../../context.ts';
import { firstLinkIn } from '../../open-request-modal.ts';
import { startRequest } from '../../start-request.ts';
import { teamIdOf } from '../args.ts';

type Args = AllMiddlewareArgs & SlackShortcutMiddlewareArgs<MessageShortcut>;

/** "Ask for a boost" on a message: the form, prefilled with the message's first link and its channel. */
export const askFromMessage =
  (ctx: BoostContext) =>
  async ({ ack, shortcut }: Args) => {
    await ack();
    const channelId = shortcut.channel?.id ?? '';
    await startRequest(ctx, {
      teamId: teamIdOf(shortcut),
      userId: shortcut.user.id,
      triggerId: shortcut.trigger_id,
      url: linkOf(shortcut.message),
      // Requests go to channels; from a direct message the person picks one in the form.
      channelId: /^[CG][A-Z0-9]+$/.test(channelId) ? channelId : undefined,
    });
  };

/** The message's first link: in its text as Slack writes it, else in its rich text or an unfurled attachment. */
function linkOf(message: MessageShortcut['message']): string | undefined {
  const inText = firstLinkIn(message.text ?? '');
  if (inText) return inText;
  const inRichText = firstRichTextLink(message.blocks);
  if (inRichText) return inRichText;
  const attachments = (message.attachments ?? []) as { from_url?: string; title_link?: string }[];
  return attachments.map((a) => a.from_url ?? a.title_link).find((url) => url && /^https?:/i.test(url));
}

/** Depth-first through rich_text blocks, sections and elements, to the first `{ type: 'link', url }`. */
function firstRichTextLink(node: unknown): string | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const url = firstRichTextLink(child);
      if (url) return url;
    }
    return undefined;
  }
  if (typeof node !== 'object' || node === null) return undefined;
  const { type, url, elements } = node as { type?: unknown; url?: unknown; elements?: unknown };
  if (type === 'link' && typeof url === 'string' && /^https?:\/\//i.test(url)) return url;
  return firstRichTextLink(elements);
}
