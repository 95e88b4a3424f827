// Heavy public reads: a busy crossing's page of detail (`GET /api/checkpoints/:id?hours=168`: estimates, recent
// reports, a week of hourly history, what is usual at this hour), the list of every checkpoint, and the page
// without scripts that shows it (`/list`), read by many at
// once, with /api/health probed meanwhile: how many reads a second one node serves, and whether the reads hold up
// everything else on the event loop. Against the real server in its own process on loopback, on a week of data
// at Upper Lars: 7,000 reports and 168 hourly aggregates for each of its directions and modes.
// Run: npm run bench:reads   (writes bench/results/reads.json)
// Env: BENCH_SECONDS (5), BENCH_CONCURRENCY (10); TEST_DATABASE_URL's server when set, else embedded PGlite.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createTestDatabase } from '../tests/helpers/database';
import { startServer } from '../tests/helpers/server';
import { machine, sleep, summary } from './lib/stats';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const REPORTS = Number(process.env.BENCH_SEED_REPORTS ?? 7000);
const OUT_DIR = process.env.BENCH_OUT ?? fileURLToPath(new URL('./results/', import.meta.url));
const ID = 'verkhny-lars';

const database = await createTestDatabase();
let server: Awaited<ReturnType<typeof startServer>> | undefined;
try {
  server = await startServer(database.env);
  // A week at Upper Lars, as the review measured it: reports over seven days, and the hours the retention job writes.
  await database.query(
    `INSERT INTO "Report" (id, "checkpointId", direction, mode, "waitMinutes", "queueVehicles", "createdAt", "deviceKey")
     SELECT gen_random_uuid(), $1, (ARRAY['out','in'])[1 + (i % 2)]::"Direction", (ARRAY['car','truck','bus'])[1 + (i % 3)]::"Mode",
            60 + (i % 600), CASE WHEN i % 3 = 0 THEN 100 + (i % 900) END,
            now() - make_interval(secs => (i::double precision / $2) * 7 * 86400), 'bench-device-' || (i % 900)
     FROM generate_series(1, $2::int) AS i`,
    [ID, REPORTS],
  );
  await database.query(
    `INSERT INTO "HourlyAggregate" ("checkpointId", direction, mode, hour, "waitMinutes", low, high, reports)
     SELECT $1, d::"Direction", m::"Mode", date_trunc('hour', now()) - make_interval(hours => h), 300 + h, 200 + h, 400 + h, 20
     FROM generate_series(1, 168) AS h, unnest(ARRAY['out','in']) AS d, unnest(ARRAY['car','truck','bus']) AS m`,
    [ID],
  );
  const url = server.url;
  // One report more, so every estimate of the crossing is computed from the seeded reports.
  for (const direction of ['out', 'in']) {
    await fetch(`${url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-device-key': `bench-reads-device-${direction}` },
      body: JSON.stringify({ id: crypto.randomUUID(), checkpointId: ID, direction, mode: 'car', waitMinutes: 300 }),
    });
  }

  const bytes = new Map<string, number>();
  const timed = async (path: string) => {
    const t0 = performance.now();
    const response = await fetch(`${url}${path}`);
    bytes.set(path, (await response.arrayBuffer()).byteLength);
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return performance.now() - t0;
  };

  async function measure(name: string, path: string) {
    // Alone, one at a time: what one read costs.
    const alone: number[] = [];
    for (let i = 0; i < 30; i += 1) alone.push(await timed(path));
    // Many at once for SECONDS, /api/health probed every 100 ms meanwhile.
    const loaded: number[] = [];
    const health: number[] = [];
    const until = performance.now() + SECONDS * 1000;
    const readers = Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) loaded.push(await timed(path));
    });
    const prober = (async () => {
      while (performance.now() < until) {
        health.push(await timed('/api/health'));
        await sleep(100);
      }
    })();
    await Promise.all([...readers, prober]);
    const result = { name, path, bytes: bytes.get(path), aloneMs: summary(alone), concurrency: CONCURRENCY, perSecond: Math.round(loaded.length / SECONDS), loadedMs: summary(loaded), healthMs: summary(health) };
    console.log(`${name} (${path}, ${Math.round(result.bytes! / 1000)} KB unpacked)`);
    console.log(`  alone: p50 ${result.aloneMs.p50} ms, p99 ${result.aloneMs.p99} ms`);
    console.log(`  ${CONCURRENCY} at once: ${result.perSecond} reads/s, p50 ${result.loadedMs.p50} ms, p99 ${result.loadedMs.p99} ms; /api/health meanwhile p50 ${result.healthMs.p50} ms, p99 ${result.healthMs.p99} ms, max ${result.healthMs.max} ms`);
    return result;
  }

  const results = [
    await measure('a busy crossing, a week of history', `/api/checkpoints/${ID}?hours=168`),
    await measure('every checkpoint', '/api/checkpoints'),
    // The page without scripts, as a phone on a weak link or without JavaScript opens it (gzip, as a browser asks).
    await measure('the list page', '/list'),
  ];
  mkdirSync(OUT_DIR, { recursive: true });
  const out = join(OUT_DIR, 'reads.json');
  writeFileSync(out, `${JSON.stringify({ ranAt: new Date().toISOString(), machine: machine(), database: database.kind, seededReports: REPORTS, seconds: SECONDS, results }, null, 2)}\n`);
  console.log(`wrote ${out}`);
} finally {
  await server?.stop();
  await database.drop();
}
