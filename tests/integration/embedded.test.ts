// The embedded database is what `npm start` uses on a fresh machine; this
// runs whether or not a PostgreSQL server is configured for the other tests.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { aReport } from '../helpers/clients';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { runToExit, startServer } from '../helpers/server';

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
});

describe('embedded PGlite mode (no DATABASE_URL)', () => {
  it('serves the catalogue, keeps its data across restarts, and refuses a second process on the same folder', async () => {
    database = await createTestDatabase({ embedded: true });
    const first = await startServer(database.env);
    try {
      expect(first.ready.database).toMatch(/^embedded PGlite in /);
      const { checkpoints } = (await (await fetch(`${first.url}/api/checkpoints`)).json()) as { checkpoints: unknown[] };
      expect(checkpoints).toHaveLength(46);
      expect((await fetch(`${first.url}/api/health`)).status).toBe(200);

      const rival = await runToExit(database.env);
      expect(rival.code).toBe(1);
      expect(rival.stdout).toContain('Another Kordon process is using the embedded database');
    } finally {
      expect(await first.stop()).toMatchObject({ code: 0 });
    }

    await database.query(`INSERT INTO "Report" (id, "checkpointId", direction, mode, "waitMinutes", "deviceKey")
      VALUES ('00000000-0000-4000-8000-000000000001', 'kyakhta', 'out', 'car', 90, 'test-device')`);

    const second = await startServer(database.env);
    expect(second.ready).toMatchObject({ migrationsApplied: 0, catalogue: { created: 0, updated: 0, unchanged: 46 } });
    await second.stop();
    const reports = await database.query<{ waitMinutes: number }>('SELECT "waitMinutes" FROM "Report"');
    expect(reports).toEqual([{ waitMinutes: 90 }]);
  });
});

describe('the embedded database socket', () => {
  const post = async (url: string) =>
    (await fetch(`${url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-device-key': 'socket-test-device-0001' },
      body: JSON.stringify(aReport({ checkpointId: 'kyakhta' })),
    })).status;
  const sqlClient = (dataDir: string) => new pg.Client({ host: dataDir, port: 5432, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 3000 });

  it('takes no client besides the app unless asked, so no one can share and wedge its one session', async () => {
    database = await createTestDatabase({ embedded: true });
    const server = await startServer({ ...database.env, DATABASE_SOCKET_CLIENTS: '0' });
    try {
      const outsider = sqlClient(database.env.DATA_DIR!);
      outsider.on('error', () => {});
      await expect(outsider.connect().then(() => outsider.query('SELECT 1'))).rejects.toThrow();
      await outsider.end().catch(() => {});
      expect(await post(server.url)).toBe(201);
      // The socket still tells a second process that the folder is in use.
      const rival = await runToExit({ ...database.env, DATABASE_SOCKET_CLIENTS: '0' });
      expect(rival.stdout).toContain('Another Kordon process is using the embedded database');
    } finally {
      await server.stop();
    }
  });

  it('asked for one, lets psql or pg_dump in; what they SET in the shared session does not break reports', async () => {
    database = await createTestDatabase({ embedded: true });
    const server = await startServer({ ...database.env, DATABASE_SOCKET_CLIENTS: '1' });
    const operator = sqlClient(database.env.DATA_DIR!);
    try {
      await operator.connect();
      // What pg_dump sends first.
      await operator.query("SELECT pg_catalog.set_config('search_path', '', false)");
      expect(await post(server.url)).toBe(201);
      expect((await fetch(`${server.url}/api/checkpoints/kyakhta`)).status).toBe(200);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    } finally {
      await operator.end();
      await server.stop();
    }
  });
});

