// Raw reports are kept for a limited time (privacy: less kept, less to lose).
// Before any is deleted, every hour it informed is written down as an hourly
// aggregate, computed by the same estimator as the live number. A watermark
// records the hours already aggregated, so reports an hour still needs are
// never deleted and no hour is computed twice.
import { estimatorCheckpointColumns, toEstimatorCheckpoint } from '../estimates/estimator-checkpoint';
import type { Db, PrismaClient, Transaction } from '../db';
import type { Direction, Mode } from '../enums';
import { estimateWait } from '../estimates/estimate-wait';
import { PARAMETERS } from '../estimates/parameters';
import { estimatorColumns } from '../estimates/store';
import type { EstimatorReport } from '../estimates/types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const AGGREGATED_UNTIL = 'hourly-aggregates-until';
export const DELETED_BEFORE = 'reports-deleted-before';

const floorHour = (at: Date) => new Date(Math.floor(at.getTime() / HOUR) * HOUR);

export interface AggregateResult {
  hours: number;
  rows: number;
  /** More completed hours wait than one run may take. */
  behind: boolean;
}

/** Aggregates up to `maxHours` completed hours after the watermark. */
export async function aggregateHours(options: { prisma: PrismaClient; now: Date; maxHours: number }): Promise<AggregateResult> {
  const { prisma } = options;
  const completed = floorHour(options.now);
  const state = await prisma.maintenanceState.findUnique({ where: { name: AGGREGATED_UNTIL } });
  let from = state?.at;
  if (!from) {
    const oldest = await prisma.report.findFirst({ orderBy: { createdAt: 'asc' }, select: { createdAt: true } });
    from = oldest ? floorHour(oldest.createdAt) : completed;
  }
  const to = new Date(Math.min(completed.getTime(), from.getTime() + options.maxHours * HOUR));
  if (to <= from) {
    if (!state) await prisma.maintenanceState.create({ data: { name: AGGREGATED_UNTIL, at: from } });
    return { hours: 0, rows: 0, behind: false };
  }

  const rows = await computeAggregates(prisma, { from, to });
  await prisma.$transaction([
    prisma.hourlyAggregate.createMany({ data: rows, skipDuplicates: true }),
    prisma.maintenanceState.upsert({ where: { name: AGGREGATED_UNTIL }, create: { name: AGGREGATED_UNTIL, at: to }, update: { at: to } }),
  ]);
  return { hours: (to.getTime() - from.getTime()) / HOUR, rows: rows.length, behind: to < completed };
}

/** The aggregates of the hours [from, to), of every key or of some, computed from the stored reports. */
async function computeAggregates(db: Db, options: { from: Date; to: Date; keys?: readonly AggregateKey[] }) {
  const { from, to } = options;
  const keyFilter = options.keys ? { OR: options.keys.map((key) => ({ ...key })) } : {};
  const [reports, checkpoints] = await Promise.all([
    db.report.findMany({
      where: { hidden: false, createdAt: { gte: new Date(from.getTime() - PARAMETERS.lookbackMs), lt: to }, ...keyFilter },
      select: { checkpointId: true, direction: true, mode: true, ...estimatorColumns },
    }),
    db.checkpoint.findMany({ select: estimatorCheckpointColumns }),
  ]);
  const known = new Map(checkpoints.map((c) => [c.id, toEstimatorCheckpoint(c)]));
  const series = new Map<string, { checkpointId: string; direction: Direction; mode: Mode; reports: EstimatorReport[] }>();
  for (const report of reports) {
    const key = `${report.checkpointId}/${report.direction}/${report.mode}`;
    let entry = series.get(key);
    if (!entry) series.set(key, (entry = { checkpointId: report.checkpointId, direction: report.direction, mode: report.mode, reports: [] }));
    entry.reports.push(report);
  }

  const rows = [];
  for (const { checkpointId, direction, mode, reports: own } of series.values()) {
    const checkpoint = known.get(checkpointId) ?? { id: checkpointId, capacityPerDay: null };
    for (let hour = from.getTime(); hour < to.getTime(); hour += HOUR) {
      const value = estimateWait({ checkpoint, direction, mode, reports: own, now: new Date(hour + HOUR) });
      if (value.stale || value.waitMinutes === null) continue;
      rows.push({
        checkpointId, direction, mode, hour: new Date(hour),
        waitMinutes: value.waitMinutes, low: value.low, high: value.high, queueVehicles: value.queueVehicles, reports: value.reports,
        throughputPerHour: value.throughputPerHour,
      });
    }
  }
  return rows;
}

export interface AggregateKey {
  checkpointId: string;
  direction: Direction;
  mode: Mode;
}

/**
 * Computes again the aggregated hours of these keys that reports from `from` to `to` counted in
 * (a moderator hid or showed them): the permanent record must not keep what was hidden. Hours whose
 * reports are already deleted are left as they are. Call inside the moderator's transaction.
 */
export async function reaggregate(tx: Transaction, options: { keys: readonly AggregateKey[]; from: Date; to: Date }): Promise<number> {
  if (options.keys.length === 0) return 0;
  const state = await tx.maintenanceState.findUnique({ where: { name: AGGREGATED_UNTIL } });
  if (!state) return 0;
  // An hour can be computed again only while every report its estimate read is still stored: from the
  // retention job's last cut-off on, all are.
  const deleted = await tx.maintenanceState.findUnique({ where: { name: DELETED_BEFORE } });
  const complete = deleted ? Math.ceil((deleted.at.getTime() + PARAMETERS.lookbackMs) / HOUR) * HOUR - HOUR : -Infinity;
  const from = new Date(Math.max(floorHour(options.from).getTime(), complete));
  // A report counts in the estimate until it is `lookbackMs` old: every hour ending before then.
  const to = new Date(Math.min(state.at.getTime(), floorHour(new Date(options.to.getTime() + PARAMETERS.lookbackMs)).getTime() + HOUR));
  if (to <= from) return 0;
  const rows = await computeAggregates(tx, { from, to, keys: options.keys });
  await tx.hourlyAggregate.deleteMany({ where: { OR: options.keys.map((key) => ({ ...key })), hour: { gte: from, lt: to } } });
  await tx.hourlyAggregate.createMany({ data: rows });
  return rows.length;
}

/** Deletes reports past retention, but none an unaggregated hour still needs. */
export async function deleteExpiredReports(options: { prisma: PrismaClient; now: Date; retentionDays: number }): Promise<number> {
  const { prisma } = options;
  const state = await prisma.maintenanceState.findUnique({ where: { name: AGGREGATED_UNTIL } });
  if (!state) return 0;
  const cutoff = new Date(Math.min(options.now.getTime() - options.retentionDays * DAY, state.at.getTime() - PARAMETERS.lookbackMs));
  const [{ count }] = await prisma.$transaction([
    prisma.report.deleteMany({ where: { createdAt: { lt: cutoff } } }),
    // Every report before this is gone: hours that read any of them cannot be computed again.
    prisma.maintenanceState.upsert({ where: { name: DELETED_BEFORE }, create: { name: DELETED_BEFORE, at: cutoff }, update: { at: cutoff } }),
  ]);
  return count;
}
