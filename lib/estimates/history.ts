// The estimate as it stood at each hour, recomputed from stored reports with
// the same estimator, so the chart and the live number always agree.
import type { Direction, Mode } from '../enums';
import { estimateWait } from './estimate-wait';
import type { EstimatorCheckpoint, EstimatorReport } from './types';

const HOUR = 3_600_000;

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

export function estimateHistory(options: {
  checkpoint: EstimatorCheckpoint;
  reports: readonly (EstimatorReport & { direction: Direction; mode: Mode })[];
  hours: number;
  now: Date;
}): HistorySeries[] {
  const lastHour = Math.floor(options.now.getTime() / HOUR) * HOUR;
  const keys = new Map<string, { direction: Direction; mode: Mode }>();
  for (const report of options.reports) keys.set(`${report.direction}/${report.mode}`, { direction: report.direction, mode: report.mode });
  return [...keys.values()].map(({ direction, mode }) => {
    const reports = options.reports.filter((r) => r.direction === direction && r.mode === mode);
    const points: HistoryPoint[] = [];
    for (let i = options.hours - 1; i >= 0; i -= 1) {
      // Whole hours, then the present, so the chart ends where the live number is.
      const at = i === 0 ? options.now : new Date(lastHour - (i - 1) * HOUR);
      const value = estimateWait({ checkpoint: options.checkpoint, direction, mode, reports, now: at });
      const shown = !value.stale;
      points.push({
        at: at.toISOString(),
        waitMinutes: shown ? value.waitMinutes : null,
        low: shown ? value.low : null,
        high: shown ? value.high : null,
        reports: value.reports,
      });
    }
    return { direction, mode, points };
  });
}
