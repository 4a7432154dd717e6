import { type Logger, LogLevel } from '@slack/bolt';
import type { Config } from '../config.ts';

const LOG_LEVELS: Record<Config['LOG_LEVEL'], LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

/** The level and logger every Bolt and Web API object is built with: the given logger, or each one's own. */
export function boltLogging(config: Config, logger: Logger | undefined): { logLevel: LogLevel; logger?: Logger } {
  return { logLevel: LOG_LEVELS[config.LOG_LEVEL], ...(logger ? { logger } : {}) };
}

/**
 * Bolt's logger exists once the App does, but the routes, the bot's identity and the checkpointer are built before it.
 * They log through this, and only on failures, long after the App is built.
 */
export class LateLogger {
  private logger: Logger | undefined;

  attach(logger: Logger): void {
    this.logger = logger;
  }

  info(...messages: unknown[]): void {
    this.attached().info(...messages);
  }

  warn(...messages: unknown[]): void {
    this.attached().warn(...messages);
  }

  error(...messages: unknown[]): void {
    this.attached().error(...messages);
  }

  private attached(): Logger {
    if (!this.logger) throw new Error("Bolt's logger was used before the App was built");
    return this.logger;
  }
}
