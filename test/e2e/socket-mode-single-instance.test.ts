import { afterEach, describe, expect, it } from 'vitest';
import { type Boost, createBoost } from '../../src/app.ts';
import { SOCKET_MODE_LEASE_MS } from '../../src/wiring/socket-mode-lease.ts';
import { captureLogger } from '../harness/boost.ts';
import { type AnyBoostHarness, forEachDatabase } from '../harness/databases.ts';

forEachDatabase((startBoost) => {
  describe('Socket Mode on one database', () => {
    let h: AnyBoostHarness;
    const started: Boost[] = [];
    afterEach(async () => {
      for (const boost of started.splice(0)) await boost.stop();
      await h?.stop();
    });

    /** Another Boost in Socket Mode on the harness's database and clock, as a deploy would start another instance. */
    function socketModeInstance(): Boost {
      const boost = createBoost({
        config: { ...h.config, SOCKET_MODE: true, SLACK_APP_TOKEN: 'xapp-1-A0TEST-1-socketmodetoken' },
        clock: h.clock.now,
        logger: captureLogger([]),
        identity: { botId: h.slack.botId, botUserId: h.slack.botUserId },
        runJobs: false,
      });
      started.push(boost);
      return boost;
    }

    it('refuses to start a second instance while one is connected, saying why and what to do instead', async () => {
      h = await startBoost();
      await socketModeInstance().start();
      await expect(socketModeInstance().start()).rejects.toThrow(
        /Another Boost instance is connected to Slack in Socket Mode with this database .*SOCKET_MODE=false/,
      );
    });

    it('lets the next instance start once the first one stopped', async () => {
      h = await startBoost();
      const first = socketModeInstance();
      await first.start();
      await first.stop();
      await expect(socketModeInstance().start()).resolves.toMatchObject({ port: expect.any(Number) });
    });

    it('lets another instance start once the lease of one that died without a word has run out', async () => {
      h = await startBoost();
      // As a process killed mid-run leaves it: the lease is still there, and nobody renews it.
      const now = h.clock.now();
      await h.boost.context.repos.leases.claim(
        'socket-mode',
        'a host that died (pid 1)',
        now,
        now + SOCKET_MODE_LEASE_MS,
      );
      await expect(socketModeInstance().start()).rejects.toThrow(/a host that died \(pid 1\)/);
      h.clock.advance(SOCKET_MODE_LEASE_MS);
      await expect(socketModeInstance().start()).resolves.toMatchObject({ port: expect.any(Number) });
    });
  });
});
