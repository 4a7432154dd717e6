import { ErrorCode } from '@slack/web-api';
import dotenv from 'dotenv';
import { createBoost } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { classifySlackFailure, isWebApiCallError, slackErrorCode } from './slack/slack-errors.ts';

dotenv.config({ quiet: true });

async function main(): Promise<void> {
  const config = loadConfig();
  const boost = createBoost({ config });
  const { port } = await boost.start();
  boost.app.logger.info(
    config.SOCKET_MODE
      ? `Boost is running in Socket Mode (health check on port ${port}).`
      : `Boost is listening on http://${config.HOST}:${port}/slack/events`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    boost.app.logger.info(`${signal} received: finishing pending message updates, then stopping.`);
    await boost.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else if (classifySlackFailure(error) === 'auth') {
    // Only the error code: the token itself is never printed.
    console.error(
      `Boost cannot start: Slack refused SLACK_BOT_TOKEN (${slackErrorCode(error)}). Copy the Bot User OAuth Token from ` +
        '"OAuth & Permissions" into .env again, and check that the app is installed in the workspace.',
    );
  } else if (isWebApiCallError(error) && error.code === ErrorCode.RequestError) {
    console.error(
      `Boost cannot start: it could not reach Slack's Web API (${slackErrorCode(error)}). Check the network, or ` +
        'SLACK_API_URL if you set it (README.md, section "Settings").',
    );
  } else {
    console.error('Boost failed to start:', error);
  }
  process.exit(1);
});
