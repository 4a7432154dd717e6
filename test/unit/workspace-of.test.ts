import { describe, expect, it } from 'vitest';
import {
  appUninstalled,
  blockAction,
  globalShortcut,
  slashCommand,
  viewSubmission,
} from '../../src/playground/payloads.ts';
import { workspaceOf } from '../../src/slack/listeners/workspaces.ts';

describe('which workspace a delivery comes from', () => {
  it('reads the team of a command, a click, a form and a shortcut, each a person acting', () => {
    const command = slashCommand({ teamId: 'T1', responseUrl: 'https://hooks.example/r' });
    expect(workspaceOf(command)).toEqual({ teamId: 'T1', name: 'subarachnoid', byPerson: true });
    const click = blockAction({ container: 'home', teamId: 'T2', actionId: 'x' });
    expect(workspaceOf(click)).toMatchObject({ teamId: 'T2', byPerson: true });
    expect(workspaceOf(viewSubmission({ teamId: 'T3', values: {} }))).toMatchObject({ teamId: 'T3', byPerson: true });
    expect(workspaceOf(globalShortcut({ teamId: 'T4', callbackId: 'x' }))).toMatchObject({ teamId: 'T4' });
  });

  it('reads the team of an event, which does not say a person acted', () => {
    expect(workspaceOf(appUninstalled('T5'))).toEqual({ teamId: 'T5', name: null, byPerson: false });
  });

  it('names no workspace for a body without a team', () => {
    expect(workspaceOf({ type: 'url_verification', challenge: 'abc' })).toBeUndefined();
  });
});
