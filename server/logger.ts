import { pino, type Logger } from 'pino';
import type { Config } from './config';

// Structured logs on stdout. They never hold an IP address, a device key or
// a report's content: nothing logged comes from a request's identity, and
// errors are cut down to what a developer needs, because a database error's
// message can quote the row it was writing.

const SENSITIVE_KEYS = ['deviceKey', 'address', 'ip', 'remoteAddress', 'headers', 'auth', 'cookie', 'authorization'];

export interface SafeError {
  type: string;
  code?: string;
  message: string;
  stack?: string;
  cause?: SafeError;
}

/** Type, code, the first line of the message (no quoted arguments), and stack frames. */
export function safeError(error: unknown, depth = 0): SafeError {
  if (!(error instanceof Error)) return { type: typeof error, message: 'non-Error thrown' };
  const record = error as Error & { code?: unknown; cause?: unknown };
  const firstLine = error.message.split('\n').map((line) => line.trim()).find((line) => line && !/^Invalid `.*` invocation/.test(line)) ?? '';
  return {
    type: error.name,
    ...(typeof record.code === 'string' ? { code: record.code } : {}),
    // Values are quoted as 'x' or "x" or after a colon: keep the words, drop what is quoted.
    message: firstLine.replace(/(["'`]).*?\1/g, '…').slice(0, 200),
    ...(error.stack ? { stack: error.stack.split('\n').filter((line) => line.trimStart().startsWith('at ')).slice(0, 12).join('\n') } : {}),
    ...(record.cause !== undefined && depth < 3 ? { cause: safeError(record.cause, depth + 1) } : {}),
  };
}

export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: config.LOG_LEVEL,
      base: undefined,
      serializers: { err: safeError },
      redact: { paths: SENSITIVE_KEYS.flatMap((key) => [key, `*.${key}`]), censor: '[redacted]' },
    },
    destination,
  );
}
