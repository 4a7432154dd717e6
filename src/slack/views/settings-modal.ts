import type { ModalView, Option } from '@slack/types';
import {
  type DigestChoice,
  digestChoice,
  digestFromChoice,
  isDigestChoice,
  type PersonalSettings,
} from '../../domain/settings.ts';
import { INPUT_ACTION, SETTINGS_FIELDS, VIEWS } from '../ids.ts';
import { type Blocks, context, input, plain } from './blocks.ts';

const option = (value: string, text: string, description?: string): Option => ({
  text: plain(text, 75),
  value,
  ...(description ? { description: plain(description, 75) } : {}),
});

const DIGEST_OPTIONS: Record<DigestChoice, Option> = {
  auto: option('auto', 'When there is news for me', 'About my requests, or requests I helped with'),
  weekly: option('weekly', 'Every Monday', 'Also lists a few open requests'),
  off: option('off', 'Off'),
};

const ON = 'on';
const OFF = 'off';

function radio(blockId: string, label: string, options: Option[], selected: Option, hint?: string) {
  return input(
    blockId,
    label,
    { type: 'radio_buttons', action_id: INPUT_ACTION, options, initial_option: selected },
    hint ? { hint } : {},
  );
}

/**
 * The settings modal. The values it shows travel in private_metadata, so saving writes only what the person changed.
 */
export function settingsModal(settings: PersonalSettings): ModalView {
  const showName = [
    option(OFF, 'No, count me without my name'),
    option(ON, 'Yes, show my name', 'On the requests I join, from now on'),
  ];
  const reminders = [option(ON, 'Yes', 'One reminder the day before, only if I ask for it'), option(OFF, 'No')];
  const blocks: Blocks = [
    radio(
      SETTINGS_FIELDS.digest,
      'Weekly digest',
      Object.values(DIGEST_OPTIONS),
      DIGEST_OPTIONS[digestChoice(settings.digest)],
    ),
    radio(
      SETTINGS_FIELDS.showName,
      'Show my name on public request messages',
      showName,
      (settings.showName ? showName[1] : showName[0]) as Option,
      'The person who asked always sees who helped, to thank you. Everyone else sees counts only.',
    ),
    radio(
      SETTINGS_FIELDS.reminders,
      'Offer "Remind me before the deadline" when I join',
      reminders,
      (settings.reminders ? reminders[0] : reminders[1]) as Option,
    ),
    context(
      'Boost only messages you about what you asked for or took part in. Every digest ends with a one-click "Stop these digests".',
    ),
  ];
  return {
    type: 'modal',
    callback_id: VIEWS.settings,
    private_metadata: JSON.stringify(settings),
    title: plain('Boost settings', 24),
    submit: plain('Save', 24),
    close: plain('Cancel', 24),
    blocks,
  };
}

/** The settings as submitted; a missing answer keeps what the form showed. */
export function submittedSettings(
  shown: PersonalSettings,
  selected: (blockId: string) => string | undefined,
): PersonalSettings {
  const digest = selected(SETTINGS_FIELDS.digest);
  const showName = selected(SETTINGS_FIELDS.showName);
  const reminders = selected(SETTINGS_FIELDS.reminders);
  return {
    digest: isDigestChoice(digest) ? digestFromChoice(digest) : shown.digest,
    showName: showName === undefined ? shown.showName : showName === ON,
    reminders: reminders === undefined ? shown.reminders : reminders === ON,
  };
}

/** The settings the form showed, read back from private_metadata; undefined when it cannot be read. */
export function shownSettings(privateMetadata: string): PersonalSettings | undefined {
  try {
    const parsed = JSON.parse(privateMetadata) as Partial<PersonalSettings>;
    const digest = parsed.digest;
    if (digest !== null && typeof digest !== 'boolean') return undefined;
    if (typeof parsed.showName !== 'boolean' || typeof parsed.reminders !== 'boolean') return undefined;
    return { digest, showName: parsed.showName, reminders: parsed.reminders };
  } catch {
    return undefined;
  }
}
