// Reading checkpoints for the API and the pages.
import { openingHoursOf } from './estimates/estimator-checkpoint';
import type { OpeningHours } from './estimates/opening-hours';
import { catalogueQuality, type CheckpointRow } from './catalogue';
import { effectiveModes } from './checkpoint-modes';
import type { Db, PrismaClient } from './db';
import type { Access, BorderCode, CheckpointStatus, CoordinateQuality, Mode } from './enums';
import { AppError } from './errors';
import { historyFrom, historyRowsWithin, listHistoryRows, listUsualWaits, type AggregateRow, type HistorySeries, type UsualWait } from './estimates/aggregates';
import { listEstimates } from './estimates/store';
import type { Estimate } from './estimates/types';
import type { CheckpointStatusUpdate } from './events';
import { checkpointIdSchema } from './reports/input';
import { listRecentReports, type PublicReport } from './reports/store';

/** A checkpoint as the API returns it (see docs/api.md). */
export interface CheckpointView {
  id: string;
  border: BorderCode;
  name: { en: string; ru: string };
  russianSide: { name: { en: string; ru: string }; region: string };
  neighbourSide: { name: { en: string; local: string }; region: string };
  lat: number;
  lon: number;
  coordinateQuality: CoordinateQuality;
  modes: Mode[];
  access: Access;
  /** The catalogue's status, or a moderator's when one set it. */
  status: CheckpointStatus;
  /** A moderator's note about the status, shown by every client; null when none. */
  statusNote: string | null;
  statusUpdatedAt: string | null;
  capacityPerDay: number | null;
  /** Daily hours local to the post (`timeZone`), where it does not work round the clock; null where it does or none is known. */
  openingHours: OpeningHours | null;
  note: string;
  sources: string[];
  /** Live estimates, one per direction × mode that has been reported. */
  estimates: Estimate[];
  /** What the wait usually is at this time, per direction × mode with enough history. */
  usual: UsualWait[];
}

/**
 * What the live page needs of every checkpoint to draw it: the view without the catalogue's note and sources, which
 * only the open checkpoint's detail carries (they were a third of the first response of `/`).
 */
export type CheckpointSummary = Omit<CheckpointView, 'note' | 'sources'>;

export function summariseCheckpoint({ note: _note, sources: _sources, ...summary }: CheckpointView): CheckpointSummary {
  return summary;
}

export interface CheckpointDetail extends CheckpointView {
  /** Newest first, last 24 h, no device keys. */
  recentReports: PublicReport[];
  /** Hourly estimates per direction × mode with reports in the period. */
  history: HistorySeries[];
}

export const RECENT_REPORTS = { limit: 20, sinceMs: 24 * 3_600_000 } as const;
export const MAX_HISTORY_HOURS = 7 * 24;

// Every column but the bookkeeping timestamps: exactly a CheckpointRow.
const withoutTimestamps = { createdAt: true, updatedAt: true } as const;

/** A stored checkpoint: the catalogue's fields and a moderator's status. */
type StoredCheckpoint = CheckpointRow & {
  moderatedStatus: CheckpointStatus | null;
  statusNote: string | null;
  statusUpdatedAt: Date | null;
  modesEnabled: Mode[];
  modesDisabled: Mode[];
};

function toView(row: StoredCheckpoint, estimates: Estimate[], usual: ReadonlyMap<string, UsualWait[]>): CheckpointView {
  return {
    id: row.id,
    border: row.border,
    name: { en: row.nameEn, ru: row.nameRu },
    russianSide: { name: { en: row.russianNameEn, ru: row.russianNameRu }, region: row.russianRegion },
    neighbourSide: { name: { en: row.neighbourNameEn, local: row.neighbourNameLocal }, region: row.neighbourRegion },
    lat: row.lat,
    lon: row.lon,
    coordinateQuality: catalogueQuality(row.coordinateQuality),
    modes: effectiveModes(row),
    access: row.access,
    status: row.moderatedStatus ?? row.status,
    statusNote: row.statusNote,
    statusUpdatedAt: row.statusUpdatedAt?.toISOString() ?? null,
    capacityPerDay: row.capacityPerDay,
    openingHours: openingHoursOf(row),
    note: row.note,
    sources: row.sources,
    estimates: estimates.filter((estimate) => estimate.checkpointId === row.id),
    usual: usual.get(row.id) ?? [],
  };
}

export async function listCheckpoints(options: { prisma: PrismaClient; border?: BorderCode; now: Date }): Promise<CheckpointView[]> {
  const rows = await options.prisma.checkpoint.findMany({
    omit: withoutTimestamps,
    where: options.border ? { border: options.border } : {},
    orderBy: [{ border: 'asc' }, { nameEn: 'asc' }],
  });
  const ids = rows.map((row) => row.id);
  const [estimates, usual] = await Promise.all([listEstimates(options.prisma, ids), listUsualWaits(options.prisma, ids, options.now)]);
  return rows.map((row) => toView(row, estimates, usual));
}

/** A moderator's latest word on each of these checkpoints that has one (the subscription snapshot carries them). */
export async function listStatusUpdates(db: Db, checkpointIds: readonly string[]): Promise<CheckpointStatusUpdate[]> {
  const rows = await db.checkpoint.findMany({
    where: { id: { in: [...checkpointIds] }, statusUpdatedAt: { not: null } },
    select: { id: true, status: true, moderatedStatus: true, statusNote: true, statusUpdatedAt: true, modes: true, modesEnabled: true, modesDisabled: true },
  });
  return rows.map((row) => ({
    checkpointId: row.id,
    status: row.moderatedStatus ?? row.status,
    statusNote: row.statusNote,
    modes: effectiveModes(row),
    statusUpdatedAt: row.statusUpdatedAt!.toISOString(),
  }));
}

export const checkpointNotFound = (id: string) =>
  new AppError('not_found', `No checkpoint has the id "${id.slice(0, 64)}".`, [{ path: 'id', message: 'unknown checkpoint id' }]);

/** No id outside the pattern exists; checking first also keeps bytes PostgreSQL refuses (NUL) out of a query. */
export const isCheckpointId = (id: string) => checkpointIdSchema.safeParse(id).success;

/**
 * What one checkpoint's detail is made of, read for the longest period: a shorter one is cut from it
 * (`detailOf`), so every period a reader may ask for is one read, not one each.
 */
export interface CheckpointWeek {
  view: CheckpointView;
  recentReports: PublicReport[];
  rows: AggregateRow[];
  now: Date;
}

export async function readCheckpointWeek(options: { prisma: PrismaClient; id: string; now: Date }): Promise<CheckpointWeek> {
  const { prisma, id, now } = options;
  if (!isCheckpointId(id)) throw checkpointNotFound(id);
  const row = await prisma.checkpoint.findUnique({ omit: withoutTimestamps, where: { id } });
  if (!row) throw checkpointNotFound(id);
  const [estimates, recentReports, rows, usual] = await Promise.all([
    listEstimates(prisma, [id]),
    listRecentReports(prisma, { checkpointId: id, since: new Date(now.getTime() - RECENT_REPORTS.sinceMs), limit: RECENT_REPORTS.limit }),
    listHistoryRows(prisma, { checkpointId: id, hours: MAX_HISTORY_HOURS, now }),
    listUsualWaits(prisma, [id], now),
  ]);
  return { view: toView(row, estimates, usual), recentReports, rows, now };
}

/** The detail with `hours` of history (up to a week), exactly as if only those hours had been read. */
export function detailOf(week: CheckpointWeek, hours: number = MAX_HISTORY_HOURS): CheckpointDetail {
  const rows = historyRowsWithin(week.rows, hours, week.now);
  return { ...week.view, recentReports: week.recentReports, history: historyFrom({ rows, estimates: week.view.estimates, hours, now: week.now }) };
}
