// Security headers on every response, a CSP that runs only this host's
// scripts, and Socket.IO refusing pages from other sites.
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startServer, type RunningServer } from '../helpers/server';

let database: TestDatabase;
let server: RunningServer;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startServer({ ...database.env, ALLOWED_ORIGINS: 'https://mirror.example' });
});

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

/** Resolves with "connected" or the refusal, for a client whose page came from `origin`. */
function handshake(origin: string | undefined, transport: 'websocket' | 'polling'): Promise<string> {
  const socket = io(server.url, {
    path: '/socket.io',
    transports: [transport],
    reconnection: false,
    ...(origin ? { extraHeaders: { origin } } : {}),
  });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.close();
      resolve('connected');
    });
    socket.once('connect_error', (error) => {
      socket.close();
      resolve(`refused: ${error.message}`);
    });
  });
}

describe('HTTP responses', () => {
  it('carry a CSP whose nonce is on every script of the page, and no other host for scripts', async () => {
    const response = await fetch(`${server.url}/checkpoints/kyakhta`);
    const policy = response.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    const scriptSrc = policy.split(';').find((part) => part.trim().startsWith('script-src'))!;
    expect(scriptSrc).not.toMatch(/https?:|\*/);
    expect(policy).toContain("frame-ancestors 'none'");
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    // A fresh nonce per response.
    const again = (await fetch(`${server.url}/`)).headers.get('content-security-policy');
    expect(again).not.toContain(nonce!);
  });

  it('carry the other security headers on pages and the API alike', async () => {
    for (const path of ['/', '/api/checkpoints', '/api/health', '/no-such-page']) {
      const headers = (await fetch(`${server.url}${path}`)).headers;
      expect(headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(headers.get('x-frame-options'), path).toBe('DENY');
      expect(headers.get('content-security-policy'), path).toContain("default-src 'self'");
    }
  });
});

describe('Socket.IO origins', () => {
  it('refuses a page from another site, over WebSocket and long-polling', async () => {
    expect(await handshake('https://evil.example', 'websocket')).toMatch(/^refused/);
    expect(await handshake('https://evil.example', 'polling')).toMatch(/^refused/);
    expect(await handshake('null', 'polling')).toMatch(/^refused/);
  });

  it('accepts this host’s own pages, allowed origins, and clients that are not browsers', async () => {
    const own = `http://127.0.0.1:${server.port}`;
    expect(await handshake(own, 'websocket')).toBe('connected');
    expect(await handshake(own, 'polling')).toBe('connected');
    expect(await handshake('https://mirror.example', 'websocket')).toBe('connected');
    expect(await handshake(undefined, 'websocket')).toBe('connected');
  });
});
