// The process entry point: `npm start` runs this file.
import { startApp, type RunningApp } from './app';
import { ConfigError, parseConfig, type Config } from './config';
import { createLogger } from './logger';

function readConfig(): Config {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const config = readConfig();
const logger = createLogger(config);
const starting: Promise<RunningApp> = startApp(config, logger);

// Installed before start-up finishes: a signal that arrives while the
// database is opening still closes everything in order.
const stop = (signal: NodeJS.Signals) => {
  logger.info({ signal }, 'shutting down');
  const timer = setTimeout(() => {
    logger.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out; exiting anyway');
    process.exit(1);
  }, config.SHUTDOWN_TIMEOUT_MS);
  timer.unref();
  starting
    .then((app) => app.close())
    .then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

starting.catch((error: unknown) => {
  logger.fatal({ err: error }, `Kordon could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
