// What the estimator needs of a checkpoint, as every caller reads it from the
// database: the catalogue's capacity and opening hours.
import type { OpeningHours } from './opening-hours';
import type { EstimatorCheckpoint } from './types';

export const estimatorCheckpointColumns = { id: true, capacityPerDay: true, hoursOpen: true, hoursClose: true, hoursTimeZone: true } as const;

export interface EstimatorCheckpointRow {
  id: string;
  capacityPerDay: number | null;
  hoursOpen: string | null;
  hoursClose: string | null;
  hoursTimeZone: string | null;
}

export const openingHoursOf = (row: Omit<EstimatorCheckpointRow, 'id' | 'capacityPerDay'>): OpeningHours | null =>
  row.hoursOpen && row.hoursClose && row.hoursTimeZone ? { open: row.hoursOpen, close: row.hoursClose, timeZone: row.hoursTimeZone } : null;

export const toEstimatorCheckpoint = (row: EstimatorCheckpointRow): EstimatorCheckpoint => ({
  id: row.id,
  capacityPerDay: row.capacityPerDay,
  openingHours: openingHoursOf(row),
});
