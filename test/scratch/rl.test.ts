import { it } from 'vitest';
import { startBoost } from '../harness/boost.ts';
import { submitForm } from '../harness/drive.ts';

it('rl', async () => {
  const h = await startBoost({}, undefined, { tuning: { webApiTimeoutMs: 300 } });
  h.slack.rateLimit('chat.postMessage', 1, 1);
  await submitForm(h, { userId: 'U1' });
  await new Promise((r) => setTimeout(r, 2500));
  console.log(h.logs.filter((l) => /rate|post|Could/i.test(l)).join('\n'));
  await h.stop();
});
