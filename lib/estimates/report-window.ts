// The reports an estimate is computed from (its window: the last 24 h of one
// checkpoint × direction × mode, hidden ones left out), read from the database
// or, on the report path, known already. A busy crossing's window is a few
// hundred rows, and reading all of them again for every new report was most
// of what a report cost the node and much of what it cost the database
// (docs/performance.md). So a node keeps each window it last read, and the
// database says in one statement whether that is still the whole window: the
// count of its rows and the sum of their `xmin`, the transaction that last
// wrote each row. Any change to the stored window, by this node, another
// node, a moderator or someone at psql, adds or removes a row or rewrites
// one with a new `xmin`; the window is then read whole again. The estimate
// stays what a fresh read would give (tests/integration/estimates.test.ts).
import type { Sql } from '../sql';
import type { Direction, Mode } from '../enums';
import { PARAMETERS } from './parameters';
import type { EstimatorReport } from './types';

/** A report of the window, with what tells whether the window is still as read. */
export interface WindowReport {
  /** The report's id, lower case: with `createdAt`, the window's order. */
  id: string;
  /** The transaction that last wrote the row. */
  xmin: number;
  report: EstimatorReport;
}

export interface WindowKey {
  checkpointId: string;
  direction: Direction;
  mode: Mode;
  now: Date;
}

/** The report columns the estimator reads (EstimatorReport), as SQL. */
const ESTIMATOR_SELECT = `"deviceKey", "createdAt", "waitMinutes", "queueVehicles", "queueKm", "joinedAt", "crossedAt", "letThrough", "letThroughMinutes", "signal", "verdict", "shownMinutes"`;

/** The rows of a window: `$1`–`$3` its key, `$4` its start. */
const WINDOW_OF_KEY = `"checkpointId" = $1 AND "direction" = $2::"public"."Direction" AND "mode" = $3::"public"."Mode" AND NOT "hidden" AND "createdAt" >= $4`;

/** The whole window, in window order. `xmin` as text, then a float: an xid fits in 32 bits, and a window's sum is exact in a float. */
const WINDOW_ROWS = `SELECT "id", "xmin"::text::float8 AS "xmin", ${ESTIMATOR_SELECT} FROM "public"."Report" WHERE ${WINDOW_OF_KEY}`;
/** Ordered by the uuid, whose order is that of its text as the driver gives it (lower case). */
const READ_WINDOW = `${WINDOW_ROWS} ORDER BY "createdAt", "id"`;

/**
 * Whether the window is the one given (`$5` rows whose `xmin` add up to `$6`), and its rows unless it is. The rows
 * are read only then: the seal, a subquery of its own in their condition, is a one-time filter.
 */
const READ_WINDOW_UNLESS = `WITH "seal" AS MATERIALIZED (
    SELECT count(*)::int = $5::int AND COALESCE(sum("xmin"::text::float8), 0) = $6::float8 AS "same" FROM "public"."Report" WHERE ${WINDOW_OF_KEY}
  )
  SELECT "seal"."same", "window".* FROM "seal" LEFT JOIN (${WINDOW_ROWS} AND NOT (SELECT "same" FROM "seal")) "window" ON true
  ORDER BY "window"."createdAt", "window"."id"`;

/** Where a window starts: the estimator's look-back from `now`. */
const windowStart = (now: Date) => new Date(now.getTime() - PARAMETERS.lookbackMs);

/** Oldest first; reports of one moment by id (the order the database reads them in). */
function inWindowOrder(a: WindowReport, b: WindowReport): number {
  return a.report.createdAt.getTime() - b.report.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A window with reports added to it, still in window order (most often they are the newest: they go at the end). */
export function withAdded(window: readonly WindowReport[], added: readonly WindowReport[]): WindowReport[] {
  if (added.length === 0) return [...window];
  const sorted = [...added].sort(inWindowOrder);
  const last = window[window.length - 1];
  if (!last || inWindowOrder(last, sorted[0]!) < 0) return [...window, ...sorted];
  return [...window, ...sorted].sort(inWindowOrder);
}

/**
 * The window of `key` as the database holds it now: `known` itself when it is still the whole window (the
 * reports this node last read of it, with what it stored since), else read whole. Inside the transaction that
 * holds the estimate's lock, so that every report committed before it is seen.
 */
export async function readReportWindow(sql: Sql, key: WindowKey, known?: readonly WindowReport[]): Promise<WindowReport[]> {
  const start = windowStart(key.now);
  const where = [key.checkpointId, key.direction, key.mode, start];
  type Row = EstimatorReport & { id: string; xmin: number };
  const entries = (rows: readonly Row[]) => rows.map(({ id, xmin, ...report }) => ({ id, xmin, report }));
  // Nothing known (a node's first report of the key, the tick, a moderator): the window, read once.
  if (!known) return entries(await sql.query<Row>(READ_WINDOW, where, 'report-window'));
  const kept = known.filter((entry) => entry.report.createdAt >= start);
  const seal = [kept.length, kept.reduce((sum, entry) => sum + entry.xmin, 0)];
  const rows = await sql.query<Omit<Row, 'id'> & { same: boolean; id: string | null }>(READ_WINDOW_UNLESS, [...where, ...seal], 'report-window-unless');
  if (rows[0]!.same) return kept;
  return entries(rows.filter((row): row is typeof row & { id: string } => row.id !== null).map(({ same: _, ...row }) => row));
}

/**
 * The windows this node last read or wrote, by key. Held to `maxKeys`, the least recently used going first:
 * a key that comes back is read whole again.
 */
export function createReportWindows(options: { maxKeys: number }) {
  const windows = new Map<string, WindowReport[]>();
  return {
    get(key: string): WindowReport[] | undefined {
      const window = windows.get(key);
      if (window) {
        windows.delete(key);
        windows.set(key, window);
      }
      return window;
    },
    set(key: string, window: WindowReport[]): void {
      windows.delete(key);
      windows.set(key, window);
      if (windows.size > options.maxKeys) windows.delete(windows.keys().next().value!);
    },
    forget(key: string): void {
      windows.delete(key);
    },
  };
}

export type ReportWindows = ReturnType<typeof createReportWindows>;
