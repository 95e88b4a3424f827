import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config';
import { describeUrl, openDatabase } from '../../server/database';

const silent = pino({ level: 'silent' });
let folder: string | undefined;
afterEach(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('describeUrl', () => {
  it('names host, port and database but never the credentials', () => {
    const shown = describeUrl('postgresql://kordon:hunter2@db.internal:6543/kordon_prod?sslmode=require');
    expect(shown).toBe('PostgreSQL at db.internal:6543/kordon_prod');
    expect(describeUrl('postgres://localhost/kordon')).toBe('PostgreSQL at localhost:5432/kordon');
  });
});

describe('the embedded database', () => {
  it('works from a folder whose path is too long for a Unix socket name, and cleans up after itself', async () => {
    folder = await mkdtemp(join(tmpdir(), 'kordon-long-'));
    const dataDir = join(folder, 'a-folder-name-long-enough-to-push-the-socket-path-past-the-limit-of-unix-socket-names');
    const database = await openDatabase(parseConfig({ DATA_DIR: dataDir }), silent);
    try {
      const { rows } = await database.pool.query<{ answer: number }>('SELECT 41 + 1 AS answer');
      expect(rows).toEqual([{ answer: 42 }]);
      expect(existsSync(join(dataDir, 'pglite'))).toBe(true);
      expect(existsSync(join(dataDir, '.s.PGSQL.5432'))).toBe(false);
    } finally {
      await database.close();
    }
  });
});
