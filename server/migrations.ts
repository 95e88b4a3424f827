// Applies prisma/migrations without the Prisma CLI (its schema engine cannot
// be downloaded everywhere Kordon runs). The bookkeeping is Prisma's own
// `_prisma_migrations` table, filled the way `prisma migrate deploy` fills it,
// so `prisma migrate status` and `deploy` agree with it where the CLI exists.
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../prisma/migrations', import.meta.url));

// The advisory lock key Prisma Migrate itself takes, so the CLI and this
// runner (on any number of nodes) never migrate the same database at once.
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

export interface LocalMigration {
  name: string;
  sql: string;
  checksum: string;
}

export interface AppliedMigration {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<LocalMigration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

export interface MigrationPlan {
  pending: LocalMigration[];
  /** Applied migrations whose file has changed since: reported, never re-run. */
  modified: string[];
}

/** Decides what to apply; refuses, as Prisma does, while a failed migration is recorded. */
export function planMigrations(local: readonly LocalMigration[], applied: readonly AppliedMigration[]): MigrationPlan {
  const failed = applied.find((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed) {
    throw new MigrationError(
      `Migration ${failed.migration_name} failed earlier and is still recorded as started. ` +
        'Fix the database by hand, then mark it rolled back (prisma migrate resolve --rolled-back).',
    );
  }
  const done = new Map(
    applied.filter((row) => row.finished_at !== null && row.rolled_back_at === null).map((row) => [row.migration_name, row]),
  );
  const pending = local.filter((migration) => !done.has(migration.name));
  const modified = local
    .filter((migration) => {
      const row = done.get(migration.name);
      return row !== undefined && row.checksum !== migration.checksum;
    })
    .map((migration) => migration.name);
  return { pending, modified };
}

const CREATE_BOOKKEEPING = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationResult {
  applied: string[];
  modified: string[];
}

/**
 * Applies every pending migration, each in its own transaction together with
 * its bookkeeping row, so a failure leaves neither half-applied SQL nor a
 * failed record behind.
 */
export async function applyMigrations(pool: pg.Pool, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const local = await readMigrations(dir);
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
    try {
      await client.query(CREATE_BOOKKEEPING);
      const { rows } = await client.query<AppliedMigration>(
        'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
      );
      const plan = planMigrations(local, rows);
      for (const migration of plan.pending) {
        await applyOne(client, migration);
      }
      return { applied: plan.pending.map((migration) => migration.name), modified: plan.modified };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

async function applyOne(client: pg.PoolClient, migration: LocalMigration): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${reason}`);
  }
}
