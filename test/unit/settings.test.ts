import { describe, expect, it } from 'vitest';
import {
  DIGEST_CHOICES,
  digestChoice,
  digestFromChoice,
  isDigestChoice,
  type PersonalSettings,
  settingsChanges,
} from '../../src/domain/settings.ts';

const defaults: PersonalSettings = { digest: null, showName: false, reminders: true, language: null };

describe('digest choices', () => {
  it('maps each stored value to one choice and back', () => {
    for (const stored of [null, true, false]) expect(digestFromChoice(digestChoice(stored))).toBe(stored);
    for (const choice of DIGEST_CHOICES) expect(digestChoice(digestFromChoice(choice))).toBe(choice);
  });

  it('leaves a person who never chose unset, not subscribed', () => {
    expect(digestChoice(null)).toBe('auto');
  });

  it('recognises only its own choices', () => {
    expect(isDigestChoice('weekly')).toBe(true);
    expect(isDigestChoice('on')).toBe(false);
    expect(isDigestChoice(undefined)).toBe(false);
  });
});

describe('settingsChanges', () => {
  it('is empty when the form comes back as it was shown', () => {
    expect(settingsChanges(defaults, { ...defaults })).toEqual({});
  });

  it('holds only what the person changed', () => {
    expect(settingsChanges(defaults, { digest: false, showName: true, reminders: true, language: null })).toEqual({
      digest: false,
      showName: true,
    });
  });

  it('tells an unset digest from one turned off', () => {
    expect(settingsChanges({ ...defaults, digest: false }, defaults)).toEqual({ digest: null });
  });
});
