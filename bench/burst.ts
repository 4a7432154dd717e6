import { burst, CLICKS, countInSqlite, TARGET_FINAL_MS, targetsMet } from './lib/burst-run.ts';
import { summary, verdict } from './lib/report.ts';
import { startBoostChild, startFakeSlack } from './lib/slack.ts';
import { ms } from './lib/stats.ts';

// 2. Burst: a popular request gets 1,000 clicks within about two seconds (lib/burst-run.ts). Slack allows about one
// chat.update per second per message, so Boost coalesces: the message must stay current (about one update a second
// while clicks come in) and show the exact final counts soon after the last click.

const fake = await startFakeSlack();
const boost = await startBoostChild(fake.info.apiUrl);
try {
  const figures = await burst('burst', [boost], fake, countInSqlite(boost), {
    profile: Boolean(process.env.BENCH_PROFILE),
  });
  summary(
    'burst',
    `${CLICKS} clicks in ${figures.spanS.toFixed(1)} s -> ${figures.updates} chat.update (${figures.rate.toFixed(2)}/s), longest gap ${ms(figures.longestGap)}, exact final state ${ms(figures.finalDelay)} after the last click; ack p99 ${ms(figures.ackP99)} (targets ~1 update/s, final <= ${TARGET_FINAL_MS} ms)`,
    verdict(targetsMet(figures)),
  );
} finally {
  await boost.stop();
  await fake.stop();
}
