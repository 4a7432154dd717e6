import { openDatabase } from './src/db/connection.ts';
import { createRepositories } from './src/db/repositories/index.ts';
import { DigestJob } from './src/jobs/digest.ts';
import { DmSender } from './src/slack/dm-sender.ts';
import { WebClient } from '@slack/web-api';
import { rmSync } from 'node:fs';
const path = '/tmp/bench-digest.sqlite';
rmSync(path, { force: true }); rmSync(path + '-wal', { force: true }); rmSync(path + '-shm', { force: true });
const { db, sqlite } = openDatabase(path);
const now = Date.parse('2026-03-09T12:00:00Z');
const DAY = 86400000;
const T = 'T1';
let t0 = Date.now();
const insReq = sqlite.prepare(`insert into requests (team_id, requester_id, url, title, ask, networks, channel_id, message_ts, status, created_at, deadline_at, closed_at) values (?,?,?,?,?,?,?,?,?,?,?,?)`);
const insPart = sqlite.prepare(`insert or ignore into participations (request_id, user_id, opted_in_at, shared_at, remind_me) values (?,?,?,?,?)`);
const insProf = sqlite.prepare(`insert into user_profiles (team_id, user_id, tz, tz_offset_seconds, is_admin, fetched_at) values (?,?,?,?,0,?)`);
const insSet = sqlite.prepare(`insert into user_settings (team_id, user_id, digest, show_name, reminders, created_at, updated_at) values (?,?,?,0,1,?,?)`);
const zones = ['UTC','Europe/Paris','America/New_York','Asia/Tokyo','Pacific/Kiritimati','Pacific/Pago_Pago','Asia/Kolkata','America/Los_Angeles'];
sqlite.transaction(() => {
  for (let i = 0; i < 5000; i++) {
    const created = now - Math.floor(Math.random() * 180) * DAY;
    const deadline = created + 7 * DAY;
    const open = deadline > now;
    insReq.run(T, `U${i % 2000}`, `https://ex.com/${i}`, `Req ${i}`, 'ask', '["x"]', 'C1', '1.1', open ? 'open' : 'expired', created, deadline, open ? null : deadline);
  }
  for (let i = 0; i < 200000; i++) {
    const req = 1 + Math.floor(Math.random() * 5000);
    const t = now - Math.floor(Math.random() * 180 * DAY);
    insPart.run(req, `U${Math.floor(Math.random() * 50000)}`, t, Math.random() < 0.5 ? t + 3600000 : null, Math.random() < 0.1 ? 1 : 0);
  }
  for (let i = 0; i < 50000; i++) {
    if (i % 3 === 0) insProf.run(T, `U${i}`, zones[i % zones.length], 0, now - DAY);
    if (i % 10 === 0) insSet.run(T, `U${i}`, i % 20 === 0 ? 1 : 0, now - 30 * DAY, now - 30 * DAY);
  }
})();
sqlite.exec('analyze');
console.log('populated in', Date.now() - t0, 'ms');
const repos = createRepositories(db);
const logger = { debug(){}, info(){}, warn(){}, error(){}, setLevel(){}, getLevel(){ return 'info' as any }, setName(){} };
for (const [label, tz] of [['per-user zones', 'user'], ['fixed zone', 'Europe/Paris']] as const) {
  const job = new DigestJob({ repos, config: { DIGEST_CRON: '0 9 * * 1', DIGEST_TIMEZONE: tz }, sender: new DmSender({ client: new WebClient('x', { slackApiUrl: 'http://127.0.0.1:9/api/' }), logger }), logger, clock: () => now });
  for (let k = 0; k < 2; k++) {
    t0 = performance.now();
    const report = await job.sendNow(now, { dryRun: true });
    console.log(label, 'dry run (compose all): planned', report.planned.length, 'in', Math.round(performance.now() - t0), 'ms');
  }
  const all = await job.sendNow(now, { dryRun: true });
  sqlite.transaction(() => { for (const p of all.planned) repos.digests.claim(p.digest.teamId, p.digest.userId, p.digest.week, now); })();
  t0 = performance.now();
  const r2 = await job.runOnce(now);
  console.log(label, 'scheduled tick once everyone had theirs:', r2.planned.length, 'in', Math.round(performance.now() - t0), 'ms');
  sqlite.exec('delete from digest_deliveries');
}
t0 = performance.now();
const due = repos.reminders.due(now, DAY, 1000);
console.log('reminders due', due.length, Math.round(performance.now() - t0), 'ms');
t0 = performance.now();
const s = performance.now(); sqlite.prepare('select count(*) from participations').get(); console.log('baseline count(*)', Math.round(performance.now() - s), 'ms');
sqlite.close();
