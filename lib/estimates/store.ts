// Stored estimates: the last published value of each checkpoint × direction
// × mode and its version. Recomputing locks the row, so two reports for the
// same key (on one node or several) end in one estimate that includes both.
import type { Db, Transaction } from '../db';
import type { Direction, Mode } from '../enums';
import { estimateWait } from './estimate-wait';
import { PARAMETERS } from './parameters';
import type { Estimate, EstimateValue, EstimatorCheckpoint } from './types';

export interface EstimateKey {
  checkpointId: string;
  direction: Direction;
  mode: Mode;
}

/** The report columns the estimator reads (EstimatorReport). */
export const estimatorColumns = {
  deviceKey: true, createdAt: true, waitMinutes: true, queueVehicles: true, queueKm: true, joinedAt: true, crossedAt: true,
} as const;

const COMPARED: (keyof EstimateValue)[] = [
  'waitMinutes', 'low', 'high', 'queueVehicles', 'reports', 'lastReportAt', 'confidence', 'stale', 'trend',
];

/** Whether two values differ in anything a client shows (updatedAt alone is no change). */
export function estimateChanged(before: EstimateValue | null, after: EstimateValue): boolean {
  return before === null || COMPARED.some((field) => before[field] !== after[field]);
}

export interface Refreshed {
  estimate: Estimate;
  changed: boolean;
}

/** Recomputes one estimate from its stored reports; call inside a transaction. */
export async function refreshEstimate(
  tx: Transaction,
  options: { checkpoint: EstimatorCheckpoint; direction: Direction; mode: Mode; now: Date },
): Promise<Refreshed> {
  const { checkpoint, direction, mode } = options;
  await tx.$executeRaw`
    INSERT INTO "Estimate" ("checkpointId", "direction", "mode", "version", "value", "updatedAt")
    VALUES (${checkpoint.id}, ${direction}::"Direction", ${mode}::"Mode", 0, '{}'::jsonb, ${options.now})
    ON CONFLICT DO NOTHING`;
  const [row] = await tx.$queryRaw<{ version: number; value: EstimateValue }[]>`
    SELECT "version", "value" FROM "Estimate"
    WHERE "checkpointId" = ${checkpoint.id} AND "direction" = ${direction}::"Direction" AND "mode" = ${mode}::"Mode"
    FOR UPDATE`;
  const reports = await tx.report.findMany({
    where: { checkpointId: checkpoint.id, direction, mode, hidden: false, createdAt: { gte: new Date(options.now.getTime() - PARAMETERS.lookbackMs) } },
    select: estimatorColumns,
  });
  // Another node's clock may run a little ahead: never compute before a stored report.
  // (A loop, not Math.max(...spread): a busy day's reports would overflow the argument list.)
  const now = reports.reduce((latest, r) => (r.createdAt > latest ? r.createdAt : latest), options.now);
  const value = estimateWait({ checkpoint, direction, mode, reports, now });
  const version = row?.version ?? 0;
  if (version > 0 && !estimateChanged(row!.value, value)) return { estimate: { ...row!.value, version }, changed: false };
  await tx.estimate.update({
    where: { checkpointId_direction_mode: { checkpointId: checkpoint.id, direction, mode } },
    data: { version: version + 1, value: value as object, updatedAt: now },
  });
  return { estimate: { ...value, version: version + 1 }, changed: true };
}

/** Published estimates of these checkpoints (all when `checkpointIds` is omitted). */
export async function listEstimates(db: Db, checkpointIds?: readonly string[]): Promise<Estimate[]> {
  const rows = await db.estimate.findMany({
    where: { version: { gt: 0 }, ...(checkpointIds ? { checkpointId: { in: [...checkpointIds] } } : {}) },
    select: { version: true, value: true },
    orderBy: [{ checkpointId: 'asc' }, { direction: 'asc' }, { mode: 'asc' }],
  });
  return rows.map((row) => ({ ...(row.value as unknown as EstimateValue), version: row.version }));
}

/** Estimates that time alone can still change (they show a number that decays or goes stale). */
export async function listLiveEstimateKeys(db: Db): Promise<EstimateKey[]> {
  return db.$queryRaw<EstimateKey[]>`
    SELECT "checkpointId", "direction"::text AS "direction", "mode"::text AS "mode" FROM "Estimate"
    WHERE "version" > 0 AND "value"->>'waitMinutes' IS NOT NULL`;
}
