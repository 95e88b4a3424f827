// Memory: what one node still holds after requests are over. Each kind of request is sent BENCH_REQUESTS times
// (each report from a device the node has not seen, as a crowd's phones are), then the node's heap is read after a
// full GC and divided by the requests: bytes kept a request. A node that keeps a few hundred bytes of each (a rate
// limit's count until its window ends) is sound; one that keeps tens of kilobytes runs out of memory in the very
// week everyone reports. Run: npm run bench:memory
// Env: BENCH_REQUESTS (3000 of each kind), BENCH_IN_FLIGHT (20); TEST_DATABASE_URL for a PostgreSQL server, else
// the embedded database.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { createTestDatabase } from '../tests/helpers/database';
import { newDeviceKey } from '../tests/helpers/clients';
import { startServer, type RunningServer } from '../tests/helpers/server';
import { statsOf } from './lib/ipc';
import { inTurn, machine } from './lib/stats';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 20);
const OUT_DIR = process.env.BENCH_OUT ?? fileURLToPath(new URL('./results/', import.meta.url));
const MB = 2 ** 20;

/** Sends `n` requests, `IN_FLIGHT` at a time; counts the answers by what they were. */
async function inFlight(n: number, send: (i: number) => Promise<string>): Promise<Record<string, number>> {
  const answers: Record<string, number> = {};
  for (const answer of await inTurn(n, IN_FLIGHT, send)) answers[answer] = (answers[answer] ?? 0) + 1;
  return answers;
}

const database = await createTestDatabase();
let kordon: RunningServer | undefined;
try {
  // Every request must be served, not refused: one address sends them all.
  kordon = await startServer(
    { ...database.env, REPORT_LIMIT_PER_ADDRESS: '100000000', REPORT_UNPROVEN_DEVICES_PER_ADDRESS: '100000000', REQUESTS_PER_CONNECTION: '100000000' },
    60_000,
    { entry: 'bench/lib/kordon-node.ts', nodeArgs: ['--expose-gc'], ipc: true },
  );
  const url = kordon.url;
  const { checkpoints } = (await (await fetch(`${url}/api/checkpoints`)).json()) as { checkpoints: { id: string; modes: string[] }[] };
  const byCar = checkpoints.filter((c) => c.modes.includes('car')).map((c) => c.id);
  const report = (i: number) => ({ id: randomUUID(), checkpointId: byCar[i % byCar.length]!, direction: 'out', mode: 'car', waitMinutes: 60 + (i % 40) * 15 });
  const socket = io(url, { transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('connect_error', reject));

  const kinds: { kind: string; send: (i: number) => Promise<string> }[] = [
    {
      kind: 'report over HTTP (POST /api/reports), a new device each',
      send: async (i) => {
        const response = await fetch(`${url}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-device-key': newDeviceKey() }, body: JSON.stringify(report(i)) });
        await response.arrayBuffer();
        return String(response.status);
      },
    },
    {
      kind: 'report by the form without scripts, a new device each',
      send: async (i) => {
        const { id, checkpointId } = report(i);
        const form = new URLSearchParams({ id, 'report-direction': 'out', 'report-mode': 'car', waitHours: String(1 + (i % 12)) });
        const response = await fetch(`${url}/checkpoints/${checkpointId}/report`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' }, body: form });
        await response.arrayBuffer();
        return `${response.status} ${(response.headers.get('location') ?? '').match(/report=\w+/)?.[0] ?? ''}`;
      },
    },
    {
      kind: 'report over Socket.IO, a new device each',
      send: async (i) => {
        const ack = (await socket.emitWithAck('report:create', report(i), { deviceKey: newDeviceKey() })) as { ok: boolean; error?: { code: string } };
        return ack.ok ? 'ok' : ack.error!.code;
      },
    },
    {
      kind: 'page read (a crossing\'s page, then the live page)',
      send: async (i) => {
        const response = await fetch(i % 2 ? `${url}/` : `${url}/checkpoints/${byCar[i % byCar.length]}`);
        await response.arrayBuffer();
        return String(response.status);
      },
    },
  ];

  // Each kind at every crossing first: what a node loads once (its modules, a page's first render, its caches) is
  // not what it keeps a request.
  for (const { send } of kinds) await inFlight(2 * byCar.length, send);
  const rows = [];
  for (const { kind, send } of kinds) {
    const before = await statsOf(kordon.process);
    const started = Date.now();
    const answers = await inFlight(REQUESTS, send);
    const seconds = (Date.now() - started) / 1000;
    const after = await statsOf(kordon.process);
    const row = {
      kind,
      requests: REQUESTS,
      answers,
      seconds: Math.round(seconds * 10) / 10,
      heapBeforeMB: Math.round((before.heapUsed / MB) * 10) / 10,
      heapAfterMB: Math.round((after.heapUsed / MB) * 10) / 10,
      keptBytesPerRequest: Math.round((after.heapUsed - before.heapUsed) / REQUESTS),
      rssAfterMB: Math.round(after.rss / MB),
    };
    rows.push(row);
    console.log(
      `${kind}: ${REQUESTS} in ${row.seconds} s (${JSON.stringify(answers)}); heap after GC ${row.heapBeforeMB} → ${row.heapAfterMB} MB, ` +
        `${row.keptBytesPerRequest} bytes kept a request; RSS ${row.rssAfterMB} MB`,
    );
  }
  socket.close();
  const result = { ranAt: new Date().toISOString(), machine: machine(), database: database.kind, requestsOfEachKind: REQUESTS, inFlight: IN_FLIGHT, rows };
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'memory.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${join(OUT_DIR, 'memory.json')}`);
} finally {
  await kordon?.stop();
  await database.drop();
}
