// Hand-written SQL for the few statements on the hot path (a report: store it,
// recompute its estimate), where Prisma's query engine cost several times
// what the database did (bench/ingest.ts: 8 ms of CPU per report through
// Prisma's interactive transaction, 1 ms on the same pg pool). Everything
// else reads and writes through Prisma. The same statements run inside a
// Prisma transaction too (`prismaSql`), so code that needs both shares them.
import type pg from 'pg';
import type { Transaction } from './db';

export interface Sql {
  /** `name` makes it a prepared statement, parsed and planned once per connection. */
  query<T>(text: string, values?: readonly unknown[], name?: string): Promise<T[]>;
}

export interface SqlDatabase {
  /** Runs `work` in one transaction on one pooled connection; rolls back if it throws. */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
}

export function pgDatabase(pool: pg.Pool): SqlDatabase {
  return {
    async transaction(work) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await work({ query: async (text, values, name) => (await client.query({ text, values: values as unknown[], name })).rows });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => (broken = true));
        throw error;
      } finally {
        // A connection that could not even roll back is not handed to the next caller.
        client.release(broken);
      }
    },
  };
}

/** The same statements inside a Prisma transaction. */
export function prismaSql(tx: Transaction): Sql {
  return { query: (text, values = []) => tx.$queryRawUnsafe(text, ...values) };
}
