// Stored estimates: the last published value of each checkpoint × direction
// × mode and its version. Recomputing locks the row, so two reports for the
// same key (on one node or several) end in one estimate that includes both.
import type { Db } from '../db';
import type { Sql } from '../sql';
import type { Direction, Mode } from '../enums';
import { estimateWait } from './estimate-wait';
import { readReportWindow, type WindowReport } from './report-window';
import { roundTwoDigits, roundWait } from './rounding';
import type { Estimate, EstimateValue, EstimatorCheckpoint } from './types';

export interface EstimateKey {
  checkpointId: string;
  direction: Direction;
  mode: Mode;
}

/** The report columns the estimator reads (EstimatorReport). */
export const estimatorColumns = {
  deviceKey: true, createdAt: true, waitMinutes: true, queueVehicles: true, queueKm: true, joinedAt: true, crossedAt: true,
  letThrough: true, letThroughMinutes: true, signal: true, verdict: true, shownMinutes: true,
} as const;

const COMPARED: (keyof EstimateValue)[] = ['reports', 'lastReportAt', 'confidence', 'stale', 'trend', 'throughputSource', 'opensAt', 'closesAt'];
/** Shown rounded: a change below the precision a client shows them at is no change. */
const WAITS = ['waitMinutes', 'low', 'high'] as const;
const COUNTS = ['queueVehicles', 'throughputPerHour'] as const;

// A value stored before the field existed is undefined: shown as nothing, like null.
const shown = <T,>(value: number | null | undefined, round: (n: number) => T) => (value === null || value === undefined ? null : round(value));

/**
 * Whether two values differ in anything a client shows (updatedAt alone is no change, nor a band that
 * widened by a minute as time passed): the tick republishes only what a person would see move.
 */
export function estimateChanged(before: EstimateValue | null, after: EstimateValue): boolean {
  if (before === null) return true;
  return (
    COMPARED.some((field) => before[field] !== after[field]) ||
    WAITS.some((field) => shown(before[field], roundWait) !== shown(after[field], roundWait)) ||
    COUNTS.some((field) => shown(before[field], roundTwoDigits) !== shown(after[field], roundTwoDigits)) ||
    signalsShown(before) !== signalsShown(after)
  );
}

/**
 * The crowd signals as a client shows them: which, how many confirmed each, and when (a client hides a signal at
 * its `fadesAt`, so a confirmation anew by as many devices must reach it too).
 */
const signalsShown = (value: EstimateValue) => (value.signals ?? []).map((signal) => `${signal.kind}:${signal.devices}:${signal.confirmedAt}`).join(' ');

export interface Refreshed {
  estimate: Estimate;
  changed: boolean;
}

/** An estimate row, locked for this transaction. */
export interface LockedEstimate {
  version: number;
  value: EstimateValue;
}

/**
 * The statement that creates the estimate row the first time and locks it every time (an upsert locks
 * the row it meets), so reports for one key, on any node, recompute one after another, each seeing the
 * last. Given as a function of its placeholders, so the report path can run it together with its insert.
 */
export function lockEstimateSql(p: { checkpointId: string; direction: string; mode: string; now: string }): string {
  return `INSERT INTO "public"."Estimate" ("checkpointId", "direction", "mode", "version", "value", "updatedAt")
    VALUES (${p.checkpointId}, ${p.direction}::"public"."Direction", ${p.mode}::"public"."Mode", 0, '{}'::jsonb, ${p.now})
    ON CONFLICT ("checkpointId", "direction", "mode") DO UPDATE SET "version" = "Estimate"."version"
    RETURNING "version", "value"`;
}

const LOCK_ESTIMATE = lockEstimateSql({ checkpointId: '$1', direction: '$2', mode: '$3', now: '$4' });

/** Recomputes one estimate from its stored reports; call inside a transaction. */
export async function refreshEstimate(sql: Sql, options: RecomputeOptions): Promise<Refreshed> {
  const [locked] = await sql.query<LockedEstimate>(LOCK_ESTIMATE, [options.checkpoint.id, options.direction, options.mode, options.now], 'lock-estimate');
  return recomputeLocked(sql, locked!, options);
}

/** Recomputes an estimate whose row this transaction has locked, from its reports read whole, and stores it if it changed. */
export async function recomputeLocked(sql: Sql, locked: LockedEstimate, options: RecomputeOptions): Promise<Refreshed> {
  const window = await readReportWindow(sql, { checkpointId: options.checkpoint.id, direction: options.direction, mode: options.mode, now: options.now });
  return recomputeFrom(sql, locked, window, options);
}

export interface RecomputeOptions {
  checkpoint: EstimatorCheckpoint;
  direction: Direction;
  mode: Mode;
  now: Date;
}

/** Recomputes a locked estimate from its window (`readReportWindow`), and stores it if it changed. */
export async function recomputeFrom(sql: Sql, locked: LockedEstimate, window: readonly WindowReport[], options: RecomputeOptions): Promise<Refreshed> {
  const { checkpoint, direction, mode } = options;
  const reports = window.map((entry) => entry.report);
  // Another node's clock may run a little ahead: never compute before a stored report.
  // (A loop, not Math.max(...spread): a busy day's reports would overflow the argument list.)
  const now = reports.reduce((latest, r) => (r.createdAt > latest ? r.createdAt : latest), options.now);
  const value = estimateWait({ checkpoint, direction, mode, reports, now });
  const { version } = locked;
  if (version > 0 && !estimateChanged(locked.value, value)) return { estimate: { ...locked.value, version }, changed: false };
  await sql.query(
    `UPDATE "public"."Estimate" SET "version" = $4, "value" = $5::jsonb, "updatedAt" = $6
     WHERE "checkpointId" = $1 AND "direction" = $2::"public"."Direction" AND "mode" = $3::"public"."Mode"`,
    [checkpoint.id, direction, mode, version + 1, JSON.stringify(value), now],
    'update-estimate',
  );
  return { estimate: { ...value, version: version + 1 }, changed: true };
}

/** Published estimates of these checkpoints (all when `checkpointIds` is omitted). */
export async function listEstimates(db: Db, checkpointIds?: readonly string[]): Promise<Estimate[]> {
  const rows = await db.estimate.findMany({
    where: { version: { gt: 0 }, ...(checkpointIds ? { checkpointId: { in: [...checkpointIds] } } : {}) },
    select: { version: true, value: true },
    orderBy: [{ checkpointId: 'asc' }, { direction: 'asc' }, { mode: 'asc' }],
  });
  // Values stored before a field existed get it as null, so clients always see the whole shape.
  return rows.map((row) => ({ ...ADDED_LATER, ...(row.value as unknown as EstimateValue), version: row.version }));
}

/** Fields added to the estimate after values were first stored, with what an old value means. */
const ADDED_LATER = { throughputPerHour: null, throughputSource: null, signals: [] } satisfies Partial<EstimateValue>;

/** Estimates that time alone can still change (a number that decays or goes stale, crowd signals that fade). */
export async function listLiveEstimateKeys(db: Db): Promise<EstimateKey[]> {
  return db.$queryRaw<EstimateKey[]>`
    SELECT "checkpointId", "direction"::text AS "direction", "mode"::text AS "mode" FROM "public"."Estimate"
    WHERE "version" > 0 AND ("value"->>'waitMinutes' IS NOT NULL OR jsonb_array_length(COALESCE("value"->'signals', '[]'::jsonb)) > 0)`;
}
