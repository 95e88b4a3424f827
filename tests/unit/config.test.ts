import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../server/config';

describe('parseConfig', () => {
  it('has working defaults for a fresh machine: port 3000, embedded database under ./data', () => {
    expect(parseConfig({})).toEqual({
      NODE_ENV: 'production',
      PORT: 3000,
      DATA_DIR: './data',
      REDIS_PREFIX: 'kordon',
      DATABASE_POOL_SIZE: 10,
      DATABASE_SOCKET_CLIENTS: 0,
      LOG_LEVEL: 'info',
      ESTIMATE_TICK_MS: 60_000,
      REPORT_LIMIT_PER_DEVICE: 10,
      REPORT_LIMIT_PER_ADDRESS: 1000,
      PUSH_SUBSCRIPTIONS_PER_ADDRESS: 600,
      REPORT_LIMIT_WINDOW_SECONDS: 600,
      REPORT_UNPROVEN_DEVICES_PER_ADDRESS: 10,
      REPORT_UNPROVEN_WINDOW_SECONDS: 21600,
      PROOF_COST: 5000,
      PROOF_TRIES: 3700,
      REPORT_IPV6_PREFIX: 64,
      ALLOWED_ORIGINS: [],
      TRUST_PROXY: [],
      REPORT_RETENTION_DAYS: 30,
      SHUTDOWN_TIMEOUT_MS: 5000,
      FIRST_BYTE_TIMEOUT_MS: 10_000,
      CONNECTIONS_MAX: 20_000,
      REQUESTS_PER_CONNECTION: 300,
      PUSH_SERVICE_HOSTS: ['fcm.googleapis.com', 'updates.push.services.mozilla.com', '*.notify.windows.com', 'web.push.apple.com', '*.push.apple.com'],
    });
  });

  it('takes push services and a bot token, keeps both VAPID keys or neither, and names a bad one', () => {
    expect(parseConfig({ PUSH_SERVICE_HOSTS: 'push.example, *.push.example' }).PUSH_SERVICE_HOSTS).toEqual(['push.example', '*.push.example']);
    expect(() => parseConfig({ VAPID_PUBLIC_KEY: 'B'.repeat(87) })).toThrow(/VAPID_PRIVATE_KEY/);
    expect(() => parseConfig({ TELEGRAM_BOT_TOKEN: 'not-a-token' })).toThrow(/TELEGRAM_BOT_TOKEN/);
    expect(() => parseConfig({ TELEGRAM_WEBHOOK_URL: 'http://kordon.example/telegram/webhook' })).toThrow(/TELEGRAM_WEBHOOK_URL/);
  });

  it('reads PORT, HOST and DATABASE_URL', () => {
    const config = parseConfig({ PORT: '8080', HOST: '127.0.0.1', DATABASE_URL: 'postgresql://kordon:secret@db:5432/kordon' });
    expect(config).toMatchObject({ PORT: 8080, HOST: '127.0.0.1', DATABASE_URL: 'postgresql://kordon:secret@db:5432/kordon' });
  });

  it('treats an empty variable as unset', () => {
    expect(parseConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ PORT: 3000, DATABASE_URL: undefined });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '65536'],
    ['PORT', '80.5'],
    ['DATABASE_URL', 'mysql://localhost/kordon'],
    ['DATABASE_URL', 'not a url'],
    ['LOG_LEVEL', 'loud'],
    ['NODE_ENV', 'staging'],
    ['DATABASE_POOL_SIZE', '0'],
    ['DEVICE_KEY_SECRET', 'too-short'],
    ['ESTIMATE_TICK_MS', '10'],
    ['REPORT_LIMIT_PER_DEVICE', '0'],
    ['PUSH_SUBSCRIPTIONS_PER_ADDRESS', '0'],
    ['REDIS_URL', 'http://localhost:6379'],
    ['REDIS_PREFIX', 'has spaces'],
    ['MODERATOR_TOKEN', 'short'],
  ])('refuses %s=%s, naming the variable', (variable, value) => {
    expect(() => parseConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => parseConfig({ [variable]: value })).toThrow(new RegExp(`^Invalid configuration:\\n  ${variable}: `));
  });

  it('takes an https tile template with {z}, {x} and {y}, and refuses anything else', () => {
    const url = 'https://tiles.example.org/{z}/{x}/{y}.png';
    expect(parseConfig({ TILE_URL: url, TILE_ATTRIBUTION: '© Example' })).toMatchObject({ TILE_URL: url, TILE_ATTRIBUTION: '© Example' });
    for (const bad of ['http://tiles.example.org/{z}/{x}/{y}.png', 'https://tiles.example.org/{z}/{x}.png', 'not a url']) {
      expect(() => parseConfig({ TILE_URL: bad })).toThrow(/TILE_URL: must be an https:\/\/ tile template/);
    }
  });

  it('reads ALLOWED_ORIGINS as a list of origins and refuses anything that is not one', () => {
    expect(parseConfig({ ALLOWED_ORIGINS: 'https://kordon.example, http://localhost:8080' }).ALLOWED_ORIGINS).toEqual([
      'https://kordon.example',
      'http://localhost:8080',
    ]);
    for (const bad of ['kordon.example', 'https://kordon.example/path', 'ftp://kordon.example']) {
      expect(() => parseConfig({ ALLOWED_ORIGINS: bad })).toThrow(/ALLOWED_ORIGINS: must be a comma-separated list of origins/);
    }
  });

  it('reads TRUST_PROXY as a list of proxies and refuses what is not an address, range or preset', () => {
    expect(parseConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8 ,192.0.2.10' }).TRUST_PROXY).toEqual(['loopback', '10.0.0.0/8', '192.0.2.10']);
    for (const bad of ['everyone', '10.0.0.0/99', 'proxy.example']) {
      expect(() => parseConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY: must be a comma-separated list of IP addresses/);
    }
  });

  it('lists every bad variable at once', () => {
    expect(() => parseConfig({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(/PORT: .*\n  LOG_LEVEL: /s);
  });

  it('needs DEVICE_KEY_SECRET with REDIS_URL: several nodes must hash device keys alike', () => {
    expect(() => parseConfig({ REDIS_URL: 'redis://cache:6379' })).toThrow(/^Invalid configuration:\n  DEVICE_KEY_SECRET: is required with REDIS_URL/);
    expect(parseConfig({ REDIS_URL: 'redis://cache:6379', DEVICE_KEY_SECRET: 'x'.repeat(32) })).toMatchObject({ REDIS_URL: 'redis://cache:6379' });
  });

  it('never echoes DATABASE_URL or REDIS_URL, which may hold a password', () => {
    expect(() => parseConfig({ DATABASE_URL: 'mysql://user:hunter2@db/kordon' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
    expect(() => parseConfig({ REDIS_URL: 'http://:hunter2@cache:6379' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });
});
