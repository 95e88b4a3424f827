// Raw reports are kept for a limited time (privacy: less kept, less to lose).
// Before any is deleted, every hour it informed is written down as an hourly
// aggregate, computed by the same estimator as the live number. A watermark
// records the hours already aggregated, so reports an hour still needs are
// never deleted and no hour is computed twice.
import type { PrismaClient } from '../db';
import type { Direction, Mode } from '../enums';
import { estimateWait } from '../estimates/estimate-wait';
import { PARAMETERS } from '../estimates/parameters';
import { estimatorColumns } from '../estimates/store';
import type { EstimatorReport } from '../estimates/types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const AGGREGATED_UNTIL = 'hourly-aggregates-until';

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

  const [reports, checkpoints] = await Promise.all([
    prisma.report.findMany({
      where: { hidden: false, createdAt: { gte: new Date(from.getTime() - PARAMETERS.lookbackMs), lt: to } },
      select: { checkpointId: true, direction: true, mode: true, ...estimatorColumns },
    }),
    prisma.checkpoint.findMany({ select: { id: true, capacityPerDay: true } }),
  ]);
  const capacity = new Map(checkpoints.map((c) => [c.id, c.capacityPerDay]));
  const series = new Map<string, { checkpointId: string; direction: Direction; mode: Mode; reports: EstimatorReport[] }>();
  for (const report of reports) {
    const key = `${report.checkpointId}/${report.direction}/${report.mode}`;
    let entry = series.get(key);
    if (!entry) series.set(key, (entry = { checkpointId: report.checkpointId, direction: report.direction, mode: report.mode, reports: [] }));
    entry.reports.push(report);
  }

  const rows = [];
  for (const { checkpointId, direction, mode, reports: own } of series.values()) {
    const checkpoint = { id: checkpointId, capacityPerDay: capacity.get(checkpointId) ?? null };
    for (let hour = from.getTime(); hour < to.getTime(); hour += HOUR) {
      const value = estimateWait({ checkpoint, direction, mode, reports: own, now: new Date(hour + HOUR) });
      if (value.stale || value.waitMinutes === null) continue;
      rows.push({
        checkpointId, direction, mode, hour: new Date(hour),
        waitMinutes: value.waitMinutes, low: value.low, high: value.high, queueVehicles: value.queueVehicles, reports: value.reports,
      });
    }
  }
  await prisma.$transaction([
    prisma.hourlyAggregate.createMany({ data: rows, skipDuplicates: true }),
    prisma.maintenanceState.upsert({ where: { name: AGGREGATED_UNTIL }, create: { name: AGGREGATED_UNTIL, at: to }, update: { at: to } }),
  ]);
  return { hours: (to.getTime() - from.getTime()) / HOUR, rows: rows.length, behind: to < completed };
}

/** Deletes reports past retention, but none an unaggregated hour still needs. */
export async function deleteExpiredReports(options: { prisma: PrismaClient; now: Date; retentionDays: number }): Promise<number> {
  const { prisma } = options;
  const state = await prisma.maintenanceState.findUnique({ where: { name: AGGREGATED_UNTIL } });
  if (!state) return 0;
  const cutoff = Math.min(options.now.getTime() - options.retentionDays * DAY, state.at.getTime() - PARAMETERS.lookbackMs);
  const { count } = await prisma.report.deleteMany({ where: { createdAt: { lt: new Date(cutoff) } } });
  return count;
}
