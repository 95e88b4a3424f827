import type { Direction, Mode } from '../enums';
import type { OpeningHours } from './opening-hours';
import type { CrowdSignal } from './signals';

export type Confidence = 'high' | 'medium' | 'low';
export type Trend = 'rising' | 'falling' | 'steady';
/** Where the throughput comes from: reports that carry it, or only the catalogue's or the default prior. */
export type ThroughputSource = 'reports' | 'catalogue' | 'default';

/** The live estimate for one checkpoint × direction × mode (docs/estimates.md). */
export interface Estimate {
  checkpointId: string;
  direction: Direction;
  mode: Mode;
  /**
   * Expected wait for someone joining the queue now, in minutes. When `stale`, the estimate as it stood
   * at the newest report (show it as old, never as current); null with no usable report in 24 h.
   */
  waitMinutes: number | null;
  /** The range that should hold the true wait about 80 % of the time (as of the same moment). */
  low: number | null;
  high: number | null;
  /** Vehicles (people, on foot) in the queue, when anyone reported a length in the last 6 h. */
  queueVehicles: number | null;
  /** Devices that reported in the last 6 h (each once). */
  reports: number;
  lastReportAt: string | null;
  updatedAt: string;
  /** How close to the truth the estimate was in simulation at this level (docs/estimates.md). */
  confidence: Confidence;
  /** Too old to pass off as current: show `waitMinutes` greyed with its age, never as live. */
  stale: boolean;
  trend: Trend | null;
  /**
   * Vehicles (people) let through an hour, as learned; null with no estimate, except where the only recent
   * reports (6 h) are "N let through": no wait then, but their rate, from `reports`.
   */
  throughputPerHour: number | null;
  throughputSource: ThroughputSource | null;
  /**
   * At a post with opening hours that is shut now: when it opens next (ISO). `waitMinutes` then counts the
   * hours until then. Absent (or null) where the post works round the clock or is open now.
   */
  opensAt?: string | null;
  /**
   * At a post with opening hours that is open now: when it shuts next (ISO). A band from before it to after it
   * says the wait may end tonight or run through the night. Absent where the post works round the clock, null
   * while it is shut.
   */
  closesAt?: string | null;
  /**
   * At a post with opening hours: of `waitMinutes`, the minutes the post is open, the queue's own wait without the
   * hours it is shut (what an alert's threshold is compared with). Absent where the post works round the clock.
   */
  openMinutes?: number | null;
  /** What several devices confirmed in one tap (closed, not moving, …), until it fades; absent in values stored before. */
  signals?: CrowdSignal[];
  /** Grows by one whenever this estimate changes; a client keeps the highest it has seen. */
  version: number;
}

/** What the estimator computes; the server stamps `version` when it stores a change. */
export type EstimateValue = Omit<Estimate, 'version'>;

/** The fields of a report the estimator reads. */
export interface EstimatorReport {
  /** Keyed hash of the device: one device, one voice. */
  deviceKey: string;
  /** Server time of the report. */
  createdAt: Date;
  waitMinutes: number | null;
  queueVehicles: number | null;
  queueKm: number | null;
  joinedAt: Date | null;
  crossedAt: Date | null;
  /** "N let through in the last M minutes": N, with `letThroughMinutes` as M. */
  letThrough: number | null;
  letThroughMinutes: number | null;
  /** A one-tap crowd signal (lib/estimates/signals.ts); absent where the source has none. */
  signal?: string | null;
  /** "Still right?" on a wait shown: right, longer or shorter than `shownMinutes`. */
  verdict?: string | null;
  shownMinutes?: number | null;
}

export interface EstimatorCheckpoint {
  id: string;
  /** Vehicles a day, from the catalogue, when a source gives it. */
  capacityPerDay: number | null;
  /** Daily hours, when the post does not work round the clock (lib/estimates/opening-hours.ts). */
  openingHours?: OpeningHours | null;
}
