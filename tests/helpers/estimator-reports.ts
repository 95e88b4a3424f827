// Reports as the estimator reads them, for tests: one that says only what it is given, and a post that works
// 08:00–20:00 (UTC) with an hour of queue in the evening, for what opening hours do to an estimate, an alert and a trip.
import type { EstimatorReport } from '../../lib/estimates/types';

export const HOUR_MS = 3_600_000;
/** Local midnight of the first day (local time is UTC). */
export const DAY0 = Date.UTC(2022, 8, 27);
export const EIGHT_TO_EIGHT = { timeZone: 'UTC', open: '08:00', close: '20:00' };

/** Every field a report may leave out, left out. */
export const SAYS_NOTHING = {
  waitMinutes: null,
  queueVehicles: null,
  queueKm: null,
  joinedAt: null,
  crossedAt: null,
  letThrough: null,
  letThroughMinutes: null,
} satisfies Partial<EstimatorReport>;

/** A report of `device` at `at`, saying only what `fields` say. */
export const estimatorReport = (fields: Partial<EstimatorReport> & { at: number; device: string }): EstimatorReport => ({
  deviceKey: fields.device,
  createdAt: new Date(fields.at),
  ...SAYS_NOTHING,
  ...fields,
});

/** An hour of queue from `fromHour`, every half hour for `count` half hours: 40 ahead, 40 let through an hour, each from its own phone. */
export const anHourOfQueue = (fromHour: number, count: number): EstimatorReport[] =>
  Array.from({ length: count }, (_, i) => [
    estimatorReport({ device: `n${i}`, at: DAY0 + (fromHour + i / 2) * HOUR_MS, queueVehicles: 40 }),
    estimatorReport({ device: `l${i}`, at: DAY0 + (fromHour + 0.1 + i / 2) * HOUR_MS, letThrough: 40, letThroughMinutes: 60 }),
  ]).flat();
