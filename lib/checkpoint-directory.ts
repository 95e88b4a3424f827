// Which checkpoints exist and on which border, held in memory: subscriptions
// need it for every client, and it changes only when a node loads a newer
// catalogue. An id it does not know makes it read the database once more, so
// a checkpoint added by a newer node is found without a restart.
import type { Db } from './db';
import type { BorderCode } from './enums';

export interface CheckpointDirectory {
  borderOf(id: string): BorderCode | undefined;
  idsIn(border: BorderCode): readonly string[];
  /** Reads the database again; true when it now knows every one of `ids`. */
  refreshFor(ids: readonly string[]): Promise<boolean>;
}

/** Unknown ids read the database again at most this often: a stream of made-up ids costs one query. */
const REFRESH_AT_MOST_EVERY_MS = 5_000;

export async function loadCheckpointDirectory(db: Db): Promise<CheckpointDirectory> {
  let refreshedAt = 0;
  let borders = new Map<string, BorderCode>();
  let byBorder = new Map<BorderCode, string[]>();
  const load = async () => {
    const rows = await db.checkpoint.findMany({ select: { id: true, border: true }, orderBy: { id: 'asc' } });
    borders = new Map(rows.map((row) => [row.id, row.border]));
    byBorder = new Map();
    for (const row of rows) byBorder.set(row.border, [...(byBorder.get(row.border) ?? []), row.id]);
  };
  await load();
  return {
    borderOf: (id) => borders.get(id),
    idsIn: (border) => byBorder.get(border) ?? [],
    async refreshFor(ids) {
      if (Date.now() - refreshedAt >= REFRESH_AT_MOST_EVERY_MS) {
        refreshedAt = Date.now();
        await load();
      }
      return ids.every((id) => borders.has(id));
    },
  };
}
