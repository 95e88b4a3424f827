// Report round-trip (ack) latency and report-to-subscriber delivery latency (until the
// subscriber holds the report's estimate version or a newer one)
// for 100 subscribed Socket.IO clients, against the real server in its own
// process on loopback. Run: npm run bench:latency
// Env: BENCH_SUBSCRIBERS (100), BENCH_REPORTS (300), BENCH_RATE (reports/s, 20);
// uses TEST_DATABASE_URL's server when set, else embedded PGlite.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { aReport, connect, newDeviceKey, onEachEstimate, type Client } from '../tests/helpers/clients';
import { createTestDatabase } from '../tests/helpers/database';
import { startServer } from '../tests/helpers/server';
import { machine, summary } from './lib/stats';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 100);
const REPORTS = Number(process.env.BENCH_REPORTS ?? 300);
const RATE = Number(process.env.BENCH_RATE ?? 20);
const OUT_DIR = process.env.BENCH_OUT ?? fileURLToPath(new URL('./results/', import.meta.url));
const KZ = ['mashtakovo', 'vishnevka', 'karauzek', 'sagarchin', 'ilek', 'orsk', 'petukhovo', 'kulunda'];

const REPORTERS = 10;
const database = await createTestDatabase();
const sockets: Client[] = [];
let server: Awaited<ReturnType<typeof startServer>> | undefined;
try {
  // Limits raised: this measures the server, not the rate limiter.
  server = await startServer({ ...database.env, REPORT_LIMIT_PER_ADDRESS: String(REPORTS * 10), REPORT_LIMIT_PER_DEVICE: String(REPORTS) });
  const sent: { checkpointId: string; version: number; at: number }[] = [];
  /** Per subscriber: checkpoint → [version, arrival time] in the order they came. */
  const arrivals: Map<string, [number, number][]>[] = [];
  for (let i = 0; i < SUBSCRIBERS; i += 1) {
    const socket = await connect(server.url, null);
    const ack = await socket.emitWithAck('checkpoint:subscribe', { borders: ['KZ'] });
    if (!ack.ok) throw new Error(`subscribe failed: ${ack.error.message}`);
    // Matched after the run: an update often arrives before the reporter's ack names its version.
    const mine = new Map<string, [number, number][]>();
    arrivals.push(mine);
    onEachEstimate(socket, (estimate) => mine.set(estimate.checkpointId, [...(mine.get(estimate.checkpointId) ?? []), [estimate.version, performance.now()]]));
    sockets.push(socket);
  }
  const reporters: Client[] = [];
  for (let i = 0; i < REPORTERS; i += 1) reporters.push(await connect(server.url, newDeviceKey()));
  sockets.push(...reporters);

  const acks: number[] = [];
  const failures: string[] = [];
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < REPORTS; i += 1) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const reporter = reporters[i % REPORTERS]!;
    const checkpointId = KZ[i % KZ.length]!;
    const t0 = performance.now();
    pending.push(
      reporter
        .timeout(10_000)
        .emitWithAck('report:create', aReport({ checkpointId, waitMinutes: 60 + (i % 300) }))
        .then((ack) => {
          acks.push(performance.now() - t0);
          if (!ack.ok) {
            failures.push(ack.error.code);
            return;
          }
          sent.push({ checkpointId, version: ack.data.estimate.version, at: t0 });
        }),
    );
  }
  await Promise.all(pending);
  if (failures.length > 0) throw new Error(`${failures.length} reports were refused: ${[...new Set(failures)].join(', ')}`);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  // A report has reached a subscriber once it holds that version of the estimate or a newer one
  // (pushes are batched, so a version overtaken within a window is never sent by itself).
  const deliveries = sent.flatMap((report) =>
    arrivals.flatMap((mine) => {
      const arrived = mine.get(report.checkpointId)?.find(([version]) => version >= report.version);
      return arrived ? [arrived[1] - report.at] : [];
    }),
  );
  const expected = sent.length * SUBSCRIBERS;
  const result = {
    ranAt: new Date().toISOString(),
    machine: machine(),
    database: database.kind,
    subscribers: SUBSCRIBERS,
    reports: REPORTS,
    ratePerSecond: RATE,
    failures: failures.length,
    ackMs: summary(acks),
    deliveryMs: summary(deliveries),
    deliveredShare: Math.round((1000 * deliveries.length) / Math.max(expected, 1)) / 1000,
  };
  console.log(`Report latency: ${REPORTS} reports at ${RATE}/s, ${SUBSCRIBERS} subscribers (border room), ${database.kind} database`);
  console.log(`  ack       p50 ${result.ackMs.p50} ms  p95 ${result.ackMs.p95} ms  p99 ${result.ackMs.p99} ms  (failures: ${failures.length})`);
  console.log(`  delivery  p50 ${result.deliveryMs.p50} ms  p95 ${result.deliveryMs.p95} ms  p99 ${result.deliveryMs.p99} ms  (${deliveries.length} of ${expected} scored deliveries)`);
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, `latency-${database.kind}.json`), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${join(OUT_DIR, `latency-${database.kind}.json`)}`);
} finally {
  for (const socket of sockets) socket.close();
  await server?.stop();
  await database.drop();
}
