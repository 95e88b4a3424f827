import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../lib/database-errors';
import { toAppError } from '../../lib/errors';

describe('telling an unreachable database from a bug', () => {
  it('recognises Prisma, driver adapter, pg and socket errors that mean the database is away', () => {
    const unreachable = [
      Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: 'P1001' }),
      { name: 'PrismaClientKnownRequestError', code: 'P2024', message: 'Timed out fetching a new connection' },
      { meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { kind: 'ConnectionClosed' } } } },
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Query read timeout'),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      new Error('wrapped', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) }),
      new AggregateError([Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })]),
      // Outages that PostgreSQL reports as such: disk full, out of memory, no such database, a read-only standby,
      // a rotated password, an object not ready, an I/O error; and the embedded database's disk.
      ...['53100', '53200', '3D000', '25006', '28P01', '55000', '58030'].map((code) => Object.assign(new Error(`sqlstate ${code}`), { code })),
      Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }),
      new Error('could not extend file "base/1/16384": No space left on device'),
    ];
    for (const error of unreachable) {
      expect(isDatabaseUnavailable(error), String((error as Error).message ?? JSON.stringify(error))).toBe(true);
      expect(toAppError(error).code).toBe('unavailable');
    }
  });

  it('leaves every other error internal', () => {
    const bugs = [
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      Object.assign(new Error('Unique constraint failed'), { code: 'P2002' }),
      Object.assign(new Error('syntax error at or near "SELEC"'), { code: '42601' }),
      Object.assign(new Error('value too long for type character varying(32)'), { code: '22001' }),
      Object.assign(new Error('new row violates check constraint'), { code: '23514' }),
      // A Prisma code that merely starts like an outage class is not one.
      Object.assign(new Error('Record to update not found.'), { code: 'P2025' }),
      'a string',
      null,
    ];
    for (const error of bugs) {
      expect(isDatabaseUnavailable(error)).toBe(false);
      expect(toAppError(error).code).toBe('internal');
    }
  });
});
