import type { ViewStateValue } from '@slack/bolt';
import { INPUT_ACTION } from '../../ids.ts';

type StateValues = Record<string, Record<string, ViewStateValue>>;

/** Reads the one element of an input block, whatever its kind, as Slack reports it in view.state.values. */
export function fieldOf(values: StateValues, blockId: string): ViewStateValue | undefined {
  return values[blockId]?.[INPUT_ACTION];
}

export const textOf = (values: StateValues, blockId: string): string => fieldOf(values, blockId)?.value ?? '';

export const optionsOf = (values: StateValues, blockId: string): string[] =>
  (fieldOf(values, blockId)?.selected_options ?? []).map((option) => option.value ?? '');

export const selectedOf = (values: StateValues, blockId: string): string | undefined => {
  const field = fieldOf(values, blockId);
  return (
    field?.selected_option?.value ??
    field?.selected_conversation ??
    field?.selected_channel ??
    field?.selected_date ??
    undefined
  );
};
