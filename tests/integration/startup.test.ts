import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { aReport } from '../helpers/clients';
import { readMigrations } from '../../server/migrations';
import { createTestDatabase, usingServer, type TestDatabase } from '../helpers/database';
import { runToExit, startServer, type RunningServer } from '../helpers/server';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()!();
});

async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  cleanup.push(() => database.drop());
  return database;
}

async function start(database: TestDatabase): Promise<RunningServer> {
  const server = await startServer(database.env);
  cleanup.push(() => server.stop('SIGKILL'));
  return server;
}

describe('start-up on a database', () => {
  it('applies migrations and loads the catalogue once; a second start re-runs and duplicates nothing', async () => {
    const database = await freshDatabase();
    const names = (await readMigrations()).map((migration) => migration.name);

    const first = await start(database);
    expect(first.ready).toMatchObject({ migrationsApplied: names.length, catalogue: { created: 46, updated: 0, unchanged: 0 } });
    expect(await first.stop()).toMatchObject({ code: 0 });
    const before = await database.query<{ started_at: Date }>('SELECT started_at FROM "_prisma_migrations" ORDER BY migration_name');

    const second = await start(database);
    expect(second.ready).toMatchObject({ migrationsApplied: 0, catalogue: { created: 0, updated: 0, unchanged: 46 } });
    const { checkpoints } = (await (await fetch(`${second.url}/api/checkpoints`)).json()) as { checkpoints: unknown[] };
    expect(checkpoints).toHaveLength(46);
    await second.stop();

    const migrations = await database.query<{ migration_name: string; finished_at: Date | null; applied_steps_count: number; started_at: Date }>(
      'SELECT migration_name, finished_at, applied_steps_count, started_at FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(migrations.map((row) => row.migration_name)).toEqual(names);
    for (const row of migrations) {
      expect(row.applied_steps_count).toBe(1);
      expect(row.finished_at).not.toBeNull();
    }
    expect(migrations.map((row) => row.started_at)).toEqual(before.map((row) => row.started_at));
    const [count] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM "Checkpoint"');
    expect(count!.n).toBe(46);
  });

  it('puts back a catalogue field that changed in the database, and touches no other row', async () => {
    const database = await freshDatabase();
    await (await start(database)).stop();
    await database.query(`UPDATE "Checkpoint" SET "nameEn" = 'Renamed', "modes" = '{car}' WHERE id = 'kyakhta'`);
    const [before] = await database.query<{ updatedAt: Date }>(`SELECT "updatedAt" FROM "Checkpoint" WHERE id = 'torfyanovka'`);

    const server = await start(database);
    expect(server.ready).toMatchObject({ catalogue: { created: 0, updated: 1, unchanged: 45 } });
    const { checkpoint } = (await (await fetch(`${server.url}/api/checkpoints/kyakhta`)).json()) as {
      checkpoint: { name: { en: string }; modes: string[] };
    };
    expect(checkpoint.name.en).toBe('Kyakhta – Altanbulag');
    expect(checkpoint.modes.length).toBeGreaterThan(1);
    await server.stop();

    const [after] = await database.query<{ updatedAt: Date }>(`SELECT "updatedAt" FROM "Checkpoint" WHERE id = 'torfyanovka'`);
    expect(after!.updatedAt).toEqual(before!.updatedAt);
  });

  it('stops cleanly on SIGTERM and on SIGINT', async () => {
    const database = await freshDatabase();
    const byTerm = await start(database);
    const term = await byTerm.stop('SIGTERM');
    // Exit 0 also means within SHUTDOWN_TIMEOUT_MS: past it the process exits 1 by itself.
    expect(term.code).toBe(0);
    expect(byTerm.logs.map((line) => line.msg)).toContain('stopped');

    const byInt = await start(database);
    expect(await byInt.stop('SIGINT')).toMatchObject({ code: 0 });
  });

  it.skipIf(!usingServer)('answers 503 with a reason when the database is gone, and stays up', async () => {
    const database = await freshDatabase();
    const server = await start(database);
    await database.drop();
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { status: string; reason: string };
    expect(body.status).toBe('unavailable');
    expect(body.reason).toMatch(/database/);
    const again = await fetch(`${server.url}/api/health`);
    expect(again.status).toBe(503);
  });
});

describe('configuration', () => {
  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/kordon' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('a bad value stops the process with a message naming the variable (%o)', async (env, variable) => {
    const exited = await runToExit(env);
    expect(exited.code).toBe(1);
    expect(exited.stderr).toContain(`${variable}:`);
    expect(exited.stdout).not.toContain('Kordon listening');
  });

  it('a catalogue file that cannot be read, or does not pass the schema, stops the start naming CATALOGUE_FILE and the problem', async () => {
    const database = await freshDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'kordon-catalogue-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const empty = join(dir, 'empty.json');
    await writeFile(empty, JSON.stringify({ version: 1, checkpoints: [] }));
    for (const [file, problem] of [[join(dir, 'missing.json'), 'ENOENT'], [empty, 'checkpoints: Too small']] as const) {
      const exited = await runToExit({ ...database.env, CATALOGUE_FILE: file });
      expect(exited.code).toBe(1);
      expect(exited.stdout + exited.stderr).toContain(`CATALOGUE_FILE (${file}): `);
      expect(exited.stdout + exited.stderr).toContain(problem);
      expect(exited.stdout).not.toContain('Kordon listening');
    }
  });
});

describe('npm start', () => {
  it('stops as one process tree: SIGTERM to npm frees the port', async () => {
    const database = await freshDatabase();
    const server = await startServer(database.env, 90_000, { npmStart: true });
    cleanup.push(() => server.stop('SIGKILL'));
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    const stopped = await server.stop('SIGTERM');
    expect(stopped.ms).toBeLessThan(30_000);
    // The server npm started is gone too: nothing answers on its port.
    await expect.poll(() => fetch(`${server.url}/api/health`).then(() => 'answering', () => 'closed'), { timeout: 10_000 }).toBe('closed');
  });
});

describe('the device key secret', () => {
  it('is kept in a 0600 file beside the data, never in the database; one an older version kept there moves out and still matches', async () => {
    const database = await freshDatabase();
    // Embedded, the data folder is the database's; on a server, a folder of its own. The file's default place either way.
    let dataDir = database.env.DATA_DIR;
    if (!dataDir) {
      const made = await mkdtemp(join(tmpdir(), 'kordon-secret-'));
      cleanup.push(() => rm(made, { recursive: true, force: true }));
      dataDir = made;
    }
    const file = join(dataDir, 'device-key-secret');
    const env = { ...database.env, DATA_DIR: dataDir };
    const report = async (server: RunningServer, deviceKey: string) => {
      const response = await fetch(`${server.url}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-device-key': deviceKey },
        body: JSON.stringify(aReport({ checkpointId: 'kyakhta' })),
      });
      expect(response.status).toBe(201);
      const { report: stored } = (await response.json()) as { report: { id: string } };
      const [row] = await database.query<{ deviceKey: string }>('SELECT "deviceKey" FROM "Report" WHERE id = $1', [stored.id]);
      return row!.deviceKey;
    };
    const key = 'secret-test-device-key-0001';

    const first = await start({ ...database, env });
    const hashed = await report(first, key);
    await first.stop();
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await database.query(`SELECT * FROM "ServerSecret" WHERE name <> 'vapid-keys'`)).toEqual([]);

    // Restarted, it hashes alike.
    const second = await start({ ...database, env });
    expect(await report(second, key)).toBe(hashed);
    await second.stop();

    // An older version generated its secret into the database: moved to the file, gone from the table, hashes unchanged.
    const older = 'an-older-versions-secret-in-the-database-0123456789';
    await rm(file);
    await database.query(`INSERT INTO "ServerSecret" (name, value) VALUES ('device-key-hmac', $1)`, [older]);
    const third = await start({ ...database, env });
    const underOlder = await report(third, key);
    await third.stop();
    expect((await readFile(file, 'utf8')).trim()).toBe(older);
    expect(await database.query(`SELECT * FROM "ServerSecret" WHERE name <> 'vapid-keys'`)).toEqual([]);
    const fourth = await start({ ...database, env });
    expect(await report(fourth, key)).toBe(underOlder);
    await fourth.stop();
  });
});
