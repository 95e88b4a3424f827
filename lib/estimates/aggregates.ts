// What the hourly aggregates answer: the wait over the past hours and days
// (history) and what it usually is at this time (usual). Read from the
// aggregates the retention job writes, never recomputed from raw reports per
// request.
import type { Db } from '../db';
import type { Direction, Mode } from '../enums';
import { median, quantileOfSorted } from './stats';
import type { Estimate } from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface HistoryPoint {
  /** An hour boundary, or, for the last point, now. */
  at: string;
  waitMinutes: number | null;
  low: number | null;
  high: number | null;
  reports: number;
}

export interface HistorySeries {
  direction: Direction;
  mode: Mode;
  points: HistoryPoint[];
}

/** What the wait usually is at this time: the middle half of the same hours on earlier days. */
export interface UsualWait {
  direction: Direction;
  mode: Mode;
  low: number;
  high: number;
  /** `weekday`: the same time on the same weekday of earlier weeks; `daily`: the same time of day on recent days. */
  basis: 'weekday' | 'daily';
  /** Earlier days it rests on. */
  days: number;
}

/** The columns of an aggregate the two read. */
export interface AggregateRow {
  checkpointId: string;
  direction: Direction;
  mode: Mode;
  /** The hour's start; the row is the estimate as it stood at its end. */
  hour: Date;
  waitMinutes: number | null;
  low: number | null;
  high: number | null;
  reports: number;
}

const keyOf = (row: { direction: Direction; mode: Mode }) => `${row.direction}/${row.mode}`;
const floorHour = (ms: number) => Math.floor(ms / HOUR) * HOUR;

export const USUAL = {
  /** Same weekday, as many weeks back; enough once this many of those days have a number. */
  weeks: 8,
  minWeekdays: 3,
  /** Otherwise the same time of day, as many days back; enough once this many have one. */
  days: 14,
  minDays: 4,
  /** An hour counts for a moment when it ended within this of the same time of that day. */
  withinMs: 90 * 60_000,
} as const;

/** Starts of the hours whose aggregates `usualFrom` reads: around this time on each earlier day looked at. */
export function usualHours(now: Date): Date[] {
  const hours = new Set<number>();
  for (let day = 1; day <= Math.max(USUAL.days, USUAL.weeks * 7); day += 1) {
    if (day > USUAL.days && day % 7 !== 0) continue;
    const moment = now.getTime() - day * DAY;
    // Hours ending within `withinMs` of the moment: their starts lie an hour earlier.
    for (let start = floorHour(moment - USUAL.withinMs - HOUR) + HOUR; start + HOUR < moment + USUAL.withinMs; start += HOUR) hours.add(start);
  }
  return [...hours].sort((a, b) => a - b).map((ms) => new Date(ms));
}

/** The usual wait of one checkpoint × direction × mode at `now`, from its aggregates; null without enough days. */
export function usualFrom(rows: readonly Pick<AggregateRow, 'hour' | 'waitMinutes'>[], now: Date): Omit<UsualWait, 'direction' | 'mode'> | null {
  const perDay = new Map<number, number[]>();
  for (const row of rows) {
    if (row.waitMinutes === null) continue;
    const end = row.hour.getTime() + HOUR;
    const day = Math.round((now.getTime() - end) / DAY);
    if (day < 1 || Math.abs(now.getTime() - day * DAY - end) >= USUAL.withinMs) continue;
    const values = perDay.get(day);
    if (values) values.push(row.waitMinutes);
    else perDay.set(day, [row.waitMinutes]);
  }
  const dayValue = (values: number[]) => median(values);
  const pick = (days: number[]): number[] => days.filter((day) => perDay.has(day)).map((day) => dayValue(perDay.get(day)!));
  const weekdays = pick(Array.from({ length: USUAL.weeks }, (_, i) => (i + 1) * 7));
  const recent = pick(Array.from({ length: USUAL.days }, (_, i) => i + 1));
  const [basis, values] = weekdays.length >= USUAL.minWeekdays ? (['weekday', weekdays] as const) : recent.length >= USUAL.minDays ? (['daily', recent] as const) : [null, []];
  if (!basis) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return { low: Math.round(quantileOfSorted(sorted, 0.25)), high: Math.round(quantileOfSorted(sorted, 0.75)), basis, days: sorted.length };
}

/** Usual waits of these checkpoints at `now`, one per direction × mode with enough history. */
export async function listUsualWaits(db: Db, checkpointIds: readonly string[], now: Date): Promise<Map<string, UsualWait[]>> {
  const rows = await db.hourlyAggregate.findMany({
    where: { checkpointId: { in: [...checkpointIds] }, hour: { in: usualHours(now) } },
    select: { checkpointId: true, direction: true, mode: true, hour: true, waitMinutes: true },
  });
  const grouped = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = `${row.checkpointId}/${keyOf(row)}`;
    const list = grouped.get(key);
    if (list) list.push(row);
    else grouped.set(key, [row]);
  }
  const usual = new Map<string, UsualWait[]>();
  for (const list of grouped.values()) {
    const { checkpointId, direction, mode } = list[0]!;
    const value = usualFrom(list, now);
    if (!value) continue;
    usual.set(checkpointId, [...(usual.get(checkpointId) ?? []), { direction, mode, ...value }]);
  }
  return usual;
}

/**
 * History of one checkpoint: for each direction × mode with aggregates in the period or a current
 * estimate, the estimate as it stood at each of the last `hours − 1` hour boundaries, then now (the
 * live estimate, unless stale).
 */
export function historyFrom(options: { rows: readonly AggregateRow[]; estimates: readonly Estimate[]; hours: number; now: Date }): HistorySeries[] {
  const { rows, estimates, hours, now } = options;
  const lastBoundary = floorHour(now.getTime());
  const from = lastBoundary - (hours - 2) * HOUR;
  const series = new Map<string, { direction: Direction; mode: Mode; byEnd: Map<number, AggregateRow> }>();
  const seriesOf = (key: { direction: Direction; mode: Mode }) => {
    const id = keyOf(key);
    let entry = series.get(id);
    if (!entry) series.set(id, (entry = { direction: key.direction, mode: key.mode, byEnd: new Map() }));
    return entry;
  };
  for (const row of rows) seriesOf(row).byEnd.set(row.hour.getTime() + HOUR, row);
  const live = new Map(estimates.map((estimate) => [keyOf(estimate), estimate]));
  for (const estimate of estimates) {
    if (estimate.lastReportAt && new Date(estimate.lastReportAt).getTime() >= from - HOUR) seriesOf(estimate);
  }
  return [...series.values()].map(({ direction, mode, byEnd }) => {
    const points: HistoryPoint[] = [];
    for (let boundary = from; boundary <= lastBoundary && hours > 1; boundary += HOUR) {
      const row = byEnd.get(boundary);
      points.push({ at: new Date(boundary).toISOString(), waitMinutes: row?.waitMinutes ?? null, low: row?.low ?? null, high: row?.high ?? null, reports: row?.reports ?? 0 });
    }
    const estimate = live.get(`${direction}/${mode}`);
    const shown = estimate && !estimate.stale && estimate.waitMinutes !== null;
    points.push({
      at: now.toISOString(),
      waitMinutes: shown ? estimate.waitMinutes : null,
      low: shown ? estimate.low : null,
      high: shown ? estimate.high : null,
      reports: estimate?.reports ?? 0,
    });
    return { direction, mode, points };
  });
}

/** The hours whose aggregates `historyFrom` reads for the last `hours`: [gte, lt). */
function historyWindow(hours: number, now: Date): { gte: Date; lt: Date } {
  const lastBoundary = floorHour(now.getTime());
  return { gte: new Date(lastBoundary - (hours - 1) * HOUR), lt: new Date(lastBoundary) };
}

/** Of rows read for a longer period, those `listHistoryRows` would read for the last `hours`. */
export function historyRowsWithin<T extends { hour: Date }>(rows: readonly T[], hours: number, now: Date): T[] {
  const { gte, lt } = historyWindow(hours, now);
  return rows.filter((row) => row.hour >= gte && row.hour < lt);
}

/** The aggregates of one checkpoint that `historyFrom` reads for the last `hours`. */
export async function listHistoryRows(db: Db, options: { checkpointId: string; hours: number; now: Date }): Promise<AggregateRow[]> {
  return db.hourlyAggregate.findMany({
    where: { checkpointId: options.checkpointId, hour: historyWindow(options.hours, options.now) },
    select: { checkpointId: true, direction: true, mode: true, hour: true, waitMinutes: true, low: true, high: true, reports: true },
  });
}
