import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { InstallURLOptions, StateStore } from '@slack/bolt';
import type { OAuthStatesRepository } from '../db/repositories/installations.ts';
import type { Clock } from '../domain/types.ts';

// The OAuth `state`: a random nonce signed with SLACK_STATE_SECRET, remembered in the database until it is used or
// expires. A forged state fails the signature before the database is asked; an expired or already used one is not
// found. @slack/oauth also checks that the browser coming back is the one that started (a cookie holding the state).

/** How long an admin has between opening the install page and approving in Slack. */
export const STATE_LIFETIME_MS = 10 * 60 * 1000;

/** The error @slack/oauth's failure callback receives for a state it must refuse (its InvalidStateError's code). */
export class RefusedState extends Error {
  readonly code = 'slack_oauth_invalid_state';
}

export class OAuthStates implements StateStore {
  constructor(private readonly deps: { repo: OAuthStatesRepository; secret: string; clock: Clock }) {}

  async generateStateParam(installOptions: InstallURLOptions): Promise<string> {
    const now = this.deps.clock();
    const nonce = randomBytes(18).toString('base64url');
    await this.deps.repo.purgeExpired(now);
    await this.deps.repo.issue(nonce, JSON.stringify(installOptions), now + STATE_LIFETIME_MS);
    return `${nonce}.${this.sign(nonce)}`;
  }

  async verifyStateParam(_now: Date, state: string): Promise<InstallURLOptions> {
    const [nonce = '', signature = ''] = state.split('.');
    const expected = Buffer.from(this.sign(nonce));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new RefusedState('The install link was not made by Boost');
    }
    const options = await this.deps.repo.consume(nonce, this.deps.clock());
    if (options === undefined) throw new RefusedState('The install link has expired or was already used');
    return JSON.parse(options) as InstallURLOptions;
  }

  private sign(nonce: string): string {
    return createHmac('sha256', this.deps.secret).update(nonce).digest('base64url');
  }
}
