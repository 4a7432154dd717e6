import { it } from 'vitest';
import { startBoost, TEAM, TestClock } from '../harness/boost.ts';
import { submitForm } from '../harness/drive.ts';
import { rows } from '../e2e/core-driver.ts';
it('dbg', async () => {
  const h = await startBoost({}, new TestClock(), { runJobs: false });
  const r = await submitForm(h, { userId: 'UASKGONE1', teamId: TEAM }, { deadline: new Date(h.clock.now() + 3 * 86400000).toISOString().slice(0, 10) });
  console.log(r.status, r.text);
  console.log(rows(h, 'select id, team_id, requester_id from requests'));
  console.log(h.logs.filter((l) => !l.startsWith('debug')).join('\n'));
  await h.stop();
}, 30000);
