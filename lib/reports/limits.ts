// Bounds of a report, apart from the schema so the browser can show them
// without loading zod.
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const REPORT_LIMITS = {
  waitMinutes: { min: 0, max: 10080 },
  queueVehicles: { min: 0, max: 20000 },
  queueKm: { min: 0, max: 100 },
  /** "N let through in the last M minutes". */
  letThrough: { min: 0, max: 20000 },
  letThroughMinutes: { min: 5, max: 24 * 60 },
  /** How long a crossing may have taken. */
  maxCrossingMs: 7 * DAY,
  /** A crossing older than this is history, not news about the queue. */
  maxCrossedAgeMs: DAY,
  /** Client clocks run a little fast; more than this is "in the future". */
  clockSkewMs: 2 * MINUTE,
} as const;
