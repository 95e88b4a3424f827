import { pino, type Logger } from 'pino';
import type { Config } from './config';

// Structured logs on stdout. They never hold an IP address, a device key or
// a report's text: nothing that is logged comes from a request's identity.
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>): Logger {
  return pino({ level: config.LOG_LEVEL, base: undefined });
}
