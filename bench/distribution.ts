import type { InstallationsRepository, StoredInstallation } from '../src/db/repositories/installations.ts';
import { Installations } from '../src/slack/installations.ts';
import { FAKE_APP } from '../test/harness/fake-workspaces.ts';
import { timeRequests } from './lib/http-client.ts';
import { pairedRounds, roundPlan } from './lib/paired-rounds.ts';
import { line, summary, verdict } from './lib/report.ts';
import {
  type AppChild,
  type BoostChild,
  createRequest,
  optInClicks,
  type PostedRequest,
  settle,
  startBoostChild,
  startFakeSlack,
} from './lib/slack.ts';
import { ms, percentile, ratio } from './lib/stats.ts';

// 6. The ack in distribution mode against single-workspace mode: the same signed "I'm in" clicks at 50 concurrent
// against two Boosts side by side (see lib/paired-rounds.ts), one with the bot token in its settings, one serving a
// workspace installed through "Add to Slack" (its token looked up per delivery, cached in memory, decrypted once).

const PLAN = roundPlan(process.env.BENCH_DISTRIBUTION_CLICKS);
const TARGET_RATIO = 1.05;

type Mode = 'single' | 'distribution';

/** An admin installs the distribution Boost in the fake Slack's workspace: install page, authorize page, redirect. */
async function installThroughSlack(boost: AppChild): Promise<void> {
  const page = await fetch(`${boost.info.url}/slack/install`);
  const cookie = page.headers.get('set-cookie')?.split(';')[0] ?? '';
  const href = /<a class="add" href="([^"]+)">/.exec(await page.text())?.[1]?.replaceAll('&amp;', '&');
  if (!href) throw new Error('the install page has no "Add to Slack" link');
  const authorized = await fetch(href, { redirect: 'manual' });
  const back = new URL(authorized.headers.get('location') ?? '');
  const done = await fetch(`${boost.info.url}${back.pathname}${back.search}`, { headers: { cookie } });
  if (done.status !== 200) throw new Error(`the install failed: ${done.status}`);
}

/**
 * The installation lookup alone, in this process: what Bolt's authorize asks of Boost for each delivery, once warm,
 * in microseconds of CPU per call.
 */
async function lookupMicros(): Promise<number> {
  const stored: StoredInstallation = {
    id: 1,
    enterpriseId: '',
    teamId: 'TBENCH',
    isEnterpriseInstall: false,
    name: 'Bench',
    appId: 'A1',
    bot: { token: 'xoxb-bench', id: 'B1', userId: 'U1', scopes: ['commands'] },
    installerUserId: 'U2',
    installedAt: 0,
    updatedAt: 0,
  };
  const repo = { forWorkspace: async () => stored, find: async () => stored } as unknown as InstallationsRepository;
  const installations = new Installations({
    repo,
    refresh: () => Promise.reject(new Error('no refresh in this measure')),
    clock: Date.now,
    logger: console,
  });
  const query = { teamId: 'TBENCH', enterpriseId: undefined, isEnterpriseInstall: false as const };
  const calls = 200_000;
  for (let i = 0; i < calls; i++) await installations.fetchInstallation(query);
  const before = process.cpuUsage();
  for (let i = 0; i < calls; i++) await installations.fetchInstallation(query);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / calls;
}

const fake = await startFakeSlack();
const apps: Partial<Record<Mode, BoostChild>> = {};
try {
  apps.single = await startBoostChild(fake.info.apiUrl);
  apps.distribution = await startBoostChild(fake.info.apiUrl, {
    SLACK_BOT_TOKEN: '',
    SLACK_CLIENT_ID: FAKE_APP.clientId,
    SLACK_CLIENT_SECRET: FAKE_APP.clientSecret,
    SLACK_STATE_SECRET: 'bench-state-secret-0123456789',
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
    SLACK_AUTHORIZE_URL: `${fake.info.url}/oauth/v2/authorize`,
  });
  await installThroughSlack(apps.distribution);
  const requests = {} as Record<Mode, PostedRequest>;
  for (const mode of ['single', 'distribution'] as const) {
    requests[mode] = await createRequest(apps[mode] as AppChild, fake, {
      requester: 'UBREQUESTER',
      channel: 'CBENCH0001',
      url: 'https://example.com/launch',
    });
  }

  const run = async (mode: Mode, users: string[]) => {
    const app = apps[mode] as AppChild;
    const from = await fake.call<number>('callCount');
    await app.call('stats');
    const latencies = await timeRequests(
      optInClicks(app.info.url, fake.info.url, requests[mode], users),
      PLAN.concurrency,
    );
    await settle(app, fake, from, users.length);
    const { cpuMs } = await app.call<{ cpuMs: number }>('stats');
    return { latencies, cpuPerClick: cpuMs / users.length };
  };

  const { all, medianRatio, cpuPerClick } = await pairedRounds({
    title: 'ack latency by mode',
    plan: PLAN,
    sides: ['single', 'distribution'],
    labels: { single: 'single', distribution: 'distr.' },
    firstUser: 3_000_000,
    run,
  });
  line(
    `the installation lookup alone (this process, warm): ${(await lookupMicros()).toFixed(2)} µs of CPU per delivery`,
  );
  const cpuRatio = cpuPerClick.distribution / cpuPerClick.single;
  line(`median of the rounds' p99 ratios (distribution / single): ${ratio(medianRatio)} (target <= ${TARGET_RATIO})`);
  line(
    `CPU per click (median of rounds): single ${ms(cpuPerClick.single)}, distribution ${ms(cpuPerClick.distribution)}`,
  );
  summary(
    'ack by mode',
    `distribution p50 ${ms(percentile(all.distribution, 50))} p99 ${ms(percentile(all.distribution, 99))}, single-workspace p50 ${ms(percentile(all.single, 50))} p99 ${ms(percentile(all.single, 99))}, p99 ratio ${ratio(medianRatio)} (median of ${PLAN.rounds} rounds; target <= ${TARGET_RATIO.toFixed(2)}); CPU/click ratio ${ratio(cpuRatio)}`,
    verdict(medianRatio <= TARGET_RATIO),
  );
} finally {
  await Promise.all(Object.values(apps).map((app) => app.stop()));
  await fake.stop();
}
