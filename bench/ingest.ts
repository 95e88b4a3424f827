// Ingest: how many reports a second one node stores durably (committed,
// estimate recomputed, broadcast to subscribers, acknowledged), with the ack
// latency at a few fixed rates; and plain `pg` INSERTs of the same rows into
// the same table, the ceiling, for the ratio. Kordon and the load generators
// run in processes of their own on loopback. Run: npm run bench:ingest
// Env: BENCH_RATES (100,250,500,750,1000,1500), BENCH_SECONDS (10),
// BENCH_SUBSCRIBERS (100), BENCH_REPORTERS (50), BENCH_CHECKPOINTS (all 46: how many
// checkpoints the reports spread over; 1 is one hot crossing); needs TEST_DATABASE_URL (a
// PostgreSQL server) for the INSERT ceiling, else runs on PGlite without it.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createTestDatabase } from '../tests/helpers/database';
import { startServer, type RunningServer } from '../tests/helpers/server';
import { startWorker, statsOf, type Worker } from './lib/ipc';
import { machine, summary } from './lib/stats';

const RATES = (process.env.BENCH_RATES ?? '100,250,500,750,1000,1500').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 100);
const REPORTERS = Number(process.env.BENCH_REPORTERS ?? 50);
const POOL = 10; // DATABASE_POOL_SIZE's default: the same connections Kordon has
const OUT_DIR = process.env.BENCH_OUT ?? fileURLToPath(new URL('./results/', import.meta.url));
/** Target: at least 500 durable reports/s with ack p99 under this. */
const ACK_P99_MS = 100;

const database = await createTestDatabase();
let kordon: RunningServer | undefined;
const workers: Worker[] = [];
try {
  kordon = await startServer(
    { ...database.env, REPORT_LIMIT_PER_ADDRESS: '100000000', REPORT_LIMIT_PER_DEVICE: '100000000' },
    60_000,
    { entry: 'bench/lib/kordon-node.ts', nodeArgs: ['--expose-gc', ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [])], ipc: true },
  );
  const { checkpoints } = (await (await fetch(`${kordon.url}/api/checkpoints`)).json()) as { checkpoints: { id: string; modes: string[] }[] };
  // Every checkpoint, by car where it takes cars: reports spread as they would over a busy day.
  const targets = checkpoints
    .map((c) => ({ checkpointId: c.id, mode: c.modes.includes('car') ? 'car' : c.modes[0]! }))
    .slice(0, Number(process.env.BENCH_CHECKPOINTS ?? checkpoints.length));

  const subscribers = await startWorker('bench/lib/fanout-clients.ts');
  const reporters = await startWorker('bench/lib/ingest-clients.ts');
  workers.push(subscribers, reporters);
  await subscribers.ask({ type: 'connect', protocol: 'socket.io', url: kordon.url, count: SUBSCRIBERS, addresses: ['127.0.0.2'] }, 'connected');
  await reporters.ask({ type: 'connect', url: kordon.url, reporters: REPORTERS, addresses: ['127.0.0.3', '127.0.0.4'] }, 'connected');

  const rows = [];
  let stored = 0;
  for (const rate of RATES) {
    const before = await statsOf(kordon.process);
    const ran = await reporters.ask<{ sent: number; acked: number; latencies: number[]; failures: Record<string, number>; sendingMs: number; elapsedMs: number }>(
      { type: 'run', rate, seconds: SECONDS, targets },
      'ran',
    );
    const after = await statsOf(kordon.process);
    const delivered = await subscribers.ask<{ received: Record<string, number[]> }>({ type: 'collect' }, 'collected');
    stored += ran.acked;
    const ack = summary(ran.latencies);
    const achieved = Math.round(ran.acked / (ran.elapsedMs / 1000));
    const row = {
      offeredPerSecond: rate,
      achievedPerSecond: achieved,
      acked: ran.acked,
      failures: ran.failures,
      ackMs: ack,
      keepsUp: ran.acked === ran.sent && achieved >= 0.97 * rate,
      meetsTarget: ran.acked === ran.sent && achieved >= 0.97 * rate && ack.p99 < ACK_P99_MS,
      broadcastsDelivered: Object.values(delivered.received).reduce((sum, list) => sum + list.length, 0),
      serverCpuShare: Math.round((100 * (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system)) / 1000 / ran.elapsedMs) / 100,
      reportsPerCheckpointAfter: Math.round(stored / targets.length),
    };
    rows.push(row);
    console.log(
      `${String(rate).padStart(5)}/s offered: ${achieved}/s acknowledged, ack p50 ${ack.p50} ms, p95 ${ack.p95} ms, p99 ${ack.p99} ms; ` +
        `server CPU ${Math.round(row.serverCpuShare * 100)} %; ${row.reportsPerCheckpointAfter} reports per checkpoint so far` +
        `${Object.keys(ran.failures).length ? `; refused ${JSON.stringify(ran.failures)}` : ''}${row.meetsTarget ? '' : '  ← misses the target'}`,
    );
  }
  // Refusals the server logged as internal errors are a finding, not noise: name them.
  const errors = [...new Set(kordon.logs.filter((line) => (line.level ?? 0) >= 50).map((line) => String((line.err as { message?: string } | undefined)?.message ?? line.msg)))];
  if (errors.length > 0) console.log(`server errors: ${errors.slice(0, 5).join(' | ')}`);
  await reporters.ask({ type: 'close' }, 'closed');
  await subscribers.ask({ type: 'disconnect' }, 'disconnected');

  // The ceiling: the same rows, plain INSERTs on as many connections, as fast as they go.
  let ceiling: { insertsPerSecond: number; insertMs: ReturnType<typeof summary> } | null = null;
  if (database.kind === 'server') {
    const pool = new pg.Pool({ connectionString: database.env.DATABASE_URL, max: POOL });
    const latencies: number[] = [];
    const until = performance.now() + SECONDS * 1000;
    let i = 0;
    await Promise.all(
      Array.from({ length: POOL }, async () => {
        while (performance.now() < until) {
          const target = targets[(i += 1) % targets.length]!;
          const started = performance.now();
          await pool.query(
            `INSERT INTO "Report" ("id", "checkpointId", "direction", "mode", "waitMinutes", "deviceKey", "createdAt") VALUES ($1, $2, 'out', $3::"Mode", $4, $5, now())`,
            [randomUUID(), target.checkpointId, target.mode, 30 + (i % 570), `baseline-${i % 1000}`],
          );
          latencies.push(performance.now() - started);
        }
      }),
    );
    await pool.end();
    ceiling = { insertsPerSecond: Math.round(latencies.length / SECONDS), insertMs: summary(latencies) };
    console.log(`plain pg INSERT, ${POOL} connections: ${ceiling.insertsPerSecond}/s, p50 ${ceiling.insertMs.p50} ms, p99 ${ceiling.insertMs.p99} ms`);
  }

  const sustained = Math.max(0, ...rows.filter((r) => r.keepsUp).map((r) => r.achievedPerSecond));
  const withinTarget = Math.max(0, ...rows.filter((r) => r.meetsTarget).map((r) => r.achievedPerSecond));
  const result = {
    ranAt: new Date().toISOString(),
    machine: machine(),
    database: database.kind,
    secondsPerRate: SECONDS,
    subscribers: SUBSCRIBERS,
    reporters: REPORTERS,
    checkpoints: targets.length,
    sustainedPerSecond: sustained,
    withinAckTargetPerSecond: withinTarget,
    ceiling,
    ratioToCeiling: ceiling ? Math.round((100 * sustained) / ceiling.insertsPerSecond) / 100 : null,
    rows,
  };
  console.log(
    `\nsustained ${sustained} reports/s (${withinTarget}/s with ack p99 < ${ACK_P99_MS} ms)` +
      (ceiling ? `; plain INSERT ceiling ${ceiling.insertsPerSecond}/s; ratio ${result.ratioToCeiling}` : ''),
  );
  mkdirSync(OUT_DIR, { recursive: true });
  const file = targets.length === checkpoints.length ? 'ingest.json' : `ingest-${targets.length}-checkpoints.json`;
  writeFileSync(join(OUT_DIR, file), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${join(OUT_DIR, file)}`);
} finally {
  for (const worker of workers) worker.stop();
  await kordon?.stop();
  await database.drop();
}
