// The retention job against a real database: hours become aggregates first,
// then reports past retention go, and nothing an unaggregated hour needs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { randomUUID } from 'node:crypto';
import { parseConfig } from '../../server/config';
import { openDatabase, type Database } from '../../server/database';
import { applyMigrations } from '../../server/migrations';
import { readCatalogue, syncCatalogue } from '../../prisma/seed';
import { AGGREGATED_UNTIL, aggregateHours, deleteExpiredReports } from '../../lib/maintenance/retention';
import { hideReports } from '../../lib/moderation/moderate';
import { deleteStalePushSubscriptions } from '../../lib/alerts/push-watches';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date('2026-11-25T12:30:00.000Z');

let testDatabase: TestDatabase;
let database: Database;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  database = await openDatabase(parseConfig(testDatabase.env), pino({ level: 'silent' }));
  await applyMigrations(database.pool);
  await syncCatalogue({ prisma: database.prisma, catalogue: await readCatalogue() });
});

afterAll(async () => {
  await database?.close();
  await testDatabase?.drop();
});

/** Three devices reporting `waitMinutes` at Kyakhta every hour over a span. */
function reports(fromMs: number, hours: number, waitMinutes: number) {
  return Array.from({ length: hours * 3 }, (_, i) => ({
    id: randomUUID(),
    checkpointId: 'kyakhta',
    direction: 'out' as const,
    mode: 'car' as const,
    waitMinutes,
    deviceKey: `device-${i % 3}`,
    createdAt: new Date(fromMs + Math.floor(i / 3) * HOUR + (i % 3) * 60_000),
  }));
}

describe('the retention job', () => {
  it('aggregates every hour before deleting the reports behind it, and deletes nothing still needed', async () => {
    const old = reports(NOW.getTime() - 40 * DAY, 6, 300); // 40 days ago: past retention
    const recent = reports(NOW.getTime() - 2 * DAY, 6, 60); // two days ago: kept
    await database.prisma.report.createMany({ data: [...old, ...recent] });

    // Nothing is deleted before the hours are aggregated.
    expect(await deleteExpiredReports({ prisma: database.prisma, now: NOW, retentionDays: 30 })).toBe(0);

    let runs = 0;
    for (let behind = true; behind; runs += 1) {
      ({ behind } = await aggregateHours({ prisma: database.prisma, now: NOW, maxHours: 24 * 7 }));
    }
    expect(runs).toBeGreaterThan(1); // 40 days at a week a run
    const mark = await database.prisma.maintenanceState.findUniqueOrThrow({ where: { name: AGGREGATED_UNTIL } });
    expect(mark.at.toISOString()).toBe('2026-11-25T12:00:00.000Z');

    const aggregates = await database.prisma.hourlyAggregate.findMany({ where: { checkpointId: 'kyakhta' }, orderBy: { hour: 'asc' } });
    const oldHours = aggregates.filter((row) => row.hour.getTime() < NOW.getTime() - 30 * DAY);
    expect(oldHours.length).toBeGreaterThanOrEqual(6);
    for (const row of oldHours.slice(0, 6)) expect(row.waitMinutes).toBeGreaterThan(200);
    expect(aggregates.some((row) => row.hour.getTime() > NOW.getTime() - 3 * DAY && row.waitMinutes! < 120)).toBe(true);

    const deleted = await deleteExpiredReports({ prisma: database.prisma, now: NOW, retentionDays: 30 });
    expect(deleted).toBe(old.length);
    const left = await database.prisma.report.findMany({ select: { id: true } });
    expect(new Set(left.map((row) => row.id))).toEqual(new Set(recent.map((report) => report.id)));
    // The aggregates of the deleted hours stay.
    expect(await database.prisma.hourlyAggregate.count({ where: { hour: { lt: new Date(NOW.getTime() - 30 * DAY) } } })).toBe(oldHours.length);

    // A second pass in the same hour has nothing to do.
    expect(await aggregateHours({ prisma: database.prisma, now: NOW, maxHours: 24 })).toEqual({ hours: 0, rows: 0, behind: false });
    expect(await deleteExpiredReports({ prisma: database.prisma, now: NOW, retentionDays: 30 })).toBe(0);
  });

  it('computes the hours a hidden device counted in again, so the permanent record keeps nothing it said', async () => {
    const from = NOW.getTime() - 3 * DAY;
    const honest = reports(from, 6, 120).map((report) => ({ ...report, checkpointId: 'mondy', deviceKey: `mondy-${report.deviceKey}` }));
    // A flood of the cap from many devices at once: it carries the hours it lands in.
    const flood = Array.from({ length: 20 }, (_, i) => ({
      id: randomUUID(), checkpointId: 'mondy', direction: 'out' as const, mode: 'car' as const, waitMinutes: 10080,
      deviceKey: 'flooder', createdAt: new Date(from + 2 * HOUR + i * 60_000),
    }));
    await database.prisma.report.createMany({ data: [...honest, ...flood.map((report, i) => ({ ...report, deviceKey: `flooder-${i % 5}` }))] });
    await database.prisma.maintenanceState.update({ where: { name: AGGREGATED_UNTIL }, data: { at: new Date(from) } });
    for (let behind = true; behind; ) ({ behind } = await aggregateHours({ prisma: database.prisma, now: NOW, maxHours: 24 * 7 }));
    const flooded = await database.prisma.hourlyAggregate.findMany({ where: { checkpointId: 'mondy' }, orderBy: { hour: 'asc' } });
    expect(Math.max(...flooded.map((row) => row.waitMinutes ?? 0))).toBeGreaterThan(1000);

    for (let i = 0; i < 5; i += 1) {
      await hideReports(database.prisma, { target: { devices: [`flooder-${i}`] }, body: { hidden: true, reason: 'a flood at the cap' }, now: NOW, moderator: 'test' });
    }
    const cleaned = await database.prisma.hourlyAggregate.findMany({ where: { checkpointId: 'mondy' }, orderBy: { hour: 'asc' } });
    expect(cleaned.length).toBeGreaterThan(0);
    expect(Math.max(...cleaned.map((row) => row.waitMinutes ?? 0))).toBeLessThan(200);
    // Other checkpoints' hours are left as they were.
    expect(await database.prisma.hourlyAggregate.count({ where: { checkpointId: 'kyakhta' } })).toBeGreaterThan(0);
  });
});

describe('push subscriptions', () => {
  it('go with their watches once the page has not sent them for 30 days; one sent again stays', async () => {
    const make = (endpoint: string, refreshedAt: Date) =>
      database.prisma.pushSubscription.create({
        data: {
          endpoint, p256dh: 'B'.repeat(87), auth: 'A'.repeat(22), language: 'ru', refreshedAt,
          watches: { create: { checkpointId: 'kyakhta', direction: 'out', mode: 'car', belowMinutes: 360, armed: true, lastStatus: 'open' } },
        },
      });
    await make('https://fcm.googleapis.com/fcm/send/stale', new Date(NOW.getTime() - 31 * DAY));
    await make('https://fcm.googleapis.com/fcm/send/fresh', new Date(NOW.getTime() - 29 * DAY));
    expect(await deleteStalePushSubscriptions(database.prisma, NOW)).toBe(1);
    expect((await database.prisma.pushSubscription.findMany()).map((s) => s.endpoint)).toEqual(['https://fcm.googleapis.com/fcm/send/fresh']);
    expect(await database.prisma.pushWatch.count()).toBe(1);
  });
});
