import type { Direction, Mode } from '../enums';

export type Confidence = 'high' | 'medium' | 'low';
export type Trend = 'rising' | 'falling' | 'steady';

/** The live estimate for one checkpoint × direction × mode (docs/estimates.md). */
export interface Estimate {
  checkpointId: string;
  direction: Direction;
  mode: Mode;
  /** Expected wait for someone joining the queue now, in minutes; null with no usable reports. */
  waitMinutes: number | null;
  /** A plausible range around waitMinutes. */
  low: number | null;
  high: number | null;
  /** Vehicles (people, on foot) in the queue, when anyone reported a length. */
  queueVehicles: number | null;
  /** Devices whose reports count now (each once). */
  reports: number;
  lastReportAt: string | null;
  updatedAt: string;
  confidence: Confidence;
  /** Too old to show as current: clients say "no recent data" instead of a number. */
  stale: boolean;
  trend: Trend | null;
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
}

export interface EstimatorCheckpoint {
  id: string;
  /** Vehicles a day, from the catalogue, when a source gives it. */
  capacityPerDay: number | null;
}
