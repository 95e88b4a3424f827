// What a node defends by itself at the TCP level (server/connection-guard.ts):
// connections that never send a byte are closed, and no address can hold
// enough of them to spend the process's file descriptors or shut out the
// phones that share it; and above it, what one Socket.IO connection may ask
// (server/rate-limits.ts).
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { aReport, connect } from '../helpers/clients';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startServer, type RunningServer } from '../helpers/server';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()!();
});

async function serve(env: Record<string, string>, options: { fdLimit?: number } = {}): Promise<{ server: RunningServer; database: TestDatabase }> {
  const database = await createTestDatabase();
  cleanup.push(() => database.drop());
  const server = await startServer({ ...database.env, ...env }, 60_000, options);
  cleanup.push(() => server.stop('SIGKILL'));
  return { server, database };
}

/** A connection that says nothing; resolves `closed` when the server hangs up. */
function silentSocket(port: number, localAddress = '127.0.0.1') {
  const socket = net.connect({ host: '127.0.0.1', port, localAddress });
  const state = { isClosed: false };
  const closed = new Promise<number>((resolve) =>
    socket.once('close', () => {
      state.isClosed = true;
      resolve(Date.now());
    }),
  );
  socket.on('error', () => {});
  cleanup.push(async () => socket.destroy());
  return { socket, closed, state, connected: new Promise<void>((resolve) => socket.once('connect', () => resolve())) };
}

const health = (url: string) =>
  fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) }).then((response) => response.status, () => 'no answer');

describe('connections that never send a byte', () => {
  it('are closed after FIRST_BYTE_TIMEOUT_MS, while one that speaks is served', async () => {
    const { server } = await serve({ FIRST_BYTE_TIMEOUT_MS: '1000' });
    const opened = Date.now();
    const silent = Array.from({ length: 5 }, () => silentSocket(server.port));
    await Promise.all(silent.map((s) => s.connected));
    const closedAt = await Promise.race([Promise.all(silent.map((s) => s.closed)), new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000))]);
    expect(closedAt, 'silent sockets still open after 10 s').not.toBeNull();
    for (const at of closedAt!) expect(at - opened).toBeGreaterThanOrEqual(900);
    expect(await health(server.url)).toBe(200);
  });
});

/** A page's request from one address (a phone behind a carrier's NAT): its status, or 'no answer'. */
function getFrom(url: string, localAddress: string): Promise<number | 'no answer'> {
  return new Promise((resolve) => {
    const request = http.get(url, { localAddress, agent: false, timeout: 5_000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve('no answer'));
  });
}

describe('one address holding many connections', () => {
  it('cannot shut out the phones that share its address: when the node is full, the address holding the most gives one up', async () => {
    const { server } = await serve({ FIRST_BYTE_TIMEOUT_MS: '60000', CONNECTIONS_MAX: '60' });
    // A script behind a carrier's address opens twice what the node may hold.
    const hogs = Array.from({ length: 120 }, () => silentSocket(server.port, '127.0.0.2'));
    await Promise.all(hogs.map((s) => Promise.race([s.connected, s.closed])));
    await expect.poll(() => hogs.filter((s) => !s.state.isClosed).length, { timeout: 10_000 }).toBeLessThanOrEqual(60);
    // A phone behind the same address, and one elsewhere, load the page; each takes a connection of the script's.
    for (const address of ['127.0.0.2', '127.0.0.3']) {
      expect(await getFrom(`${server.url}/api/health`, address), address).toBe(200);
      expect(await getFrom(`${server.url}/list`, address), address).toBe(200);
    }
    expect(hogs.filter((s) => !s.state.isClosed).length).toBeLessThanOrEqual(60);
    expect(hogs.filter((s) => !s.state.isClosed).length).toBeGreaterThanOrEqual(50);
  });

  it('cannot spend the file descriptors: 1,100 silent connections from one address under ulimit -n 1024 leave health answering', async () => {
    const { server } = await serve({ FIRST_BYTE_TIMEOUT_MS: '60000' }, { fdLimit: 1024 });
    const hogs = Array.from({ length: 1100 }, () => silentSocket(server.port, '127.0.0.2'));
    await Promise.all(hogs.map((s) => Promise.race([s.connected, s.closed])));
    // The node holds what its descriptors allow, 256 kept for everything else, and closes the rest.
    await expect.poll(() => hogs.filter((s) => s.state.isClosed).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1100 - 768);
    expect(hogs.filter((s) => !s.state.isClosed).length).toBeLessThanOrEqual(768);
    expect(await health(server.url)).toBe(200);
    expect(await getFrom(`${server.url}/api/health`, '127.0.0.2')).toBe(200);
    const { checkpoints } = (await (await fetch(`${server.url}/api/checkpoints`)).json()) as { checkpoints: unknown[] };
    expect(checkpoints).toHaveLength(46);
  });
});

describe('one Socket.IO connection asking without pause', () => {
  it('is answered rate_limited past REQUESTS_PER_CONNECTION a minute, saying when to come back, and closed if it keeps on; another connection from the same address is served', async () => {
    const { server } = await serve({ REQUESTS_PER_CONNECTION: '20' });
    const flood = await connect(server.url, 'flood-test-device-0001');
    const neighbour = await connect(server.url, 'neighbour-test-device-01');
    cleanup.push(async () => flood.close(), async () => neighbour.close());
    const answers = await Promise.all(Array.from({ length: 50 }, () => flood.timeout(10_000).emitWithAck('checkpoint:subscribe', { borders: ['FI', 'GE', 'KZ', 'MN'] })));
    expect(answers.filter((answer) => answer.ok)).toHaveLength(20);
    const refused = answers.filter((answer) => !answer.ok);
    expect(refused).toHaveLength(30);
    for (const answer of refused) {
      expect(answer).toMatchObject({ ok: false, error: { code: 'rate_limited', limit: 'connection' } });
      if (!answer.ok) expect(answer.error.retryAfter).toBeGreaterThanOrEqual(1);
    }
    // Every kind of request counts, a report too; the report is refused, not lost: the page keeps it and sends it later.
    // Thirty refusals in a row is a script that does not wait when told: the next is answered, and the connection closed.
    expect(flood.connected).toBe(true);
    expect(await flood.timeout(10_000).emitWithAck('report:create', aReport())).toMatchObject({ ok: false, error: { code: 'rate_limited', limit: 'connection' } });
    await expect.poll(() => flood.connected, { timeout: 5000 }).toBe(false);
    // The same address on another connection (a phone beside it behind one carrier NAT) is served as usual.
    expect((await neighbour.timeout(10_000).emitWithAck('checkpoint:subscribe', { borders: ['MN'] })).ok).toBe(true);
    const report = aReport();
    expect(await neighbour.timeout(10_000).emitWithAck('report:create', report)).toMatchObject({ ok: true, data: { report: { id: report.id } } });
  });
});

describe('one client asking for many different reads at once', () => {
  it('cannot fill the queue of reads: any period of a week, or a made-up id, is no read of its own, and everyone’s list and pages are answered', async () => {
    const { server } = await serve({});
    const ids = ['verkhny-lars', 'kyakhta', 'torfyanovka', 'vishnevka', 'mashtakovo'];
    // 900 at once, as one script can: every period of a week at five crossings, and ids nobody has.
    const flood = Array.from({ length: 900 }, (_, i) => (i % 3 === 2 ? `/api/checkpoints/made-up-${i}` : `/api/checkpoints/${ids[i % ids.length]}?hours=${1 + (i % 168)}`));
    const statusOf = (path: string) => fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(30_000) }).then((response) => response.status, () => 0);
    const flooded = Promise.all(flood.map(statusOf));
    // Meanwhile everyone else reads the list and opens the pages.
    const honest = await Promise.all(['/api/checkpoints', '/', '/list', '/checkpoints/kyakhta', '/api/checkpoints/kyakhta?hours=24'].map(async (path) => [path, await statusOf(path)] as const));
    const statuses = await flooded;
    expect(Object.fromEntries(honest)).toEqual({ '/api/checkpoints': 200, '/': 200, '/list': 200, '/checkpoints/kyakhta': 200, '/api/checkpoints/kyakhta?hours=24': 200 });
    expect(statuses.filter((status, i) => status !== (i % 3 === 2 ? 404 : 200))).toEqual([]);
  });
});
