// All configuration, parsed once at start-up. A bad value stops the process
// with a message that names the variable.
import { z } from 'zod';

// An empty variable (`DATABASE_URL=` in a compose file) means "not set".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const configSchema = z.object({
  NODE_ENV: optional(z.enum(['development', 'production', 'test'])).transform((value) => value ?? 'production'),
  PORT: optional(
    z.coerce
      .number({ error: 'must be a port number' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 65535')
      .max(65535, 'must be between 0 and 65535'),
  ).transform((value) => value ?? 3000),
  HOST: optional(z.string().trim().min(1)),
  DATABASE_URL: optional(
    z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }),
  ),
  DATA_DIR: optional(z.string().trim().min(1)).transform((value) => value ?? './data'),
  DATABASE_POOL_SIZE: optional(
    z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100'),
  ).transform((value) => value ?? 10),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])).transform(
    (value) => value ?? 'info',
  ),
  DEVICE_KEY_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
  ESTIMATE_TICK_MS: optional(
    z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1000, 'must be at least 1000'),
  ).transform((value) => value ?? 60_000),
  REPORT_LIMIT_PER_DEVICE: optional(
    z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1'),
  ).transform((value) => value ?? 10),
  REPORT_LIMIT_PER_ADDRESS: optional(
    z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1'),
  ).transform((value) => value ?? 300),
  REPORT_LIMIT_WINDOW_SECONDS: optional(
    z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1'),
  ).transform((value) => value ?? 600),
  SHUTDOWN_TIMEOUT_MS: optional(
    z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(100, 'must be at least 100'),
  ).transform((value) => value ?? 5000),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const variable = String(issue.path[0]);
    const value = env[variable];
    const secret = variable === 'DATABASE_URL' || variable === 'DEVICE_KEY_SECRET';
    const shown = secret ? '' : ` (got "${value}")`;
    return `  ${variable}: ${issue.message}${value === undefined ? '' : shown}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
