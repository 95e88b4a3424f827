// The estimate store and tick against a real database, with a clock the test
// controls, so hours can pass in a moment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { listEstimates, listLiveEstimateKeys, refreshEstimate } from '../../lib/estimates/store';
import { estimatorCheckpointColumns, toEstimatorCheckpoint } from '../../lib/estimates/estimator-checkpoint';
import type { Estimate } from '../../lib/estimates/types';
import { pgDatabase } from '../../lib/sql';
import { loadCheckpointDirectory } from '../../lib/checkpoint-directory';
import { createReportSubmitter, type SubmitReport } from '../../lib/reports/submit-report';
import { readCatalogue, syncCatalogue } from '../../prisma/seed';
import { parseConfig } from '../../server/config';
import { openDatabase, type Database } from '../../server/database';
import { makeDeviceKeyHasher } from '../../server/device-keys';
import { refreshLiveEstimates } from '../../server/estimate-tick';
import { applyMigrations } from '../../server/migrations';
import { aReport, newDeviceKey } from '../helpers/clients';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

const HOUR = 3_600_000;
const logger = pino({ level: 'silent' });
let testDatabase: TestDatabase;
let database: Database;
let clock = new Date('2026-11-25T08:00:00Z');
const published: Estimate[] = [];
let submit: SubmitReport;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  database = await openDatabase(parseConfig(testDatabase.env), logger);
  await applyMigrations(database.pool);
  await syncCatalogue({ prisma: database.prisma, catalogue: await readCatalogue() });
  submit = await aNode();
});

/** A report path as a node has it (a second one is a second node, with its own memory, on the same database). */
async function aNode(): Promise<SubmitReport> {
  return createReportSubmitter({
    prisma: database.prisma,
    database: pgDatabase(database.pool),
    directory: await loadCheckpointDirectory(database.prisma),
    now: () => clock,
    hashDeviceKey: makeDeviceKeyHasher('a-test-secret-that-is-long-enough-0000'),
    limitReports: async () => ({ giveBack: async () => {} }),
    proveDevice: async () => ({ proven: true, spent: false, release: async () => {} }),
    stored: () => {},
    publish: (estimate) => published.push(estimate),
  });
}

afterAll(async () => {
  await database?.close();
  await testDatabase?.drop();
});

/** On the test's own connection: an embedded database allows no second user. */
const count = async (where: string, values: unknown[] = []) =>
  (await database.pool.query<{ count: string }>(`SELECT count(*)::text AS count FROM "Report" WHERE ${where}`, values)).rows[0]?.count;

const tickDeps = () => ({ prisma: database.prisma, database: pgDatabase(database.pool), logger, now: () => clock, publish: (estimate: Estimate) => published.push(estimate) });

describe('the estimate tick', () => {
  it('publishes what time alone changes, once, and forgets estimates with nothing left to show', async () => {
    const report = aReport({ checkpointId: 'orsk', waitMinutes: 120 });
    const created = await submit(report, { deviceKey: newDeviceKey(), address: '127.0.0.1' });
    expect(created.estimate).toMatchObject({ stale: false, version: 1 });

    // A minute changes nothing anyone would see.
    clock = new Date(clock.getTime() + 60_000);
    expect(await refreshLiveEstimates(tickDeps())).toBe(0);

    // Half a day later it is old: still shown, as it stood, marked stale.
    published.length = 0;
    clock = new Date(clock.getTime() + 13 * HOUR);
    expect(await refreshLiveEstimates(tickDeps())).toBe(1);
    expect(published).toEqual([expect.objectContaining({ checkpointId: 'orsk', stale: true, waitMinutes: 120, version: 2 })]);
    expect(await refreshLiveEstimates(tickDeps())).toBe(0);

    // After a day with no report there is nothing left to show.
    clock = new Date(clock.getTime() + 12 * HOUR);
    expect(await refreshLiveEstimates(tickDeps())).toBe(1);
    const [stored] = await listEstimates(database.prisma, ['orsk']);
    expect(stored).toMatchObject({ waitMinutes: null, stale: true, version: 3 });
    expect(await listLiveEstimateKeys(database.prisma)).not.toContainEqual(expect.objectContaining({ checkpointId: 'orsk' }));
  });
});

describe('concurrent reports', () => {
  it('for one checkpoint × direction × mode are stored together and end in one estimate that counts them all', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        submit(aReport({ checkpointId: 'ilek', waitMinutes: 60 + i }), { deviceKey: newDeviceKey(), address: '127.0.0.1' }),
      ),
    );
    // The first went alone (the key was idle); the five that came while it was stored went in one batch.
    const versions = results.map((result) => result.estimate.version).sort((a, b) => a - b);
    expect(versions).toEqual([1, 2, 2, 2, 2, 2]);
    const [final] = await listEstimates(database.prisma, ['ilek']);
    expect(final).toMatchObject({ reports: 6, version: 2 });
    for (const result of results.filter((r) => r.estimate.version === 2)) expect(result.estimate).toEqual(final);
    expect(results.every((result) => !result.duplicate)).toBe(true);
    expect(await count(`"checkpointId" = 'ilek'`)).toBe('6');
  });

  it('a repeat of an id within one batch is that report once, the repeat answered as a duplicate', async () => {
    const report = aReport({ checkpointId: 'orsk', waitMinutes: 75 });
    const deviceKey = newDeviceKey();
    const [first, ...rest] = await Promise.all([
      submit(aReport({ checkpointId: 'orsk' }), { deviceKey: newDeviceKey(), address: '127.0.0.1' }),
      submit(report, { deviceKey, address: '127.0.0.1' }),
      submit(report, { deviceKey, address: '127.0.0.1' }),
    ]);
    expect(first!.duplicate).toBe(false);
    expect(rest.map((result) => result.duplicate).sort()).toEqual([false, true]);
    expect(rest[0]!.report).toEqual(rest[1]!.report);
    expect(await count(`"id" = $1`, [report.id])).toBe('1');
  });
});

describe('the reports a node keeps of each window', () => {
  it('give the estimate a fresh read gives, whatever changed the stored reports since: another node, a moderator, or SQL', async () => {
    const checkpointId = 'teploye';
    const row = await database.prisma.checkpoint.findUniqueOrThrow({ where: { id: checkpointId }, select: estimatorCheckpointColumns });
    const checkpoint = toEstimatorCheckpoint(row);
    /** What reading every report again makes of it now: nothing to change, if the report path got it right. */
    const freshRead = () =>
      pgDatabase(database.pool).transaction((sql) => refreshEstimate(sql, { checkpoint, direction: 'out', mode: 'car', now: clock }));
    const other = await aNode();
    const report = (node: SubmitReport, waitMinutes: number) => node(aReport({ checkpointId, waitMinutes }), { deviceKey: newDeviceKey(), address: '127.0.0.1' });
    const step = () => (clock = new Date(clock.getTime() + 5 * 60_000));

    for (const wait of [120, 140, 130]) {
      step();
      await report(submit, wait);
    }
    // Another node stores a long wait: this node's memory of the window no longer holds all of it.
    step();
    await report(other, 900);
    step();
    let latest = await report(submit, 125);
    expect((await freshRead()).changed).toBe(false);
    expect(latest.estimate.reports).toBe(5);

    // Someone at psql moves the long wait out of the window, and hides the first report: neither through Kordon.
    await database.pool.query(`UPDATE "Report" SET "createdAt" = "createdAt" - interval '25 hours' WHERE "checkpointId" = $1 AND "waitMinutes" = 900`, [checkpointId]);
    await database.pool.query(`UPDATE "Report" SET "hidden" = true WHERE "checkpointId" = $1 AND "waitMinutes" = 120`, [checkpointId]);
    step();
    latest = await report(submit, 135);
    expect((await freshRead()).changed).toBe(false);
    expect(latest.estimate.reports).toBe(4);
    expect(latest.estimate.waitMinutes).toBeLessThan(200);

    // And the other node, whose memory is older still, reaches the same.
    step();
    const there = await report(other, 130);
    expect((await freshRead()).changed).toBe(false);
    expect(there.estimate.reports).toBe(5);

    // Every report made 13 hours older, all still in the window: as many rows as before, each rewritten.
    await database.pool.query(`UPDATE "Report" SET "createdAt" = "createdAt" - interval '13 hours' WHERE "checkpointId" = $1`, [checkpointId]);
    step();
    latest = await report(submit, 130);
    expect((await freshRead()).changed).toBe(false);
    // Only the newest device reported in the last 6 hours.
    expect(latest.estimate.reports).toBe(1);
  });
});

describe('one device, one voice', () => {
  it('a flood of 1,000 reports from one device moves the stored estimate no further than its first report did', async () => {
    const at = (address: string) => ({ address });
    for (const wait of [60, 70, 80]) await submit(aReport({ checkpointId: 'kyakhta', waitMinutes: wait }), { deviceKey: newDeviceKey(), ...at('10.0.0.1') });
    const flooder = newDeviceKey();
    const one = await submit(aReport({ checkpointId: 'kyakhta', waitMinutes: 6000 }), { deviceKey: flooder, ...at('10.0.0.2') });
    for (let i = 1; i < 1000; i += 1) await submit(aReport({ checkpointId: 'kyakhta', waitMinutes: 6000 }), { deviceKey: flooder, ...at('10.0.0.2') });
    const [flooded] = await listEstimates(database.prisma, ['kyakhta']);
    expect(await count(`"checkpointId" = 'kyakhta'`)).toBe('1003');
    // Four voices before and after: the same wait, range and confidence.
    expect(one.estimate).toMatchObject({ reports: 4 });
    const { version: _before, ...afterOne } = one.estimate;
    const { version: _after, ...afterFlood } = flooded!;
    expect(afterFlood).toEqual(afterOne);
  });
});
