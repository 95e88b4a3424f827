// Nothing acknowledged is lost, nothing is counted twice: clients keep
// reporting, with retries under the same id, while the server is killed with
// SIGKILL and started again on the same port and database.
import net from 'node:net';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aReport, newDeviceKey, type Client } from '../helpers/clients';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startServer, type RunningServer } from '../helpers/server';

const CLIENTS = 6;
const REPORTS_EACH = 100;
/** Pause between one client's reports, so the stream is still flowing when the kill comes. */
const PACE_MS = 20;

let database: TestDatabase;
let server: RunningServer;
const sockets: Client[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

let env: Record<string, string>;
beforeAll(async () => {
  database = await createTestDatabase();
  env = { ...database.env, PORT: String(await freePort()), REPORT_LIMIT_PER_DEVICE: '10000', REPORT_LIMIT_PER_ADDRESS: '100000' };
  server = await startServer(env);
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server?.stop();
  await database?.drop();
});

interface Tally {
  attempts: number;
  unanswered: number;
  acked: string[];
}

/** Sends reports one after another; each is retried with its own id until acknowledged. */
async function reportUntilAcked(socket: Client, tally: Tally, ids: string[]): Promise<void> {
  for (let i = 0; i < REPORTS_EACH; i += 1) {
    const report = aReport({ checkpointId: ['kyakhta', 'verkhny-lars', 'torfyanovka'][i % 3] });
    ids.push(report.id);
    for (;;) {
      tally.attempts += 1;
      try {
        const result = await socket.timeout(1500).emitWithAck('report:create', report);
        if (result.ok) {
          tally.acked.push(report.id);
          await new Promise((resolve) => setTimeout(resolve, PACE_MS));
          break;
        }
        expect(result.error.code, result.error.message).toMatch(/^(unavailable|internal)$/);
      } catch {
        tally.unanswered += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe('a server killed mid-stream', () => {
  it('loses no acknowledged report and stores none twice; unacknowledged ones are resent and stored once', async () => {
    for (let i = 0; i < CLIENTS; i += 1) {
      const socket: Client = io(server.url, {
        path: '/socket.io',
        transports: ['websocket'],
        reconnectionDelay: 100,
        reconnectionDelayMax: 500,
        auth: { deviceKey: newDeviceKey() },
      });
      sockets.push(socket);
    }
    const tally: Tally = { attempts: 0, unanswered: 0, acked: [] };
    const sent: string[] = [];
    const work = Promise.all(sockets.map((socket) => reportUntilAcked(socket, tally, sent)));

    await new Promise((resolve) => setTimeout(resolve, 1000));
    const ackedBeforeKill = tally.acked.length;
    const killed = await server.stop('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    server = await startServer(env);
    await work;

    const rows = await database.query<{ id: string; copies: number }>(`SELECT id, count(*)::int AS copies FROM "Report" GROUP BY id`);
    const stored = new Map(rows.map((row) => [row.id, row.copies]));
    console.log(
      `kill -9 test: ${sent.length} reports, ${tally.attempts} attempts (${tally.unanswered} unanswered), ` +
        `${ackedBeforeKill} acknowledged before the kill, ${tally.acked.length} in the end, ${rows.length} stored`,
    );
    expect(ackedBeforeKill).toBeGreaterThan(0);
    expect(ackedBeforeKill).toBeLessThan(sent.length);
    expect(tally.unanswered).toBeGreaterThan(0);
    expect(new Set(tally.acked).size).toBe(sent.length);
    for (const id of tally.acked) expect(stored.get(id), id).toBe(1);
    expect(rows.length).toBe(sent.length);
  });
});
