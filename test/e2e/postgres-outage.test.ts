import net, { type AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Boost } from '../../src/app.ts';
import { appHomeOpened, globalShortcut, viewSubmission } from '../../src/playground/payloads.ts';
import { ACTIONS, REQUEST_FIELDS, SHORTCUTS } from '../../src/slack/ids.ts';
import { type BoostHarness, startBoostOnPostgres, TEAM } from '../harness/boost.ts';
import {
  ackMessage,
  click,
  clickOnHome,
  command,
  createRequest,
  eventually,
  expectedCounts,
  fieldErrors,
  isReplyTo,
  openForm,
  openHome,
  type Posted,
  participationRows,
  repliesTo,
  requestValues,
  stillServes,
  visibleText,
} from '../harness/driver.ts';
import {
  DURABLE_COMMITS,
  freshDatabase,
  type PostgresServer,
  startPostgresServer,
} from '../harness/postgres-server.ts';

// PostgreSQL stopped under a running Boost (pg_ctl stop -m immediate: every connection cut, as a crash or a lost
// network would) and started again: readiness follows it, whatever Slack delivers meanwhile is answered in time and
// saves nothing, and Boost serves as before once the database is back, without a restart. The server is this file's
// own, so stopping it disturbs no other test.

const LOST = /PostgreSQL cannot be reached/;
const BACK = /PostgreSQL answers again/;

describe('Boost while PostgreSQL is out of reach', () => {
  let server: PostgresServer;
  let h: BoostHarness<Boost>;

  beforeAll(async () => {
    server = await startPostgresServer(DURABLE_COMMITS);
  });
  afterAll(() => {
    server.stop();
  });

  beforeEach(async () => {
    h = await startBoostOnPostgres({ DATABASE_URL: await freshDatabase(server.url) });
  });
  afterEach(async () => {
    // A test that failed half-way leaves the server stopped: the next one needs it.
    if (!(await h.boost.database.answers())) server.resume();
    await h.stop();
  });

  const readiness = async () => {
    const response = await fetch(`${h.sender.baseUrl}/readyz`);
    return { status: response.status, body: (await response.json()) as { database: string } };
  };

  /** Stops the server and waits until Boost knows (its readiness says so), as a load balancer would see it. */
  async function stopDatabase(): Promise<void> {
    server.halt();
    await eventually(async () => (await readiness()).status === 503, 10_000, '/readyz to answer 503');
  }

  /** Starts the server again and waits until Boost is ready for Slack once more. */
  async function startDatabase(): Promise<void> {
    server.resume();
    await eventually(async () => (await readiness()).status === 200, 10_000, '/readyz to answer 200 again');
  }

  const logged = (pattern: RegExp) => h.logs.filter((line) => pattern.test(line));

  it('answers /readyz 503 while the database is stopped and 200 once it is back, logging each change once', async () => {
    expect(await readiness()).toEqual({ status: 200, body: { ready: true, database: 'ok', slack: 'reached' } });

    await stopDatabase();
    expect(await readiness()).toEqual({
      status: 503,
      body: { ready: false, database: 'unavailable', slack: 'reached' },
    });
    const posted: Posted = { id: 1, teamId: TEAM, requesterId: 'UREQ0001', channel: 'CBOOST001', ts: '1.000' };
    for (const helper of ['UOUT0001', 'UOUT0002', 'UOUT0003']) await click(h, helper, ACTIONS.optIn, posted);
    await eventually(() => repliesTo(h, 'UOUT0003').length > 0, 10_000, 'the answer to the last click');

    await startDatabase();
    await eventually(() => logged(BACK).length > 0, 10_000, 'the log line saying the database is back');
    expect(logged(LOST)).toHaveLength(1);
    expect(logged(BACK)).toHaveLength(1);
    expect(logged(LOST)[0]).toContain('ECONNREFUSED');
    // Nothing else is logged for the clicks answered meanwhile (a minute's jobs may have failed: they say so).
    const warnings = h.logs.filter((line) => /^(warn|error)/.test(line) && !line.startsWith('error Job '));
    expect(warnings).toEqual(logged(LOST));
  });

  it('tells a person whose click arrives meanwhile that it was not counted, and counts the same click after', async () => {
    const posted = await createRequest(h, { title: 'Our launch' });
    await click(h, 'UHELPER01', ACTIONS.optIn, posted);
    await eventually(() => repliesTo(h, 'UHELPER01').length > 0, 10_000, 'the first helper to be answered');

    await stopDatabase();
    await click(h, 'UHELPER02', ACTIONS.optIn, posted);
    const [answer] = await h.slack.waitFor(isReplyTo('UHELPER02'));
    expect(answer?.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(visibleText(answer?.args)).toContain('your click was *not* counted. Please click again in a moment.');

    await startDatabase();
    expect((await participationRows(h, posted.id)).map((row) => row.user_id)).toEqual(['UHELPER01']);
    await click(h, 'UHELPER02', ACTIONS.optIn, posted);
    await eventually(() => repliesTo(h, 'UHELPER02').length === 2, 10_000, 'the reply to the click that counted');
    expect((await participationRows(h, posted.id)).map((row) => row.user_id)).toEqual(['UHELPER01', 'UHELPER02']);
    await eventually(
      () => visibleText(h.slack.message(posted.channel, posted.ts)).includes('2 in, 0 shared'),
      10_000,
      'the message to show both helpers',
    );
  });

  it('answers a click on the Home tab meanwhile in a small modal, a Home having no response_url', async () => {
    const posted = await createRequest(h, { title: 'Our launch' });
    expect(await openHome(h, 'UHELPER03')).toContain(ACTIONS.homeOptIn);
    await stopDatabase();

    await clickOnHome(h, 'UHELPER03', ACTIONS.homeOptIn, String(posted.id));
    const [opened] = await h.slack.waitFor((call) => call.method === 'views.open');
    expect(visibleText(opened?.args.view)).toContain('your click was *not* counted. Please click again in a moment.');
    await startDatabase();
    expect(await participationRows(h, posted.id)).toEqual([]);
  });

  it("answers in the person's own language, which Slack gives while the database cannot", async () => {
    const posted = await createRequest(h);
    h.slack.setUser('UHELPERIT', { locale: 'it-IT' });
    await stopDatabase();

    await click(h, 'UHELPERIT', ACTIONS.optIn, posted);
    const [answer] = await h.slack.waitFor(isReplyTo('UHELPERIT'));
    expect(visibleText(answer?.args)).toContain('il tuo clic *non* è stato contato');
  });

  it('answers a /boost typed meanwhile at once, saying that nothing was done', async () => {
    await stopDatabase();
    for (const words of ['', 'list', 'mine']) {
      const answer = ackMessage(await command(h, 'UREQ0001', words));
      expect(answer.response_type).toBe('ephemeral');
      expect(answer.text).toBe(
        "Boost can't reach its database right now, so nothing was done. Please try again in a moment.",
      );
    }
    expect(h.slack.callsTo('views.open')).toEqual([]);

    // `/boost settings` answers at once, to open its form within the trigger's 3 seconds: the note follows.
    expect(ackMessage(await command(h, 'UREQ0002', 'settings'))).toEqual({});
    const [note] = await h.slack.waitFor(isReplyTo('UREQ0002'));
    expect(note?.args).toMatchObject({ response_type: 'ephemeral' });
    expect(visibleText(note?.args)).toContain("Boost can't reach its database right now, so nothing was done.");
  });

  it('keeps a form submitted meanwhile open with everything typed, and saves it when submitted again after', async () => {
    const { view } = await openForm(h, 'UREQ0001');
    await stopDatabase();
    const submission = viewSubmission({ userId: 'UREQ0001', view, values: requestValues(h, { title: 'Our launch' }) });
    const errors = fieldErrors(await h.sender.interact(submission));
    expect(errors).toEqual({
      [REQUEST_FIELDS.url]:
        "Boost can't reach its database right now, so nothing was saved. Your form is as you left it: please submit it again in a moment.",
    });

    await startDatabase();
    expect(await h.boost.context.repos.requests.listByRequester(TEAM, 'UREQ0001', 5)).toEqual([]);
    const posted = await createRequest(h, { title: 'Our launch' });
    expect(visibleText(h.slack.message(posted.channel, posted.ts))).toContain('Our launch');
  });

  it('tells a person who used a shortcut meanwhile that nothing was done, in a small modal', async () => {
    await stopDatabase();
    const response = await h.sender.interact(globalShortcut({ userId: 'UREQ0001', callbackId: SHORTCUTS.newRequest }));
    expect(response.status).toBe(200);
    const [opened] = await h.slack.waitFor((call) => call.method === 'views.open');
    expect(visibleText(opened?.args.view)).toContain("Boost can't reach its database right now, so nothing was done.");
  });

  it('opens new connections when its pooled ones are cut while PostgreSQL stays up, and logs no outage', async () => {
    const posted = await createRequest(h);
    await click(h, 'UHELPER01', ACTIONS.optIn, posted);
    await eventually(() => repliesTo(h, 'UHELPER01').length > 0, 10_000, 'the first helper to be answered');

    // What a failover or an administrator does: every connection of Boost's is ended by the server.
    const database = new URL(h.config.DATABASE_URL ?? '').pathname.slice(1);
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    try {
      await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [database],
      );
      await eventually(
        async () => (await admin.query('select 1 from pg_stat_activity where datname = $1', [database])).rowCount === 0,
        10_000,
        "Boost's connections to be gone",
      );
    } finally {
      await admin.end();
    }

    await click(h, 'UHELPER02', ACTIONS.optIn, posted);
    await eventually(() => repliesTo(h, 'UHELPER02').length > 0, 10_000, 'the second helper to be answered');
    expect((await participationRows(h, posted.id)).map((row) => row.user_id)).toEqual(['UHELPER01', 'UHELPER02']);
    expect(visibleText(repliesTo(h, 'UHELPER02')[0]?.args)).not.toContain("can't reach its database");
    expect(logged(LOST)).toEqual([]);
  });

  it('serves as before once the database is back: requests, clicks, message updates, Homes and the jobs', async () => {
    const posted = await createRequest(h, { title: 'Before the outage' });
    await click(h, 'UHELPER01', ACTIONS.optIn, posted);
    await openHome(h, 'UHELPER01');

    await stopDatabase();
    await h.sender.event(appHomeOpened('UHELPER01', TEAM, { view: h.slack.homeView('UHELPER01') }));
    await h.boost.jobs.scheduler.tick();
    await startDatabase();

    const errorsDuringOutage = h.logs.filter((line) => line.startsWith('error')).length;
    await stillServes(h);
    await click(h, 'UHELPER02', ACTIONS.optIn, posted);
    const counts = await expectedCounts(h, posted.id);
    expect(counts).toBe('2 in, 0 shared');
    await eventually(
      () => visibleText(h.slack.message(posted.channel, posted.ts)).includes(counts),
      10_000,
      'the message to show the counts after the outage',
    );
    expect(await openHome(h, 'UHELPER01')).toContain('Before the outage');
    await h.boost.jobs.scheduler.tick();
    expect(h.logs.filter((line) => line.startsWith('error')).slice(errorsDuringOutage)).toEqual([]);
  });
});

/**
 * A TCP relay in front of the server that can fall silent, as a lost network does: nothing passes either way, nothing
 * is closed, and new connections are accepted but never answered. `restore` ends every connection it held.
 */
async function relayTo(port: number) {
  let silent = false;
  const sockets = new Set<net.Socket>();
  const relay = net.createServer((client) => {
    sockets.add(client);
    client.on('error', () => client.destroy());
    if (silent) return;
    const server = net.connect(port, '127.0.0.1');
    sockets.add(server);
    server.on('error', () => client.destroy());
    client.on('data', (chunk) => silent || server.write(chunk));
    server.on('data', (chunk) => silent || client.write(chunk));
    client.on('close', () => server.destroy());
    server.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return {
    port: (relay.address() as AddressInfo).port,
    silence() {
      silent = true;
    },
    restore() {
      silent = false;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    close: () => new Promise((resolve) => relay.close(resolve)),
  };
}

describe('Boost while the network to PostgreSQL falls silent', () => {
  let server: PostgresServer;
  let relay: Awaited<ReturnType<typeof relayTo>>;
  let h: BoostHarness<Boost>;

  beforeAll(async () => {
    server = await startPostgresServer(DURABLE_COMMITS);
    relay = await relayTo(Number(new URL(server.url).port));
  });
  afterAll(async () => {
    await h?.stop();
    await relay.close();
    server.stop();
  });

  /** Boost on a fresh database reached through the relay, with one helper counted while the network still works. */
  async function startThroughRelay(env: Record<string, string> = {}): Promise<Posted> {
    await h?.stop();
    const url = new URL(await freshDatabase(server.url));
    url.port = String(relay.port);
    h = await startBoostOnPostgres({ DATABASE_URL: url.toString(), ...env });
    const posted = await createRequest(h);
    await click(h, 'UHELPER01', ACTIONS.optIn, posted);
    await eventually(() => repliesTo(h, 'UHELPER01').length > 0, 10_000, 'the first helper to be answered');
    return posted;
  }

  /** The network comes back: the second helper clicks again and counts, their reply being the `replies`th. */
  async function clickCountsOnceRestored(posted: Posted, replies: number): Promise<void> {
    relay.restore();
    await eventually(
      async () => (await fetch(`${h.sender.baseUrl}/readyz`)).status === 200,
      10_000,
      '/readyz to answer 200 again',
    );
    await click(h, 'UHELPER02', ACTIONS.optIn, posted);
    await eventually(() => repliesTo(h, 'UHELPER02').length === replies, 10_000, 'the reply to the click that counted');
    expect((await participationRows(h, posted.id)).map((row) => row.user_id)).toEqual(['UHELPER01', 'UHELPER02']);
  }

  it('answers a click that finds no answer in time, with the timeouts set short enough for it, and counts it after', async () => {
    // A silent connection is given up after the statement timeout and a connection's wait: together under a second.
    const posted = await startThroughRelay({
      DATABASE_STATEMENT_TIMEOUT_MS: '600',
      DATABASE_CONNECT_TIMEOUT_MS: '400',
    });
    relay.silence();
    // Acknowledged (Bolt would answer 404 past Slack's 3 seconds), then told privately.
    await click(h, 'UHELPER02', ACTIONS.optIn, posted);
    const [answer] = await h.slack.waitFor(isReplyTo('UHELPER02'));
    expect(visibleText(answer?.args)).toContain('your click was *not* counted');
    await clickCountsOnceRestored(posted, 2);
  });

  it('acknowledges a click still waiting on the silent network within 3 seconds with the default timeouts, then tells what became of it', async () => {
    const posted = await startThroughRelay();
    relay.silence();
    // Answered 200 (past Slack's 3 seconds Bolt would answer 404), while the click's statement still waits.
    await click(h, 'UHELPER02', ACTIONS.optIn, posted);
    const [early] = await h.slack.waitFor(isReplyTo('UHELPER02'));
    expect(visibleText(early?.args)).toContain('your click may not have been saved yet');
    // The statement's wait runs out (statement timeout and a connection's wait): then it is known that it did not count.
    await eventually(() => repliesTo(h, 'UHELPER02').length === 2, 20_000, 'the second note');
    expect(visibleText(repliesTo(h, 'UHELPER02')[1]?.args)).toContain('your click was *not* counted');
    await clickCountsOnceRestored(posted, 3);
  }, 45_000);
});
