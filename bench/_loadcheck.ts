import { timeRequests } from './lib/http-client.ts';
import { createRequest, optInClicks, startBareBolt, startBoostChild, startFakeSlack, userId } from './lib/slack.ts';
import { percentile } from './lib/stats.ts';
const fake = await startFakeSlack();
const bare = await startBareBolt(fake.info.apiUrl);
const boost = await startBoostChild(fake.info.apiUrl);
const request = await createRequest(boost, fake, { requester: 'UBREQ', channel: 'CB1', url: 'https://example.com/x' });
for (let r = 0; r < 4; r++) {
  const clicks = optInClicks(bare.info.url, fake.info.url, request, Array.from({ length: 1000 }, (_, i) => userId(r*1000+i)));
  console.log('body bytes', clicks[0]?.body?.length);
  const cpu = process.cpuUsage(); const t = performance.now();
  const lat = await timeRequests(clicks, Number(process.env.C ?? 50));
  const wall = performance.now() - t; const used = process.cpuUsage(cpu);
  console.log(`wall ${wall.toFixed(0)} ms, ${(1000*1000/wall).toFixed(0)} req/s, parent cpu ${((used.user+used.system)/1000).toFixed(0)} ms, p50 ${percentile(lat,50).toFixed(1)} p99 ${percentile(lat,99).toFixed(1)}`);
}
await bare.stop(); await boost.stop(); await fake.stop();
