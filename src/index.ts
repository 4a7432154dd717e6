import dotenv from 'dotenv';
import { createBoost, type TokenRefusal } from './app.ts';
import { ConfigError, isDistribution, loadConfig } from './config.ts';
import { SocketModeTaken } from './wiring/socket-mode-lease.ts';

dotenv.config({ quiet: true });

/** What to do about a token Slack refused; only the error code is printed, never the token. */
function refusalMessage({ setting, code }: TokenRefusal): string {
  const fix =
    setting === 'SLACK_BOT_TOKEN'
      ? 'Copy the Bot User OAuth Token from "OAuth & Permissions" into .env again, and check that the app is installed ' +
        'in the workspace.'
      : 'Generate an app-level token with the connections:write scope under "Basic Information" > "App-Level Tokens" ' +
        'and put it into .env.';
  return `Boost cannot start: Slack refused ${setting} (${code}). ${fix}`;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const boost = createBoost({ config });

  let stopping = false;
  const stop = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    // Once the server is closed nothing may keep Node running while stop() finishes: the code must already be set.
    process.exitCode = exitCode;
    await boost.stop();
    process.exit(exitCode);
  };
  process.on('SIGTERM', () => {
    boost.app.logger.info('SIGTERM received: finishing pending message updates, then stopping.');
    void stop(0);
  });
  process.on('SIGINT', () => {
    boost.app.logger.info('SIGINT received: finishing pending message updates, then stopping.');
    void stop(0);
  });
  // Slack being unreachable does not stop Boost (it serves and keeps asking); a refused token does.
  void boost.refused.then((refusal) => {
    console.error(refusalMessage(refusal));
    void stop(1);
  });

  const { port } = await boost.start();
  boost.app.logger.info(
    config.SOCKET_MODE
      ? `Boost is running in Socket Mode (health check on port ${port}); it connects once Slack answers.`
      : `Boost is listening on http://${config.HOST}:${port}/slack/events (readiness: /readyz).`,
  );
  if (isDistribution(config)) {
    boost.app.logger.info(`Workspaces install Boost from ${config.PUBLIC_BASE_URL}/slack/install.`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof SocketModeTaken) console.error(error.message);
  else console.error('Boost failed to start:', error);
  process.exit(1);
});
