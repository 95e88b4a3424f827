// The embedded database is what `npm start` uses on a fresh machine; this
// runs whether or not a PostgreSQL server is configured for the other tests.
import { afterEach, describe, expect, it } from 'vitest';
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
