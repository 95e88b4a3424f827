// Graceful shutdown drains: reports already in hand when SIGTERM arrives are
// stored and acknowledged before the sockets close; later ones are refused
// as `unavailable` (to be sent elsewhere), never silently dropped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aReport, connect, type Client } from '../helpers/clients';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startServer, type RunningServer } from '../helpers/server';

let database: TestDatabase;
let server: RunningServer;
let client: Client;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startServer({ ...database.env, REPORT_LIMIT_PER_DEVICE: '1000', SHUTDOWN_TIMEOUT_MS: '10000' });
  client = await connect(server.url);
});

afterAll(async () => {
  client?.close();
  await server?.stop();
  await database?.drop();
});

describe('SIGTERM with reports in flight', () => {
  it('acknowledges every report it took, stores exactly those, then closes the socket', async () => {
    const reports = Array.from({ length: 60 }, (_, i) => aReport({ checkpointId: i % 2 ? 'kyakhta' : 'verkhny-lars' }));
    const disconnected = new Promise<string>((resolve) => client.once('disconnect', (reason) => resolve(reason)));
    let signalled = false;
    const outcomes = await Promise.all(
      reports.map(async (report) => {
        try {
          const result = await client.timeout(8000).emitWithAck('report:create', report);
          if (!signalled) {
            // The first answer means the server is busy with the rest: stop it now.
            signalled = true;
            server.process.kill('SIGTERM');
          }
          return { id: report.id, outcome: result.ok ? 'stored' : result.error.code };
        } catch {
          return { id: report.id, outcome: 'no answer' };
        }
      }),
    );
    const exit = await new Promise<number | null>((resolve) => {
      if (server.process.exitCode !== null) resolve(server.process.exitCode);
      else server.process.once('exit', (code) => resolve(code));
    });
    expect(exit).toBe(0);
    expect(await disconnected).toMatch(/io server disconnect|transport close/);

    const counts = outcomes.reduce<Record<string, number>>((all, { outcome }) => ({ ...all, [outcome]: (all[outcome] ?? 0) + 1 }), {});
    console.log('drain test outcomes:', counts);
    expect(counts['no answer'] ?? 0).toBe(0);
    expect(Object.keys(counts).every((outcome) => outcome === 'stored' || outcome === 'unavailable')).toBe(true);
    expect(counts.stored).toBeGreaterThan(1);

    const stored = new Set((await database.query<{ id: string }>(`SELECT id FROM "Report"`)).map((row) => row.id));
    for (const { id, outcome } of outcomes) expect(stored.has(id), `${id} ${outcome}`).toBe(outcome === 'stored');
  });
});
