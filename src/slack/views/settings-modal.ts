import type { ModalView, Option } from '@slack/types';
import {
  DIGEST_CHOICES,
  type DigestChoice,
  digestChoice,
  digestFromChoice,
  isDigestChoice,
  type PersonalSettings,
} from '../../domain/settings.ts';
import { isLanguage, LANGUAGES, type Language, t } from '../../i18n/index.ts';
import { INPUT_ACTION, SETTINGS_FIELDS, VIEWS } from '../ids.ts';
import { type Blocks, context, input, plain } from './blocks.ts';

const option = (value: string, text: string, description?: string): Option => ({
  text: plain(text, 75),
  value,
  ...(description ? { description: plain(description, 75) } : {}),
});

const ON = 'on';
const OFF = 'off';
/** The language choice that follows the person's Slack language. */
const SLACK_LANGUAGE = 'slack';

function digestOption(language: Language, choice: DigestChoice): Option {
  if (choice === 'auto')
    return option('auto', t(language, 'settings.digest.auto'), t(language, 'settings.digest.autoHint'));
  if (choice === 'weekly') {
    return option('weekly', t(language, 'settings.digest.weekly'), t(language, 'settings.digest.weeklyHint'));
  }
  return option('off', t(language, 'settings.digest.off'));
}

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
export function settingsModal(language: Language, settings: PersonalSettings): ModalView {
  const digestOptions = DIGEST_CHOICES.map((choice) => digestOption(language, choice));
  const showName = [
    option(OFF, t(language, 'settings.showName.off')),
    option(ON, t(language, 'settings.showName.on'), t(language, 'settings.showName.onHint')),
  ];
  const reminders = [
    option(ON, t(language, 'settings.reminders.on'), t(language, 'settings.reminders.onHint')),
    option(OFF, t(language, 'settings.reminders.off')),
  ];
  // Each language is named in itself, so whoever cannot read the current one still finds their own.
  const languages = [
    option(SLACK_LANGUAGE, t(language, 'settings.language.slack'), t(language, 'settings.language.slackHint')),
    ...LANGUAGES.map((each) => option(each, t(each, 'language.name'))),
  ];
  const chosen = languages.find((o) => o.value === settings.language) ?? languages[0];
  const blocks: Blocks = [
    radio(
      SETTINGS_FIELDS.digest,
      t(language, 'settings.digest'),
      digestOptions,
      digestOptions[DIGEST_CHOICES.indexOf(digestChoice(settings.digest))] as Option,
    ),
    radio(
      SETTINGS_FIELDS.showName,
      t(language, 'settings.showName'),
      showName,
      (settings.showName ? showName[1] : showName[0]) as Option,
      t(language, 'settings.showName.hint'),
    ),
    radio(
      SETTINGS_FIELDS.reminders,
      t(language, 'settings.reminders'),
      reminders,
      (settings.reminders ? reminders[0] : reminders[1]) as Option,
    ),
    radio(SETTINGS_FIELDS.language, t(language, 'settings.language'), languages, chosen as Option),
    context(t(language, 'settings.footer')),
  ];
  return {
    type: 'modal',
    callback_id: VIEWS.settings,
    private_metadata: JSON.stringify(settings),
    title: plain(t(language, 'settings.title'), 24),
    submit: plain(t(language, 'modal.save'), 24),
    close: plain(t(language, 'modal.cancel'), 24),
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
  const language = selected(SETTINGS_FIELDS.language);
  return {
    digest: isDigestChoice(digest) ? digestFromChoice(digest) : shown.digest,
    showName: showName === undefined ? shown.showName : showName === ON,
    reminders: reminders === undefined ? shown.reminders : reminders === ON,
    language: language === SLACK_LANGUAGE ? null : isLanguage(language) ? language : shown.language,
  };
}

/** The settings the form showed, read back from private_metadata; undefined when it cannot be read. */
export function shownSettings(privateMetadata: string): PersonalSettings | undefined {
  try {
    const parsed = JSON.parse(privateMetadata) as Partial<PersonalSettings>;
    const digest = parsed.digest;
    if (digest !== null && typeof digest !== 'boolean') return undefined;
    if (typeof parsed.showName !== 'boolean' || typeof parsed.reminders !== 'boolean') return undefined;
    // A form opened before languages existed has none: it showed "Slack's language".
    const language = isLanguage(parsed.language) ? parsed.language : null;
    return { digest, showName: parsed.showName, reminders: parsed.reminders, language };
  } catch {
    return undefined;
  }
}
