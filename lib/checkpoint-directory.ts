// Which checkpoints exist, on which border, by which modes, held in memory:
// every subscription and every report needs it, and it changes only when a node loads a newer
// catalogue or a moderator opens or closes a mode. An id it does not know, or a mode it does not
// take, makes it read the database once more, so a checkpoint added by a newer node, or a mode a
// moderator opened on another node, is found without a restart.
import { effectiveModes } from './checkpoint-modes';
import type { Db } from './db';
import { estimatorCheckpointColumns, openingHoursOf } from './estimates/estimator-checkpoint';
import type { OpeningHours } from './estimates/opening-hours';
import type { BorderCode, Mode } from './enums';

/** What the hot paths need to know of a checkpoint. */
export interface KnownCheckpoint {
  id: string;
  border: BorderCode;
  modes: readonly Mode[];
  capacityPerDay: number | null;
  openingHours: OpeningHours | null;
}

export interface CheckpointDirectory {
  get(id: string): KnownCheckpoint | undefined;
  borderOf(id: string): BorderCode | undefined;
  idsIn(border: BorderCode): readonly string[];
  /** Reads the database again (at most every few seconds); true when it now knows every one of `ids`. */
  refreshFor(ids: readonly string[]): Promise<boolean>;
  /** Reads the database again now: a moderator on this node opened or closed a mode. */
  reload(): Promise<void>;
}

/** Unknown ids read the database again at most this often: a stream of made-up ids costs one query. */
const REFRESH_AT_MOST_EVERY_MS = 5_000;

export async function loadCheckpointDirectory(db: Db): Promise<CheckpointDirectory> {
  let refreshedAt = 0;
  let checkpoints = new Map<string, KnownCheckpoint>();
  let byBorder = new Map<BorderCode, string[]>();
  /** A read in flight: whoever asks meanwhile waits for it rather than answer from what it replaces. */
  let loading: Promise<void> | null = null;
  const read = async () => {
    const rows = await db.checkpoint.findMany({
      select: { ...estimatorCheckpointColumns, border: true, modes: true, modesEnabled: true, modesDisabled: true },
      orderBy: { id: 'asc' },
    });
    checkpoints = new Map(
      rows.map((row) => [row.id, { id: row.id, border: row.border, modes: effectiveModes(row), capacityPerDay: row.capacityPerDay, openingHours: openingHoursOf(row) }]),
    );
    byBorder = new Map();
    for (const row of rows) byBorder.set(row.border, [...(byBorder.get(row.border) ?? []), row.id]);
  };
  const load = () => {
    refreshedAt = Date.now();
    const current = read().finally(() => {
      if (loading === current) loading = null;
    });
    loading = current;
    return current;
  };
  await load();
  // The first unknown id reads again at once: a newer node may have added it while this one started.
  refreshedAt = 0;
  return {
    get: (id) => checkpoints.get(id),
    borderOf: (id) => checkpoints.get(id)?.border,
    idsIn: (border) => byBorder.get(border) ?? [],
    async refreshFor(ids) {
      if (loading) await loading.catch(() => {});
      else if (Date.now() - refreshedAt >= REFRESH_AT_MOST_EVERY_MS) await load();
      return ids.every((id) => checkpoints.has(id));
    },
    reload: () => load(),
  };
}
