// Reports in the database. What leaves here for clients never holds the
// device key.
import type { Db } from '../db';
import type { Sql } from '../sql';
import { lockEstimateSql, type LockedEstimate } from '../estimates/store';
import type { Direction, Mode } from '../enums';
import { toMinute } from './minutes';
import type { ParsedReport } from './input';

/** A report as anyone may see it. */
export interface PublicReport {
  id: string;
  checkpointId: string;
  direction: Direction;
  mode: Mode;
  waitMinutes: number | null;
  queueVehicles: number | null;
  queueKm: number | null;
  joinedAt: string | null;
  crossedAt: string | null;
  letThrough: number | null;
  letThroughMinutes: number | null;
  /** A one-tap crowd signal (lib/vocabulary.ts CROWD_SIGNALS). */
  signal: string | null;
  /** "Still right?": right, longer or shorter than `shownMinutes`. */
  verdict: string | null;
  shownMinutes: number | null;
  createdAt: string;
}

export const publicColumns = {
  id: true, checkpointId: true, direction: true, mode: true, waitMinutes: true,
  queueVehicles: true, queueKm: true, joinedAt: true, crossedAt: true, letThrough: true, letThroughMinutes: true, signal: true, verdict: true, shownMinutes: true, createdAt: true,
} as const;

export type PublicRow = { [K in keyof PublicReport]: K extends 'joinedAt' | 'crossedAt' ? Date | null : K extends 'createdAt' ? Date : PublicReport[K] };

/**
 * Published to the minute: milliseconds would let a network observer match a report to the phone that
 * sent it, and the server's time beside a client's time would fingerprint that phone's clock.
 */
export function toPublic(row: PublicRow): PublicReport {
  return {
    ...row,
    joinedAt: row.joinedAt?.toISOString() ?? null,
    crossedAt: row.crossedAt?.toISOString() ?? null,
    createdAt: toMinute(row.createdAt).toISOString(),
  };
}

/** What a just-stored report looks like to clients, without reading it back. */
export function publicReportOf(report: ParsedReport, createdAt: Date): PublicReport {
  return toPublic({ ...report, createdAt });
}

/** A report to store, with the keyed hash of the device that sent it. */
export interface ReportToStore {
  report: ParsedReport;
  deviceKeyHash: string;
  /** Stored held (and hidden) for a moderator: a device without a proof past its address's allowance. */
  held?: boolean;
}

/**
 * Stores reports of one checkpoint × direction × mode (those whose id is not stored yet) and locks
 * their estimate's row, in one statement: one round trip for a whole batch. Returns the ids stored, and the
 * transaction's id as their rows hold it (`xmin`, lib/estimates/report-window.ts).
 */
export async function storeReportsAndLockEstimate(
  sql: Sql,
  reports: readonly ReportToStore[],
  now: Date,
): Promise<{ storedIds: Set<string>; locked: LockedEstimate; xmin: number | null }> {
  const columns = 16;
  const values = reports.flatMap(({ report, deviceKeyHash, held }) => [
    report.id, report.checkpointId, report.direction, report.mode, report.waitMinutes ?? null, report.queueVehicles ?? null,
    report.queueKm ?? null, report.joinedAt ?? null, report.crossedAt ?? null, report.letThrough ?? null, report.letThroughMinutes ?? null, deviceKeyHash,
    report.signal ?? null, report.verdict ?? null, report.shownMinutes ?? null, held === true,
  ]);
  const nowParam = `$${values.length + 1}`;
  const rows = reports.map((_, i) => {
    const p = (n: number) => `$${i * columns + n}`;
    return `(${p(1)}::uuid, ${p(2)}, ${p(3)}::"public"."Direction", ${p(4)}::"public"."Mode", ${p(5)}::int, ${p(6)}::int, ${p(7)}::float8, ${p(8)}::timestamptz, ${p(9)}::timestamptz, ${p(10)}::int, ${p(11)}::int, ${p(12)}, ${nowParam}::timestamptz, ${p(13)}::text, ${p(14)}::text, ${p(15)}::int, ${p(16)}::boolean, ${p(16)}::boolean)`;
  });
  const [row] = await sql.query<LockedEstimate & { storedIds: string[]; xmin: number | null }>(
    `WITH stored AS (
       INSERT INTO "public"."Report" ("id", "checkpointId", "direction", "mode", "waitMinutes", "queueVehicles", "queueKm", "joinedAt", "crossedAt", "letThrough", "letThroughMinutes", "deviceKey", "createdAt", "signal", "verdict", "shownMinutes", "hidden", "held")
       VALUES ${rows.join(', ')}
       ON CONFLICT ("id") DO NOTHING
       RETURNING "id", "xmin"::text::float8 AS "xmin"
     ), locked AS (${lockEstimateSql({ checkpointId: '$2', direction: '$3', mode: '$4', now: nowParam })})
     SELECT "version", "value", ARRAY(SELECT "id"::text FROM stored) AS "storedIds", (SELECT max("xmin") FROM stored) AS "xmin" FROM locked`,
    [...values, now],
    // Prepared once per connection for the batch sizes that come up all the time; big bursts are parsed each time.
    reports.length <= 16 ? `store-reports-${reports.length}` : undefined,
  );
  return { storedIds: new Set(row!.storedIds), locked: { version: row!.version, value: row!.value }, xmin: row!.xmin };
}

export async function listRecentReports(db: Db, options: { checkpointId: string; since: Date; limit: number }): Promise<PublicReport[]> {
  const rows = await db.report.findMany({
    where: { checkpointId: options.checkpointId, hidden: false, createdAt: { gte: options.since } },
    select: publicColumns,
    orderBy: { createdAt: 'desc' },
    take: options.limit,
  });
  return rows.map(toPublic);
}
