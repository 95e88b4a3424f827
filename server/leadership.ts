// Jobs that must run on one node at a time (the estimate tick, retention)
// run on the node holding a PostgreSQL advisory lock. The lock belongs to a
// database session: when its node dies the session ends, the lock is free,
// and another node takes it at its next try.
import type { Logger } from 'pino';
import type pg from 'pg';

/** An advisory lock key of Kordon's own, apart from Prisma Migrate's (72707369). */
export const LEADER_LOCK = 4_176_602_023;

export interface Leadership {
  isLeader(): boolean;
  stop(): Promise<void>;
}

/** A node alone on its database (embedded PGlite) always leads. */
export const soleLeader: Leadership = { isLeader: () => true, stop: async () => {} };

export function startLeadership(options: { pool: pg.Pool; logger: Logger; retryMs: number }): Leadership {
  const { pool, logger } = options;
  let held: pg.PoolClient | null = null;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const letGo = (client: pg.PoolClient, reason: string) => {
    if (held !== client) return;
    held = null;
    // Destroyed, not returned to the pool: the session, and the lock with it, must end.
    client.release(true);
    logger.warn({ reason }, 'no longer runs the jobs of one node');
  };

  async function attempt(): Promise<void> {
    if (stopped) return;
    if (held) {
      // Still holding it? A database restart ends the session without a word.
      const client = held;
      await client.query('SELECT 1').catch((error: Error) => letGo(client, error.message));
      return;
    }
    let client: pg.PoolClient | undefined;
    try {
      client = await pool.connect();
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [LEADER_LOCK]);
      if (rows[0]?.locked && !stopped) {
        held = client;
        client.on('error', (error: Error) => letGo(client!, error.message));
        logger.info('runs the jobs of one node (estimate tick, retention)');
        return;
      }
      client.release();
    } catch (error) {
      client?.release(true);
      logger.debug({ reason: (error as Error).message }, 'could not try for the jobs of one node');
    }
  }

  running = attempt();
  const timer = setInterval(() => {
    running = running.then(attempt);
  }, options.retryMs);
  timer.unref();

  return {
    isLeader: () => held !== null,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      const client = held;
      held = null;
      if (!client) return;
      await client.query('SELECT pg_advisory_unlock($1)', [LEADER_LOCK]).catch(() => undefined);
      client.release();
    },
  };
}
