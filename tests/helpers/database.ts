// A fresh, empty database for one test: a new database on the PostgreSQL
// server named by TEST_DATABASE_URL (or DATABASE_URL), or else a new embedded
// PGlite folder. `env` is what to hand the server process to use it.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
export const usingServer = serverUrl !== undefined;

export interface TestDatabase {
  kind: 'server' | 'embedded';
  env: Record<string, string>;
  /** Runs SQL while no Kordon process holds the database (PGlite allows one user). */
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

export async function createTestDatabase(options: { embedded?: boolean } = {}): Promise<TestDatabase> {
  return serverUrl && !options.embedded ? createServerDatabase(serverUrl) : createEmbeddedDatabase();
}

async function createServerDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `kordon_test_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  return {
    kind: 'server',
    env: { DATABASE_URL: databaseUrl },
    query: (sql, params) => withClient(databaseUrl, async (client) => (await client.query(sql, params)).rows),
    drop: () =>
      withClient(adminUrl, async (client) => {
        // A pool's end() resolves before its sockets close: give them a moment, or FORCE kills a closing
        // connection whose error then has no listener left and fails the run.
        for (let i = 0; i < 40; i += 1) {
          const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
          if (rows[0]!.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }),
  };
}

async function createEmbeddedDatabase(): Promise<TestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kordon-test-'));
  return {
    kind: 'embedded',
    // The helper's own queries reach a running server's database through its socket.
    env: { DATA_DIR: dataDir, DATABASE_SOCKET_CLIENTS: '1' },
    async query(sql, params) {
      // While a server runs, ask it, through its socket: a second PGlite on the same folder would read
      // stale pages and could write over the server's. With no server, open the folder directly.
      const client = new pg.Client({ host: dataDir, port: 5432, user: 'postgres', database: 'postgres' });
      const served = await client.connect().then(
        () => true,
        () => false,
      );
      if (served) {
        try {
          return (await client.query(sql, params)).rows as never[];
        } finally {
          await client.end();
        }
      }
      const db = await PGlite.create(join(dataDir, 'pglite'));
      try {
        return (await db.query(sql, params)).rows as never[];
      } finally {
        await db.close();
      }
    },
    drop: () => rm(dataDir, { recursive: true, force: true }),
  };
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
