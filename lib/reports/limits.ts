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
  /**
   * What a road can hold, per mode: a queue longer than this is not a queue (about 100 km of cars or
   * trucks in one lane and a half; a bus, bicycle or foot queue of kilometres is already extreme).
   */
  byMode: {
    car: { queueVehicles: 20000, queueKm: 100 },
    truck: { queueVehicles: 5000, queueKm: 100 },
    bus: { queueVehicles: 1000, queueKm: 20 },
    bicycle: { queueVehicles: 5000, queueKm: 10 },
    pedestrian: { queueVehicles: 20000, queueKm: 10 },
  },
  /** How long a crossing may have taken. */
  maxCrossingMs: 7 * DAY,
  /** A crossing quicker than this is a tap, not a wait (the quickest post on foot takes minutes). */
  minCrossingMs: 5 * MINUTE,
  /** A crossing older than this is history, not news about the queue. */
  maxCrossedAgeMs: DAY,
  /** Client clocks run a little fast; a crossing more than this ahead is "in the future" (a join time may not be at all). */
  clockSkewMs: 2 * MINUTE,
} as const;
