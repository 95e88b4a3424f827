// The report path alone, in this process: what one stored report costs the node (its CPU: store, lock, read the
// window, estimate, commit) and the database (the CPU of its processes on this machine), at crossings whose
// windows already hold some reports. No sockets and no broadcast: those are bench:ingest's. Run:
// npm run bench:report-path. Needs TEST_DATABASE_URL (a PostgreSQL server on this machine, whose CPU it reads
// in /proc).
// Env: BENCH_WINDOWS (150,400: reports already in each crossing's window), BENCH_ROUNDS (8), BENCH_COMPARE (the
// folder of another checkout of Kordon, with its node_modules: its report path runs in turn with this one, round
// by round in the same process, so that both meet the machine in the same mood; for a before and after).
import { readFileSync, readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { loadCheckpointDirectory } from '../lib/checkpoint-directory';
import { createReportSubmitter, type ReportDeps, type SubmitReport } from '../lib/reports/submit-report';
import { pgDatabase } from '../lib/sql';
import { readCatalogue, syncCatalogue } from '../prisma/seed';
import { parseConfig } from '../server/config';
import { openDatabase, type Database } from '../server/database';
import { makeDeviceKeyHasher } from '../server/device-keys';
import { applyMigrations } from '../server/migrations';
import { aReport, newDeviceKey } from '../tests/helpers/clients';
import { createTestDatabase, serverUrl } from '../tests/helpers/database';
import { inTurn, machine, percentile, processCpuMs } from './lib/stats';

const WINDOWS = (process.env.BENCH_WINDOWS ?? '150,400').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const COMPARE = process.env.BENCH_COMPARE ? resolve(process.env.BENCH_COMPARE) : null;
const OUT_DIR = process.env.BENCH_OUT ?? fileURLToPath(new URL('./results/', import.meta.url));
/** Reports a round: ten for each crossing taking cars. */
const PER_ROUND = 460;
/** Reports in flight at once, as from several clients. */
const IN_FLIGHT = 8;

if (!serverUrl) throw new Error('bench:report-path reads the database server\'s CPU: set TEST_DATABASE_URL to a PostgreSQL server on this machine');

/** CPU time of every PostgreSQL process of this machine, in µs. */
function databaseCpu(): number {
  let ms = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('postgres')) ms += processCpuMs(pid);
    } catch {
      // A process that ended meanwhile.
    }
  }
  return ms * 1000;
}

const median = (values: number[]) => Math.round(percentile([...values].sort((a, b) => a - b), 50));
const logger = pino({ level: 'silent' });

type Path = { name: string; submit: SubmitReport; database: Database };
const rows = [];
for (const window of WINDOWS) {
  const testDatabase = await createTestDatabase();
  const opened: Database[] = [];
  try {
    // Each path its own pool: their prepared statements may share names and differ.
    const open = async () => {
      const database = await openDatabase(parseConfig({ ...testDatabase.env, DATABASE_POOL_SIZE: '10' }), logger);
      opened.push(database);
      return database;
    };
    const database = await open();
    await applyMigrations(database.pool);
    await syncCatalogue({ prisma: database.prisma, catalogue: await readCatalogue() });
    const directory = await loadCheckpointDirectory(database.prisma);
    const deps = (on: Database): ReportDeps => ({
      prisma: on.prisma, database: pgDatabase(on.pool), directory, now: () => new Date(),
      hashDeviceKey: makeDeviceKeyHasher('a-bench-secret-that-is-long-enough-000'),
      limitReports: async () => ({ giveBack: async () => {} }),
      proveDevice: async () => ({ proven: true, spent: false, release: async () => {} }),
      stored: () => {}, publish: () => {},
    });
    const paths: Path[] = [{ name: 'this checkout', submit: createReportSubmitter(deps(database)), database }];
    if (COMPARE) {
      const other = (await import(pathToFileURL(join(COMPARE, 'lib/reports/submit-report.ts')).href)) as { createReportSubmitter: typeof createReportSubmitter };
      const on = await open();
      paths.unshift({ name: COMPARE, submit: other.createReportSubmitter(deps(on)), database: on });
    }
    const crossings = (await database.prisma.checkpoint.findMany({ select: { id: true, modes: true }, orderBy: { id: 'asc' } })).filter((c) => c.modes.includes('car')).map((c) => c.id);
    const devices = Array.from({ length: 200 }, () => newDeviceKey());
    let sent = 0;
    const send = async (submit: SubmitReport, count: number) => {
      await inTurn(count, IN_FLIGHT, () => {
        sent += 1;
        return submit(aReport({ checkpointId: crossings[sent % crossings.length], waitMinutes: 60 + (sent % 300) }), { deviceKey: devices[sent % devices.length], address: '127.0.0.1' });
      });
    };
    await send(paths.at(-1)!.submit, crossings.length * window);
    for (const path of paths) await send(path.submit, 200); // warm
    const measured = new Map(paths.map((path) => [path.name, { node: [] as number[], database: [] as number[], wall: [] as number[] }]));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const path of round % 2 ? [...paths].reverse() : paths) {
        const cpu = process.cpuUsage();
        const db = databaseCpu();
        const started = performance.now();
        await send(path.submit, PER_ROUND);
        const used = process.cpuUsage(cpu);
        const into = measured.get(path.name)!;
        into.node.push((used.user + used.system) / PER_ROUND);
        into.database.push((databaseCpu() - db) / PER_ROUND);
        into.wall.push(((performance.now() - started) * 1000) / PER_ROUND);
      }
    }
    for (const path of paths) {
      const m = measured.get(path.name)!;
      const row = { path: path.name, window, nodeCpuUs: median(m.node), databaseCpuUs: median(m.database), wallUs: median(m.wall) };
      rows.push(row);
      console.log(`${path.name}, ${window} reports in each window: node CPU ${row.nodeCpuUs} µs a report, PostgreSQL CPU ${row.databaseCpuUs} µs, wall ${row.wallUs} µs (${IN_FLIGHT} at once; median of ${ROUNDS} rounds of ${PER_ROUND})`);
    }
  } finally {
    for (const database of opened) await database.close();
    await testDatabase.drop();
  }
}

mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(join(OUT_DIR, 'report-path.json'), `${JSON.stringify({ ranAt: new Date().toISOString(), machine: machine(), rounds: ROUNDS, perRound: PER_ROUND, inFlight: IN_FLIGHT, rows }, null, 2)}\n`);
console.log(`wrote ${join(OUT_DIR, 'report-path.json')}`);
