// Fan-out: N subscribed WebSocket clients, one estimate update a second, and
// how long each update takes to reach each client; the same load against a
// minimal raw `ws` broadcast server, for the ratio. Also the server's heap per
// connected client. Kordon, the raw server and the clients (in
// BENCH_GENERATORS processes, from several 127.0.0.x addresses) each run in
// processes of their own on loopback. Run: npm run bench:fanout
// Env: BENCH_N (1000,5000,10000,15000,17500,19500), BENCH_UPDATES (20),
// BENCH_GENERATORS (2), BENCH_SERVERS (kordon,socket.io,ws); TEST_DATABASE_URL's server when set, else PGlite.
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aReport, newDeviceKey } from '../tests/helpers/clients';
import { createTestDatabase } from '../tests/helpers/database';
import { startServer, type RunningServer } from '../tests/helpers/server';
import { startWorker, statsOf, type ProcessStats, type Worker } from './lib/ipc';
import { machine, sleep, summary } from './lib/stats';

// 19,500, not 20,000: one process may hold 20,000 descriptors here, and the server needs a few of its own.
const NS = (process.env.BENCH_N ?? '1000,5000,10000,15000,17500,19500').split(',').map(Number);
const UPDATES = Number(process.env.BENCH_UPDATES ?? 20);
const GENERATORS = Number(process.env.BENCH_GENERATORS ?? 2);
const SERVERS = (process.env.BENCH_SERVERS ?? 'kordon,socket.io,ws').split(',');
const OUT_DIR = process.env.BENCH_OUT ?? fileURLToPath(new URL('./results/', import.meta.url));
/** The target: 95 % of deliveries within this, and (almost) every one delivered. */
const WITHIN_MS = 500;
const KZ = ['mashtakovo', 'vishnevka', 'karauzek', 'sagarchin', 'ilek', 'orsk', 'petukhovo', 'kulunda'];
/** An estimate as Kordon sends it, so the raw server's messages weigh the same. */
const SAMPLE = {
  checkpointId: 'mashtakovo', direction: 'out', mode: 'car', waitMinutes: 720, low: 540, high: 960, queueVehicles: 1700, reports: 14,
  lastReportAt: '2022-09-26T08:41:07.120Z', updatedAt: '2022-09-26T08:41:07.120Z', confidence: 'high', stale: false, trend: 'rising', version: 37,
};

type Kind = 'kordon' | 'socket.io' | 'ws';
interface Target {
  kind: Kind;
  url: string;
  process: Worker['child'];
  /** Makes one update happen; returns its message id, or null when no broadcast followed. */
  update(seq: number): Promise<string | null>;
}

const fileLimit = Number(execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim()) || 0;
const database = await createTestDatabase();
let kordon: RunningServer | undefined;
let raw: Worker<{ port: number }> | undefined;
let bare: Worker<{ port: number }> | undefined;
const generators: Worker[] = [];
try {
  kordon = await startServer(
    { ...database.env, REPORT_LIMIT_PER_ADDRESS: '100000000', REPORT_LIMIT_PER_DEVICE: '1000' },
    60_000,
    { entry: 'bench/lib/kordon-node.ts', nodeArgs: ['--expose-gc', ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [])], ipc: true },
  );
  raw = await startWorker<{ port: number }>('bench/lib/raw-ws-server.ts', ['--expose-gc']);
  bare = await startWorker<{ port: number }>('bench/lib/socketio-server.ts', ['--expose-gc']);
  for (let g = 0; g < GENERATORS; g += 1) generators.push(await startWorker('bench/lib/fanout-clients.ts'));

  const kordonUrl = kordon.url;
  const targets: Target[] = [
    {
      kind: 'kordon',
      url: kordonUrl,
      process: kordon.process,
      async update(seq) {
        const response = await fetch(`${kordonUrl}/api/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-device-key': newDeviceKey() },
          body: JSON.stringify(aReport({ checkpointId: KZ[seq % KZ.length], waitMinutes: 60 + seq })),
        });
        const body = (await response.json()) as { estimate?: { checkpointId: string; version: number } };
        return body.estimate ? `${body.estimate.checkpointId}/${body.estimate.version}` : null;
      },
    },
    {
      kind: 'socket.io',
      url: `http://127.0.0.1:${bare.ready.port}`,
      process: bare.child,
      async update(seq) {
        bare!.child.send({ type: 'broadcast', payload: { ...SAMPLE, version: seq } });
        return `${SAMPLE.checkpointId}/${seq}`;
      },
    },
    {
      kind: 'ws',
      url: `ws://127.0.0.1:${raw.ready.port}`,
      process: raw.child,
      async update(seq) {
        const id = `raw/${seq}`;
        raw!.child.send({ type: 'broadcast', payload: { ...SAMPLE, id } });
        return id;
      },
    },
  ];

  let seq = 0;
  const rows: Record<string, unknown>[] = [];
  for (const target of targets.filter((t) => SERVERS.includes(t.kind))) {
    for (const n of NS) {
      const before = await statsOf(target.process);
      const started = Date.now();
      const connected = await Promise.all(
        generators.map((generator, g) => {
          const count = Math.floor(n / GENERATORS) + (g < n % GENERATORS ? 1 : 0);
          // Each generator its own source addresses: a loopback address has about 28,000 ports to give.
          const addresses = Array.from({ length: 4 }, (_, i) => `127.0.0.${2 + g * 4 + i}`);
          const protocol = target.kind === 'ws' ? 'ws' : 'socket.io';
          return generator.ask<{ connected: number; failed: number }>({ type: 'connect', protocol, url: target.url, count, addresses }, 'connected');
        }),
      );
      const connectMs = Date.now() - started;
      const clients = connected.reduce((sum, c) => sum + c.connected, 0);
      const failedToConnect = connected.reduce((sum, c) => sum + c.failed, 0);
      await sleep(2000);
      const idle = await statsOf(target.process);

      const ids: string[] = [];
      const due = Date.now();
      for (let u = 0; u < UPDATES; u += 1) {
        await sleep(Math.max(0, due + u * 1000 - Date.now()));
        const id = await target.update((seq += 1));
        if (id) ids.push(id);
      }
      await sleep(3000);
      const busy = await statsOf(target.process);
      const collected = await Promise.all(generators.map((generator) => generator.ask<{ received: Record<string, number[]> }>({ type: 'collect' }, 'collected')));
      await Promise.all(generators.map((generator) => generator.ask({ type: 'disconnect' }, 'disconnected')));
      await sleep(2000);

      const latencies: number[] = [];
      let onTime = 0;
      for (const id of ids) {
        const got = collected.flatMap((c) => c.received[id] ?? []);
        for (const ms of got) latencies.push(ms);
        if (got.filter((ms) => ms <= WITHIN_MS).length >= 0.95 * n) onTime += 1;
      }
      const delivery = summary(latencies);
      const deliveredShare = Math.round((1e4 * latencies.length) / Math.max(1, ids.length * n)) / 1e4;
      const perClient = (a: ProcessStats, b: ProcessStats) => Math.round((b.heapUsed - a.heapUsed) / Math.max(1, clients));
      const cpuMs = (a: ProcessStats, b: ProcessStats) => Math.round((b.cpu.user + b.cpu.system - a.cpu.user - a.cpu.system) / 1000);
      const row = {
        server: target.kind,
        clients: n,
        connected: clients,
        failedToConnect,
        connectMs,
        updates: ids.length,
        deliveryMs: delivery,
        deliveredShare,
        broadcastsOnTime: ids.length ? Math.round((1000 * onTime) / ids.length) / 1000 : 0,
        meetsTarget: failedToConnect === 0 && deliveredShare >= 0.999 && delivery.p95 <= WITHIN_MS,
        heapBytesPerClient: perClient(before, idle),
        rssMiBIdle: Math.round(idle.rss / 2 ** 20),
        serverCpuMsPerUpdate: ids.length ? Math.round(cpuMs(idle, busy) / ids.length) : null,
      };
      rows.push(row);
      console.log(
        `${target.kind.padEnd(9)} ${String(n).padStart(6)} clients: delivery p50 ${delivery.p50} ms, p95 ${delivery.p95} ms, p99 ${delivery.p99} ms; ` +
          `delivered ${(deliveredShare * 100).toFixed(1)} %; heap ${row.heapBytesPerClient} B/client; connect ${connectMs} ms` +
          `${failedToConnect ? `; ${failedToConnect} failed to connect` : ''}${row.meetsTarget ? '' : '  ← misses the target'}`,
      );
      // A size that fails will not pass bigger: stop this server here.
      if (!row.meetsTarget) break;
    }
  }

  const largest = (kind: Kind) => Math.max(0, ...rows.filter((r) => r.server === kind && r.meetsTarget).map((r) => r.clients as number));
  const p95At = (kind: Kind, n: number) => (rows.find((r) => r.server === kind && r.clients === n)?.deliveryMs as { p95: number } | undefined)?.p95;
  const at10k = { kordon: p95At('kordon', 10_000), socketIo: p95At('socket.io', 10_000), ws: p95At('ws', 10_000) };
  const result = {
    ranAt: new Date().toISOString(),
    machine: machine(),
    database: database.kind,
    fileLimit,
    generators: GENERATORS,
    updatesPerSize: UPDATES,
    criterion: `95 % of deliveries within ${WITHIN_MS} ms and at least 99.9 % delivered`,
    largestPassing: { kordon: largest('kordon'), socketIo: largest('socket.io'), ws: largest('ws'), ratio: largest('ws') ? Math.round((100 * largest('kordon')) / largest('ws')) / 100 : null },
    p95At10k: at10k,
    rows,
  };
  console.log(
    `\nlargest N meeting the target: Kordon ${result.largestPassing.kordon}, bare Socket.IO ${result.largestPassing.socketIo}, ` +
      `raw ws ${result.largestPassing.ws} (Kordon / raw ws ${result.largestPassing.ratio}); file limit ${fileLimit}`,
  );
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'fanout.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${join(OUT_DIR, 'fanout.json')}`);
} finally {
  for (const generator of generators) generator.stop();
  raw?.stop();
  bare?.stop();
  await kordon?.stop();
  await database.drop();
}
