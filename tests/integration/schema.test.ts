// The migrations are written by hand (the Prisma CLI's engine is not
// available offline), so this proves they build the tables the generated
// client expects, and that applying them is safe to repeat and to race.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { pino } from 'pino';
import { parseConfig } from '../../server/config';
import { openDatabase, type Database } from '../../server/database';
import { applyMigrations, readMigrations } from '../../server/migrations';
import { readCatalogue, syncCatalogue } from '../../prisma/seed';
import { createTestDatabase, usingServer, type TestDatabase } from '../helpers/database';

let testDatabase: TestDatabase;
let database: Database;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  database = await openDatabase(parseConfig(testDatabase.env), pino({ level: 'silent' }));
});

afterAll(async () => {
  await database?.close();
  await testDatabase?.drop();
});

describe('migrations', () => {
  it('apply once; a second run applies nothing', async () => {
    const names = (await readMigrations()).map((migration) => migration.name);
    expect(names.length).toBeGreaterThan(1);
    expect(await applyMigrations(database.pool)).toEqual({ applied: names, modified: [] });
    expect(await applyMigrations(database.pool)).toEqual({ applied: [], modified: [] });
  });

  it('build tables that store and return every field of every model through Prisma', async () => {
    await syncCatalogue({ prisma: database.prisma, catalogue: await readCatalogue() });
    const report = {
      id: '6f1c1c2e-8a43-4a59-9d1b-3f1b3c1a2b3c',
      checkpointId: 'verkhny-lars',
      direction: 'out' as const,
      mode: 'car' as const,
      waitMinutes: 720,
      queueVehicles: 3500,
      queueKm: 12.5,
      joinedAt: new Date('2022-09-25T06:00:00.000Z'),
      crossedAt: new Date('2022-09-26T08:30:00.000Z'),
      letThrough: 50,
      letThroughMinutes: 300,
      signal: 'not_moving',
      verdict: 'longer',
      shownMinutes: 600,
      deviceKey: 'keyed-hash',
      hidden: true,
    };
    await database.prisma.report.create({ data: report });
    const stored = await database.prisma.report.findUniqueOrThrow({ where: { id: report.id } });
    expect(stored).toMatchObject(report);
    expect(stored.createdAt).toBeInstanceOf(Date);

    const checkpoint = await database.prisma.checkpoint.findUniqueOrThrow({ where: { id: 'torfyanovka' }, include: { reports: true } });
    expect(checkpoint).toMatchObject({ border: 'FI', capacityPerDay: 5000, modes: ['car', 'truck', 'bus', 'bicycle'], reports: [] });
    expect(checkpoint.sources.length).toBeGreaterThan(0);

    const aggregate = {
      checkpointId: 'verkhny-lars', direction: 'out' as const, mode: 'car' as const, hour: new Date('2022-09-26T08:00:00.000Z'),
      waitMinutes: 600, low: 400, high: 900, queueVehicles: 3000, reports: 7, throughputPerHour: 83.5,
    };
    await database.prisma.hourlyAggregate.create({ data: aggregate });
    expect(await database.prisma.hourlyAggregate.findFirstOrThrow()).toEqual(aggregate);
    const moderated = { moderatedStatus: 'closed' as const, statusNote: 'Closed for repairs', statusUpdatedAt: new Date('2022-09-26T09:30:00.000Z') };
    await database.prisma.checkpoint.update({ where: { id: 'kyakhta' }, data: moderated });
    expect(await database.prisma.checkpoint.findUniqueOrThrow({ where: { id: 'kyakhta' } })).toMatchObject({ ...moderated, status: 'open' });
    const action = { at: new Date('2022-09-26T09:30:00.000Z'), action: 'set-status', target: 'kyakhta', note: 'closed: Closed for repairs', affected: 1, moderator: 'Анна К' };
    const created = await database.prisma.moderationAction.create({ data: action });
    expect(await database.prisma.moderationAction.findUniqueOrThrow({ where: { id: created.id } })).toEqual({ id: created.id, ...action });
    const mark = { name: 'some-job', at: new Date('2022-09-26T09:00:00.000Z') };
    await database.prisma.maintenanceState.create({ data: mark });
    expect(await database.prisma.maintenanceState.findUniqueOrThrow({ where: { name: 'some-job' } })).toEqual(mark);
  });

  it('refuse a report for a checkpoint that does not exist', async () => {
    await expect(
      database.prisma.report.create({
        data: { id: '7f1c1c2e-8a43-4a59-9d1b-3f1b3c1a2b3c', checkpointId: 'atlantis', direction: 'in', mode: 'bus', deviceKey: 'k' },
      }),
    ).rejects.toThrow();
  });
});

describe.skipIf(!usingServer)('migrations on a shared server', () => {
  it('run once when several nodes start at the same moment', async () => {
    const fresh = await createTestDatabase();
    const pools = Array.from({ length: 3 }, () => new pg.Pool({ connectionString: fresh.env.DATABASE_URL, max: 2 }));
    try {
      const names = (await readMigrations()).map((migration) => migration.name);
      const results = await Promise.all(pools.map((pool) => applyMigrations(pool)));
      expect(results.flatMap((result) => result.applied).sort()).toEqual(names);
      const rows = await fresh.query('SELECT 1 FROM "_prisma_migrations"');
      expect(rows).toHaveLength(names.length);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
      await fresh.drop();
    }
  });
});
