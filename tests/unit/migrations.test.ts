import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, MigrationError, planMigrations, readMigrations, type AppliedMigration, type LocalMigration } from '../../server/migrations';

const local = (name: string, checksum = `sum-${name}`): LocalMigration => ({ name, sql: '', checksum });
const applied = (name: string, overrides: Partial<AppliedMigration> = {}): AppliedMigration => ({
  migration_name: name,
  checksum: `sum-${name}`,
  finished_at: new Date(),
  rolled_back_at: null,
  ...overrides,
});

describe('readMigrations', () => {
  it("reads Prisma's folder layout in order, with the SHA-256 checksum Prisma records", async () => {
    const migrations = await readMigrations();
    expect(migrations.map((migration) => migration.name)).toEqual([...migrations.map((m) => m.name)].sort());
    const first = migrations[0]!;
    const sql = await readFile(join(MIGRATIONS_DIR, first.name, 'migration.sql'));
    expect(first.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
    expect(first.name).toMatch(/^\d{14}_[a-z0-9_]+$/);
  });
});

describe('planMigrations', () => {
  it('applies only what has not finished', () => {
    const plan = planMigrations([local('1_a'), local('2_b'), local('3_c')], [applied('1_a')]);
    expect(plan.pending.map((migration) => migration.name)).toEqual(['2_b', '3_c']);
    expect(plan.modified).toEqual([]);
  });

  it('runs a rolled-back migration again', () => {
    const plan = planMigrations([local('1_a')], [applied('1_a', { rolled_back_at: new Date() })]);
    expect(plan.pending.map((migration) => migration.name)).toEqual(['1_a']);
  });

  it('refuses to go on while a failed migration is recorded', () => {
    expect(() => planMigrations([local('1_a')], [applied('1_a', { finished_at: null })])).toThrow(MigrationError);
  });

  it('reports an applied migration whose file changed, without running it again', () => {
    const plan = planMigrations([local('1_a', 'edited')], [applied('1_a')]);
    expect(plan).toEqual({ pending: [], modified: ['1_a'] });
  });
});
