// Two real Kordon processes on different ports, one PostgreSQL database and
// one Redis: a subscriber on one node hears reports sent to the other, both
// end on one estimate, one node at a time runs the tick, and when that node
// is killed the other serves on and takes the tick over.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Estimate } from '../../lib/estimates/types';
import { aReport, connect, newDeviceKey, nextUpdate, onEachEstimate, type Client } from '../helpers/clients';
import { createTestDatabase, usingServer, type TestDatabase } from '../helpers/database';
import { redisPrefix, redisUrl } from '../helpers/redis';
import { startServer, type RunningServer } from '../helpers/server';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';

let database: TestDatabase;
let a: RunningServer;
let b: RunningServer;
/** Node B reaches Redis through this relay, so a test can take Redis away from B alone. */
let bToRedis: TcpProxy;
const sockets: Client[] = [];
const LEADS = 'runs the jobs of one node';

async function client(server: RunningServer) {
  const socket = await connect(server.url, newDeviceKey());
  sockets.push(socket);
  return socket;
}

/** What every node of one test shares: the database, Redis under a prefix of its own, the device key secret. */
const sharedEnv = (db: TestDatabase) => ({
  ...db.env, REDIS_URL: redisUrl!, REDIS_PREFIX: redisPrefix(), DEVICE_KEY_SECRET: 'nodes-test-device-key-secret-0123456789',
});

const leads = (server: RunningServer) => server.logs.some((line) => line.msg?.startsWith(LEADS));

describe.skipIf(!usingServer || !redisUrl)('two nodes sharing PostgreSQL and Redis', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { ...sharedEnv(database), ESTIMATE_TICK_MS: '1000', REPORT_LIMIT_PER_DEVICE: '4' };
    a = await startServer(env);
    // A first, so that A runs the tick until it dies.
    await vi.waitFor(() => expect(leads(a)).toBe(true), { timeout: 10_000, interval: 100 });
    const redis = new URL(redisUrl!);
    bToRedis = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    redis.host = `127.0.0.1:${bToRedis.port}`;
    b = await startServer({ ...env, REDIS_URL: redis.toString() });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await bToRedis?.close();
    await database?.drop();
  });

  it('a subscriber on node B hears a report sent to node A', async () => {
    expect(a.ready.redis).toMatch(/^Redis at /);
    const [reporter, listener] = await Promise.all([client(a), client(b)]);
    await listener.emitWithAck('checkpoint:subscribe', { borders: ['KZ'] });
    const heard = nextUpdate(listener, (e) => e.checkpointId === 'mashtakovo');
    const sent = await reporter.emitWithAck('report:create', aReport({ checkpointId: 'mashtakovo', waitMinutes: 300 }));
    expect(sent.ok).toBe(true);
    expect(await heard).toEqual(sent.ok && sent.data.estimate);
  });

  it('reports for one checkpoint sent to both nodes at once end in one estimate with both, and every client ends on it', async () => {
    const [onA, onB, watchA, watchB] = await Promise.all([client(a), client(b), client(a), client(b)]);
    const last = new Map<Client, Estimate>();
    for (const watcher of [watchA, watchB]) {
      await watcher.emitWithAck('checkpoint:subscribe', { ids: ['verkhny-lars'] });
      onEachEstimate(watcher, (e) => {
        if (e.checkpointId === 'verkhny-lars' && (last.get(watcher)?.version ?? 0) < e.version) last.set(watcher, e);
      });
    }
    const [first, second] = await Promise.all([
      onA.emitWithAck('report:create', aReport({ waitMinutes: 120 })),
      onB.emitWithAck('report:create', aReport({ waitMinutes: 180 })),
    ]);
    expect(first.ok && second.ok).toBe(true);
    const versions = [first, second].map((ack) => (ack.ok ? ack.data.estimate.version : 0)).sort();
    expect(versions).toEqual([1, 2]);
    const final = [first, second].find((ack) => ack.ok && ack.data.estimate.version === 2)!;
    expect(final.ok && final.data.estimate.reports).toBe(2);
    await expect.poll(() => [last.get(watchA)?.version, last.get(watchB)?.version]).toEqual([2, 2]);
    expect(last.get(watchA)).toEqual(last.get(watchB));
  });

  it('holds one device to its rate limit across both nodes', async () => {
    const key = newDeviceKey();
    const [onA, onB] = [await connect(a.url, key), await connect(b.url, key)];
    sockets.push(onA, onB);
    for (const socket of [onA, onB, onA, onB]) expect((await socket.emitWithAck('report:create', aReport({ checkpointId: 'torfyanovka' }))).ok).toBe(true);
    for (const socket of [onA, onB]) {
      expect(await socket.emitWithAck('report:create', aReport({ checkpointId: 'torfyanovka' }))).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    }
  });

  it('a node that lost Redis for a while catches its clients up once Redis is back', async () => {
    const [reporter, listener] = await Promise.all([client(a), client(b)]);
    await listener.emitWithAck('checkpoint:subscribe', { ids: ['karauzek'] });
    const heard: Estimate[] = [];
    onEachEstimate(listener, (e) => e.checkpointId === 'karauzek' && heard.push(e));

    await bToRedis.cut();
    await vi.waitFor(() => expect(b.logs.some((line) => line.msg?.startsWith('lost Redis'))).toBe(true), { timeout: 5_000 });
    const sent = await reporter.emitWithAck('report:create', aReport({ checkpointId: 'karauzek', waitMinutes: 45 }));
    expect(sent.ok).toBe(true);
    // B keeps taking reports meanwhile, its limits in its own memory.
    expect((await listener.emitWithAck('report:create', aReport({ checkpointId: 'ozinki' }))).ok).toBe(true);
    // The broadcast went while B was cut off: it never reaches B.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(heard).toEqual([]);

    await bToRedis.restore();
    await vi.waitFor(() => expect(heard.at(-1)).toEqual(sent.ok && sent.data.estimate), { timeout: 15_000, interval: 100 });
  });

  it('one node runs the tick; killing it leaves the other serving and ticking', async () => {
    expect([leads(a), leads(b)]).toEqual([true, false]);
    const listener = await client(b);
    await listener.emitWithAck('checkpoint:subscribe', { ids: ['kyakhta'] });
    const sent = await listener.emitWithAck('report:create', aReport({ checkpointId: 'kyakhta', waitMinutes: 90 }));
    expect(sent.ok).toBe(true);

    await a.stop('SIGKILL');
    await expect.poll(() => leads(b), { timeout: 15_000 }).toBe(true);
    expect((await fetch(`${b.url}/api/health`)).status).toBe(200);

    // Only time can change this estimate now: age its report past "stale" and wait for B's tick.
    await database.query(`UPDATE "Report" SET "createdAt" = now() - interval '12 hours 1 minute' WHERE "checkpointId" = 'kyakhta'`);
    const ticked = await nextUpdate(listener, (e) => e.checkpointId === 'kyakhta', 10_000);
    expect(ticked).toMatchObject({ stale: true, version: (sent.ok ? sent.data.estimate.version : 0) + 1 });
    expect((await listener.emitWithAck('report:create', aReport({ checkpointId: 'kyakhta', waitMinutes: 60 }))).ok).toBe(true);
  });
});

describe.skipIf(!usingServer || !redisUrl)('a node started while Redis is down', () => {
  let shared: TestDatabase;
  let first: RunningServer;
  let late: RunningServer;
  let relay: TcpProxy;

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await Promise.all([first?.stop(), late?.stop()]);
    await relay?.close();
    await shared?.drop();
  });

  it('serves alone and says so, then shares once Redis answers', async () => {
    shared = await createTestDatabase();
    const env = sharedEnv(shared);
    first = await startServer(env);
    const redis = new URL(redisUrl!);
    relay = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    await relay.cut();
    redis.host = `127.0.0.1:${relay.port}`;
    late = await startServer({ ...env, REDIS_URL: redis.toString() });
    expect(late.ready).toMatchObject({ redisConnected: false });
    expect(late.ready.msg).toContain('unreachable: a single node until it is back');
    const health = async () => (await (await fetch(`${late.url}/api/health`)).json()) as { status: string; redis?: string };
    expect(await health()).toEqual({ status: 'ok', redis: 'unreachable' });
    const alone = await client(late);
    expect((await alone.emitWithAck('report:create', aReport({ checkpointId: 'kulunda' }))).ok).toBe(true);

    await relay.restore();
    await vi.waitFor(async () => expect(await health()).toEqual({ status: 'ok', redis: 'connected' }), { timeout: 15_000, interval: 200 });
    // Now a report sent to the first node reaches a subscriber of the late one.
    await alone.emitWithAck('checkpoint:subscribe', { ids: ['kulunda'] });
    const heard: Estimate[] = [];
    onEachEstimate(alone, (e) => e.checkpointId === 'kulunda' && heard.push(e));
    const reporter = await client(first);
    const sent = await reporter.emitWithAck('report:create', aReport({ checkpointId: 'kulunda', waitMinutes: 90 }));
    expect(sent.ok).toBe(true);
    await vi.waitFor(() => expect(heard.some((e) => sent.ok && e.version === sent.data.estimate.version)).toBe(true), { timeout: 10_000, interval: 100 });
  });
});
