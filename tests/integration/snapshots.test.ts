// The subscription path against a real database: the in-memory checkpoint
// directory, and snapshots read once for a batch of subscriptions.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCheckpointDirectory } from '../../lib/checkpoint-directory';
import type { PrismaClient } from '../../lib/db';
import { pgDatabase } from '../../lib/sql';
import { createReportSubmitter } from '../../lib/reports/submit-report';
import { createSnapshotReader } from '../../lib/snapshots';
import { resolveSubscription } from '../../lib/subscriptions';
import { readCatalogue, syncCatalogue } from '../../prisma/seed';
import { parseConfig } from '../../server/config';
import { openDatabase, type Database } from '../../server/database';
import { makeDeviceKeyHasher } from '../../server/device-keys';
import { applyMigrations } from '../../server/migrations';
import { aReport, newDeviceKey } from '../helpers/clients';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

let testDatabase: TestDatabase;
let database: Database;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  database = await openDatabase(parseConfig(testDatabase.env), pino({ level: 'silent' }));
  await applyMigrations(database.pool);
  await syncCatalogue({ prisma: database.prisma, catalogue: await readCatalogue() });
  const submit = createReportSubmitter({
    prisma: database.prisma,
    database: pgDatabase(database.pool),
    directory: await loadCheckpointDirectory(database.prisma),
    now: () => new Date(),
    hashDeviceKey: makeDeviceKeyHasher('a-test-secret-that-is-long-enough-0000'),
    limitReports: async () => ({ giveBack: async () => {} }),
    proveDevice: async () => ({ proven: true, spent: false, release: async () => {} }),
    stored: () => {},
    publish: () => {},
  });
  for (const checkpointId of ['kyakhta', 'verkhny-lars', 'torfyanovka']) await submit(aReport({ checkpointId }), { deviceKey: newDeviceKey(), address: '127.0.0.1' });
});

afterAll(async () => {
  await database?.close();
  await testDatabase?.drop();
});

describe('the checkpoint directory', () => {
  it('resolves borders and ids from memory, finds a checkpoint added after it loaded, and names unknown ids', async () => {
    const directory = await loadCheckpointDirectory(database.prisma);
    const mongolian = await resolveSubscription(directory, { borders: ['MN'], ids: ['verkhny-lars'] });
    expect(mongolian.rooms).toEqual(['checkpoint:verkhny-lars', 'border:MN']);
    expect(mongolian.checkpointIds).toContain('kyakhta');
    expect(mongolian.checkpointIds).toContain('verkhny-lars');
    expect(mongolian.checkpointIds).not.toContain('torfyanovka');

    // A newer node's catalogue added one: found on the first subscription that names it.
    const { id: _, createdAt: __, updatedAt: ___, ...row } = await database.prisma.checkpoint.findUniqueOrThrow({ where: { id: 'kyakhta' } });
    await database.prisma.checkpoint.create({ data: { ...row, id: 'new-crossing' } });
    expect((await resolveSubscription(directory, { ids: ['new-crossing'] })).checkpointIds).toEqual(['new-crossing']);

    await expect(resolveSubscription(directory, { ids: ['kyakhta', 'atlantis'] })).rejects.toMatchObject({
      code: 'unknown_checkpoint',
      fields: [{ path: 'ids.1', message: 'unknown checkpoint "atlantis"' }],
    });
  });
});

describe('snapshots', () => {
  it('subscriptions that arrive together share one read, and each gets only what it covers', async () => {
    let reads = 0;
    // The real client, counted: one findMany of estimates per batch.
    const counted = new Proxy(database.prisma, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property !== 'estimate') return value;
        return new Proxy(value, {
          get(model, method, modelReceiver) {
            const inner = Reflect.get(model, method, modelReceiver);
            return method === 'findMany' ? (...args: unknown[]) => ((reads += 1), inner.apply(model, args)) : inner;
          },
        });
      },
    }) as PrismaClient;
    const read = createSnapshotReader(counted);
    const [mongolia, georgia, both] = await Promise.all([read(['kyakhta']), read(['verkhny-lars']), read(['kyakhta', 'verkhny-lars', 'torfyanovka'])]);
    expect(reads).toBe(1);
    expect(mongolia.estimates.map((e) => e.checkpointId)).toEqual(['kyakhta']);
    expect(georgia.estimates.map((e) => e.checkpointId)).toEqual(['verkhny-lars']);
    expect(both.estimates.map((e) => e.checkpointId).sort()).toEqual(['kyakhta', 'torfyanovka', 'verkhny-lars']);

    // A later subscription is a later read: it sees what was stored since.
    await read(['kyakhta']);
    expect(reads).toBe(2);
  });
});
