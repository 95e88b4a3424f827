// The closed vocabularies of Kordon as zod enums, so that the same list
// validates input, types the code and documents the API.
import { z } from 'zod';
import { ACCESS_KINDS, BORDER_CODES, CHECKPOINT_STATUSES, COORDINATE_QUALITIES, CROWD_SIGNALS, DIRECTIONS, MODES, VERDICTS } from './vocabulary';

export const borderCode = z.enum(BORDER_CODES);
export type BorderCode = z.infer<typeof borderCode>;

/** `out` = leaving Russia, `in` = entering Russia. */
export const direction = z.enum(DIRECTIONS);
export type Direction = z.infer<typeof direction>;

export const mode = z.enum(MODES);
export type Mode = z.infer<typeof mode>;

export const access = z.enum(ACCESS_KINDS);
export type Access = z.infer<typeof access>;

export const checkpointStatus = z.enum(CHECKPOINT_STATUSES);
export type CheckpointStatus = z.infer<typeof checkpointStatus>;

export const coordinateQuality = z.enum(COORDINATE_QUALITIES);
export type CoordinateQuality = z.infer<typeof coordinateQuality>;

export const crowdSignal = z.enum(CROWD_SIGNALS);
export type CrowdSignalKind = z.infer<typeof crowdSignal>;

export const verdict = z.enum(VERDICTS);
export type Verdict = z.infer<typeof verdict>;
