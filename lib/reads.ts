// The public reads every page and the JSON API make, through one short cache
// (lib/read-cache.ts): the list of checkpoints and one checkpoint's detail.
// What this node changes (a stored report, a new estimate, a moderator's
// action) is forgotten at once; what another node changes shows within the
// cache's few seconds.
//
// The cache runs a few computations at once and queues a bounded number, so
// the reads it computes must be few: a reader who could name a new read at
// will (any of a week's 168 periods, a made-up id) could fill the queue and
// have every reader's list refused. A detail is read for the whole week and
// cut to the period asked, and an id the directory does not know is refused
// before it takes a place: the reads are the borders' lists and the known
// checkpoints, whoever asks.
import { checkpointNotFound, detailOf, isCheckpointId, listCheckpoints, readCheckpointWeek, type CheckpointDetail, type CheckpointView } from './checkpoints';
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

export interface ReadsDeps {
  prisma: PrismaClient;
  now: () => Date;
  /** Whether a checkpoint of this id exists (lib/checkpoint-directory.ts: an unknown id reads the database at most every few seconds). */
  known: (id: string) => Promise<boolean>;
}

export function createReads(deps: ReadsDeps, options: ReadCacheOptions = READ_CACHE): Reads {
  const cache = createReadCache(options);
  return {
    checkpoints: (border) => cache.read(`list:${border ?? '*'}`, () => listCheckpoints({ prisma: deps.prisma, now: deps.now(), ...(border ? { border } : {}) })),
    async checkpoint(id, hours) {
      if (!isCheckpointId(id) || !(await deps.known(id))) throw checkpointNotFound(id);
      return detailOf(await cache.read(`checkpoint:${id}:`, () => readCheckpointWeek({ prisma: deps.prisma, id, now: deps.now() })), hours);
    },
    changed(checkpointId) {
      cache.invalidate(`checkpoint:${checkpointId}:`);
      cache.invalidate('list:');
    },
    changedAll: () => cache.invalidate(),
  };
}
