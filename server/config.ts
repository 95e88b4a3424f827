// All configuration, parsed once at start-up. A bad value stops the process
// with a message that names the variable.
import { z } from 'zod';
import { DEFAULT_PUSH_SERVICE_HOSTS } from './push-hosts';
import { compileTrust } from './client-address';
import { normaliseOrigin } from '../lib/security/origins';

// An empty variable (`DATABASE_URL=` in a compose file) means "not set".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** A whole number from the environment, within bounds, with a default. */
const wholeNumber = (options: { min: number; max?: number; fallback: number; what?: string }) => {
  const range = options.max === undefined ? `at least ${options.min}` : `between ${options.min} and ${options.max}`;
  let schema = z.coerce
    .number({ error: `must be ${options.what ?? 'a number'}` })
    .int('must be a whole number')
    .min(options.min, `must be ${range}`);
  if (options.max !== undefined) schema = schema.max(options.max, `must be ${range}`);
  return optional(schema).transform((value) => value ?? options.fallback);
};

const configSchema = z.object({
  NODE_ENV: optional(z.enum(['development', 'production', 'test'])).transform((value) => value ?? 'production'),
  PORT: wholeNumber({ min: 0, max: 65535, fallback: 3000, what: 'a port number' }),
  HOST: optional(z.string().trim().min(1)),
  DATABASE_URL: optional(
    z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }),
  ),
  DATA_DIR: optional(z.string().trim().min(1)).transform((value) => value ?? './data'),
  // Several nodes: broadcasts and rate limits shared through Redis. Unset, one node needs nothing more.
  REDIS_URL: optional(z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })),
  // Keys and channels in Redis start with this, so several Kordons (or test runs) can share one Redis.
  REDIS_PREFIX: optional(z.string().trim().regex(/^[A-Za-z0-9:_-]{1,64}$/, 'must be 1–64 letters, digits, ":", "_" or "-"')).transform(
    (value) => value ?? 'kordon',
  ),
  // Embedded: clients besides the app that the database socket takes (psql, pg_dump); they share its one session.
  DATABASE_SOCKET_CLIENTS: wholeNumber({ min: 0, max: 4, fallback: 0 }),
  DATABASE_POOL_SIZE: wholeNumber({ min: 1, max: 100, fallback: 10 }),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])).transform(
    (value) => value ?? 'info',
  ),
  DEVICE_KEY_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
  // Unset: DATA_DIR/device-key-secret. Where a single node keeps the secret it made, never in the database.
  DEVICE_KEY_SECRET_FILE: optional(z.string().trim().min(1)),
  // One moderator's token, named "MODERATOR_TOKEN" in the audit log; the others are in MODERATORS_FILE.
  MODERATOR_TOKEN: optional(z.string().trim().min(32, 'must be at least 32 characters')),
  // Unset: DATA_DIR/moderators. Each moderator's name and token hash (npm run moderators -- add|revoke|list).
  MODERATORS_FILE: optional(z.string().trim().min(1)),
  // Unset: the catalogue this release carries. A deployment's own corrections (a post's new hours) without a build.
  CATALOGUE_FILE: optional(z.string().trim().min(1)),
  ESTIMATE_TICK_MS: wholeNumber({ min: 1000, fallback: 60_000 }),
  REPORT_LIMIT_PER_DEVICE: wholeNumber({ min: 1, fallback: 10 }),
  // A crowd of hundreds of phones at a border post shares one carrier address.
  REPORT_LIMIT_PER_ADDRESS: wholeNumber({ min: 1, fallback: 1000 }),
  // New push subscriptions (rows) one address may make per window before each needs a proof of work: more than a busy
  // post's crowd. New devices with a proof report whatever their address (server/rate-limits.ts).
  PUSH_SUBSCRIPTIONS_PER_ADDRESS: wholeNumber({ min: 1, fallback: 600 }),
  REPORT_LIMIT_WINDOW_SECONDS: wholeNumber({ min: 1, fallback: 600 }),
  // New devices without a proof (a page without scripts) one address may report from, over the estimate's window.
  REPORT_UNPROVEN_DEVICES_PER_ADDRESS: wholeNumber({ min: 1, fallback: 10 }),
  REPORT_UNPROVEN_WINDOW_SECONDS: wholeNumber({ min: 1, fallback: 6 * 3600 }),
  // The proof of work a device's first report carries: PBKDF2-SHA-256 iterations a try, and tries on average.
  PROOF_COST: wholeNumber({ min: 1, max: 1_000_000, fallback: 5000 }),
  PROOF_TRIES: wholeNumber({ min: 1, max: 1_000_000, fallback: 3700 }),
  // IPv6 clients are limited by network, not by address: a phone is given a whole /64 to pick addresses from.
  REPORT_IPV6_PREFIX: wholeNumber({ min: 32, max: 128, fallback: 64 }),
  SHUTDOWN_TIMEOUT_MS: wholeNumber({ min: 100, fallback: 5000 }),
  // A TCP connection that has sent nothing after this long is closed (Node's header timeouts start at the first byte).
  FIRST_BYTE_TIMEOUT_MS: wholeNumber({ min: 1000, fallback: 10_000 }),
  // Open connections the node holds at most, below its descriptor limit; when full, the address holding the most
  // gives one up (a cap per address let one script behind a carrier NAT shut out every phone sharing it).
  CONNECTIONS_MAX: wholeNumber({ min: 1, fallback: 20_000 }),
  // Requests (subscriptions, reports, the clock) one Socket.IO connection may make a minute; a page makes a few.
  REQUESTS_PER_CONNECTION: wholeNumber({ min: 1, fallback: 300 }),
  // At least the 7-day history plus the estimator's one-day look-back.
  REPORT_RETENTION_DAYS: wholeNumber({ min: 8, max: 3650, fallback: 30 }),
  // Raster tiles are opt-in: without them the page asks no third-party host for anything.
  TILE_URL: optional(
    z
      .string()
      .trim()
      .refine((url) => /^https:\/\/\S+$/.test(url) && ['{z}', '{x}', '{y}'].every((part) => url.includes(part)), {
        message: 'must be an https:// tile template with {z}, {x} and {y}',
      }),
  ),
  TILE_ATTRIBUTION: optional(z.string().trim().max(500)),
  // An OSRM-compatible routing service (its table service) for the drives of /list?from=; unset, an estimate.
  ROUTING_URL: optional(z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL of an OSRM-compatible routing service' })),
  // Proxies (addresses, CIDR ranges, or proxy-addr's loopback/linklocal/uniquelocal) whose X-Forwarded-For is believed.
  TRUST_PROXY: optional(z.string())
    .transform((value) => (value ?? '').split(',').map((part) => part.trim()).filter(Boolean))
    .refine(
      (list) => {
        try {
          compileTrust(list);
          return true;
        } catch {
          return false;
        }
      },
      'must be a comma-separated list of IP addresses, CIDR ranges, loopback, linklocal or uniquelocal',
    ),
  // The Telegram bot is off unless this is set (a token from @BotFather).
  TELEGRAM_BOT_TOKEN: optional(z.string().trim().regex(/^\d{1,20}:[A-Za-z0-9_-]{20,100}$/, 'must be a bot token from @BotFather, such as 123456:ABC-…')),
  // With it, Telegram sends updates to <this URL> (which must reach /telegram/webhook) instead of the bot polling.
  TELEGRAM_WEBHOOK_URL: optional(z.url({ protocol: /^https$/, error: 'must be the https:// URL at which Telegram reaches /telegram/webhook' })),
  // A self-hosted Bot API server (or a test's stand-in) instead of Telegram's.
  TELEGRAM_API_ROOT: optional(z.url({ protocol: /^https?$/, error: 'must be the http:// or https:// root of a Bot API server' })),
  // Where people open Kordon: the links the bot sends. Unset: http://localhost:<port>.
  PUBLIC_URL: optional(z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })),
  // Web Push: the VAPID keys (both, from `npx web-push generate-vapid-keys`), else made at first start and kept in the database.
  VAPID_PUBLIC_KEY: optional(z.string().trim().regex(/^[A-Za-z0-9_-]{80,100}$/, 'must be a VAPID public key (base64url)')),
  VAPID_PRIVATE_KEY: optional(z.string().trim().regex(/^[A-Za-z0-9_-]{40,50}$/, 'must be a VAPID private key (base64url)')),
  // Whom push services may contact about this server's pushes.
  VAPID_SUBJECT: optional(z.string().trim().regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, 'must be a mailto: address or an https:// URL')),
  // The push services Kordon sends to (host or *.domain, comma-separated); a subscription elsewhere is refused.
  PUSH_SERVICE_HOSTS: optional(z.string()).transform((value) => {
    const hosts = (value ?? '').split(',').map((part) => part.trim()).filter(Boolean);
    return hosts.length > 0 ? hosts : DEFAULT_PUSH_SERVICE_HOSTS;
  }),
  // Browser origins, besides the app's own host, whose pages may open Socket.IO connections.
  ALLOWED_ORIGINS: optional(z.string())
    .transform((value) => (value ?? '').split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(z.string().refine((origin) => normaliseOrigin(origin) === origin, 'must be a comma-separated list of origins such as https://kordon.example')))
    ,
}).superRefine((config, ctx) => {
  // Nodes on several machines would each make a secret of their own and count one phone as several.
  if (Boolean(config.VAPID_PUBLIC_KEY) !== Boolean(config.VAPID_PRIVATE_KEY)) {
    ctx.addIssue({ code: 'custom', path: [config.VAPID_PUBLIC_KEY ? 'VAPID_PRIVATE_KEY' : 'VAPID_PUBLIC_KEY'], message: 'is required with the other VAPID key' });
  }
  if (config.REDIS_URL && !config.DEVICE_KEY_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['DEVICE_KEY_SECRET'], message: 'is required with REDIS_URL: every node must hash device keys with the same secret' });
  }
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
    const secret = variable === 'DATABASE_URL' || variable === 'REDIS_URL' || variable === 'DEVICE_KEY_SECRET' || variable === 'MODERATOR_TOKEN' || variable === 'TELEGRAM_BOT_TOKEN' || variable === 'VAPID_PRIVATE_KEY';
    const shown = secret ? '' : ` (got "${value}")`;
    return `  ${variable}: ${issue.message}${value === undefined ? '' : shown}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
