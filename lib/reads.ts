// The public reads every page and the JSON API make, through one short cache
// (lib/read-cache.ts): the list of checkpoints and one checkpoint's detail.
// What this node changes (a stored report, a new estimate, a moderator's
// action) is forgotten at once; what another node changes shows within the
// cache's few seconds.
import { getCheckpoint, listCheckpoints, MAX_HISTORY_HOURS, type CheckpointDetail, type CheckpointView } from './checkpoints';
import type { PrismaClient } from './db';
import type { BorderCode } from './enums';
import { createReadCache, type ReadCacheOptions } from './read-cache';

export const READ_CACHE: ReadCacheOptions = { ttlMs: 5_000, maxConcurrent: 4, maxWaiting: 200, maxEntries: 1_000 };

export interface Reads {
  checkpoints(border?: BorderCode): Promise<CheckpointView[]>;
  checkpoint(id: string, hours?: number): Promise<CheckpointDetail>;
  /** The data of one checkpoint changed here: its detail and every list read again. */
  changed(checkpointId: string): void;
  /** Anything may have changed (a moderator's action). */
  changedAll(): void;
}

export function createReads(deps: { prisma: PrismaClient; now: () => Date }, options: ReadCacheOptions = READ_CACHE): Reads {
  const cache = createReadCache(options);
  return {
    checkpoints: (border) => cache.read(`list:${border ?? '*'}`, () => listCheckpoints({ prisma: deps.prisma, now: deps.now(), ...(border ? { border } : {}) })),
    checkpoint: (id, hours = MAX_HISTORY_HOURS) =>
      cache.read(`checkpoint:${id}:${hours}`, () => getCheckpoint({ prisma: deps.prisma, id, now: deps.now(), hours })),
    changed(checkpointId) {
      cache.invalidate(`checkpoint:${checkpointId}:`);
      cache.invalidate('list:');
    },
    changedAll: () => cache.invalidate(),
  };
}
