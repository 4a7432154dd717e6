import type { AppStats } from './lib/app-stats.ts';
import { timeRequests } from './lib/http-client.ts';
import { type AppChild, createRequest, optInClicks, settle, startBareBolt, startBoostChild, startFakeSlack, userId } from './lib/slack.ts';
import { percentile } from './lib/stats.ts';
import { loadavg } from 'node:os';
const fake = await startFakeSlack();
const boost = await startBoostChild(fake.info.apiUrl);
const bare = await startBareBolt(fake.info.apiUrl);
const request = await createRequest(boost, fake, { requester: 'UBREQ', channel: 'CB1', url: 'https://example.com/x' });
const N = 1000;
for (let r = 0; r < 4; r++) {
  for (const [name, app] of [['boost', boost], ['bare', bare]] as [string, AppChild][]) {
    const from = await fake.call<number>('callCount');
    await app.call('stats');
    const fcpu0 = await fake.call('callCount');
    const clicks = optInClicks(app.info.url, fake.info.url, request, Array.from({ length: N }, (_, i) => userId(r*N+i)));
    const t = performance.now();
    const lat = await timeRequests(clicks, 50);
    const wall = performance.now() - t;
    const s1 = await app.call<AppStats>('stats');
    if (name === 'boost') await settle(boost, fake, from, N);
    const s2 = await app.call<AppStats>('stats');
    console.log(`${name} r${r}: ${(N*1000/wall).toFixed(0)}/s p50 ${percentile(lat,50).toFixed(1)} p99 ${percentile(lat,99).toFixed(1)} max ${Math.max(...lat).toFixed(0)} | cpu/click during ${(s1.cpuMs/N).toFixed(3)} ms + after ${(s2.cpuMs/N).toFixed(3)} | eld max ${s1.loopDelayMaxMs.toFixed(0)} p99 ${s1.loopDelayP99Ms.toFixed(0)} heap ${s1.heapUsedMb.toFixed(0)} | load ${loadavg()[0]?.toFixed(1)}`);
    void fcpu0;
  }
}
await boost.stop(); await bare.stop(); await fake.stop();
