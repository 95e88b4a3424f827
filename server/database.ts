// Opens the database: the PostgreSQL server named by DATABASE_URL, or, when
// it is unset, an embedded PGlite under DATA_DIR served on a private Unix
// socket. Either way the rest of the app sees one pg pool and one Prisma
// client, and the same SQL runs on both.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { Logger } from 'pino';
import { PrismaClient } from '../generated/prisma/client';
import type { Config } from './config';

export interface Database {
  prisma: PrismaClient;
  pool: pg.Pool;
  /** Where the data lives, for the start-up line; never holds a password. */
  description: string;
  close(): Promise<void>;
}

export class DatabaseInUseError extends Error {
  override name = 'DatabaseInUseError';
}

export function describeUrl(url: string): string {
  const parsed = new URL(url);
  const database = parsed.pathname.replace(/^\//, '') || '(default database)';
  return `PostgreSQL at ${parsed.hostname}:${parsed.port || '5432'}/${database}`;
}

export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  return config.DATABASE_URL ? openServer(config.DATABASE_URL, config, logger) : openEmbedded(config, logger);
}

async function openServer(url: string, config: Config, logger: Logger): Promise<Database> {
  // Bounded waits: a database that stops answering turns into `unavailable` errors, not hung requests.
  const pool = new pg.Pool({ connectionString: url, max: config.DATABASE_POOL_SIZE, connectionTimeoutMillis: 5000, query_timeout: 10_000 });
  return wrapPool(pool, describeUrl(url), logger, async () => {});
}

const PG_PORT = 5432; // only names the socket file: .s.PGSQL.5432

async function openEmbedded(config: Config, logger: Logger): Promise<Database> {
  const dataDir = resolve(config.DATA_DIR, 'pglite');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const socketDir = await privateSocketDir(resolve(config.DATA_DIR));
  const socketPath = join(socketDir.path, `.s.PGSQL.${PG_PORT}`);
  await refuseIfServed(socketPath);

  const db = await PGlite.create(dataDir);
  // PGlite runs one query at a time, in one session: the app's pool has one connection. Every client of
  // the socket shares that session, so another one (`psql -h <DATA_DIR>`, pg_dump, a test reading what the
  // app stored) may attach only when DATABASE_SOCKET_CLIENTS asks for it: a COPY or a transaction it
  // leaves open would hold up every report (docs/operations.md).
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 1 + config.DATABASE_SOCKET_CLIENTS });
  await server.start();

  const pool = new pg.Pool({
    host: socketDir.path,
    port: PG_PORT,
    user: 'postgres',
    database: 'postgres',
    max: 1,
    idleTimeoutMillis: 0,
    connectionTimeoutMillis: 5000,
  });
  const shown = relative(process.cwd(), dataDir) || dataDir;
  return wrapPool(pool, `embedded PGlite in ${shown.startsWith('..') ? dataDir : `./${shown}`}`, logger, async () => {
    await server.stop();
    await db.close();
    await socketDir.cleanup();
  });
}

/**
 * The socket lives in DATA_DIR when its path fits the ~107-byte limit of
 * Unix socket names, else in a private temporary folder.
 */
async function privateSocketDir(dataDir: string): Promise<{ path: string; cleanup: () => Promise<void> }> {
  if (dataDir.length + 20 < 100) return { path: dataDir, cleanup: async () => {} };
  const path = await mkdtemp(join(tmpdir(), 'kordon-pg-'));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

/**
 * Two processes on one PGlite folder would corrupt it. A live socket means
 * another Kordon serves this folder; a dead one is left over from a crash.
 */
async function refuseIfServed(socketPath: string): Promise<void> {
  const alive = await new Promise<boolean>((resolveAlive) => {
    const probe = net.connect(socketPath);
    probe.once('connect', () => {
      probe.destroy();
      resolveAlive(true);
    });
    probe.once('error', () => resolveAlive(false));
  });
  if (alive) {
    throw new DatabaseInUseError(
      `Another Kordon process is using the embedded database (${socketPath}). Stop it, or set DATA_DIR to another folder.`,
    );
  }
  await rm(socketPath, { force: true });
}

function wrapPool(pool: pg.Pool, description: string, logger: Logger, closeStore: () => Promise<void>): Database {
  // An idle client that loses its server emits 'error'; unhandled, it would crash the process.
  pool.on('error', (error) => logger.warn({ reason: error.message }, 'database connection lost'));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  let closing: Promise<void> | undefined;
  return {
    prisma,
    pool,
    description,
    close() {
      closing ??= (async () => {
        await prisma.$disconnect();
        await pool.end();
        await closeStore();
      })();
      return closing;
    },
  };
}
