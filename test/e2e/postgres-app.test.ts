import { afterEach, describe, expect, it } from 'vitest';
import type { Boost } from '../../src/app.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { type BoostHarness, startBoostOnPostgres } from '../harness/boost.ts';
import { click, createRequest, eventually, openHome, repliesTo, visibleText } from '../harness/driver.ts';

// DATABASE_URL selects PostgreSQL: the same app, migrated at start, behind the same Slack requests.

describe('Boost with DATABASE_URL', () => {
  let h: BoostHarness<Boost> | undefined;
  afterEach(async () => {
    await h?.stop();
  });

  it('runs on PostgreSQL: posts a request, counts opt-ins on its message, and keeps them over a restart', async () => {
    const boost = await startBoostOnPostgres();
    h = boost;
    expect('pool' in boost.boost.database).toBe(true);
    const posted = await createRequest(boost);
    await click(boost, 'UHELPER01', ACTIONS.optIn, posted);
    await click(boost, 'UHELPER02', ACTIONS.optIn, posted);
    await eventually(() => repliesTo(boost, 'UHELPER02').some((call) => call.ok), 10_000, 'the private reply');
    await eventually(
      () => visibleText(boost.slack.message(posted.channel, posted.ts)).includes('2 in, 0 shared'),
      10_000,
      'the message to show both helpers',
    );

    await boost.restart();
    expect(await boost.boost.database.answers()).toBe(true);
    expect(await boost.boost.context.repos.participations.counts(posted.id)).toEqual({ optedIn: 2, shared: 0 });
  });

  it("shows each person's Home from PostgreSQL: the open request and its figures to a colleague", async () => {
    const boost = await startBoostOnPostgres();
    h = boost;
    const posted = await createRequest(boost, { title: 'Our launch' });
    await click(boost, 'UHELPER01', ACTIONS.optIn, posted);
    await eventually(() => repliesTo(boost, 'UHELPER01').some((call) => call.ok), 10_000, 'the private reply');

    const home = await openHome(boost, 'UCOLLEAGUE');
    expect(home).toContain('Our launch');
    expect(home).toContain('1 in, 0 shared');
  });
});
