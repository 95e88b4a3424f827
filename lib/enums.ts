// The closed vocabularies of Kordon. Each is a zod enum so that the same
// list validates input, types the code and documents the API.
import { z } from 'zod';

export const borderCode = z.enum(['FI', 'GE', 'KZ', 'MN']);
export type BorderCode = z.infer<typeof borderCode>;

/** `out` = leaving Russia, `in` = entering Russia. */
export const direction = z.enum(['out', 'in']);
export type Direction = z.infer<typeof direction>;

export const mode = z.enum(['car', 'truck', 'bus', 'pedestrian', 'bicycle']);
export type Mode = z.infer<typeof mode>;

export const access = z.enum(['multilateral', 'bilateral', 'restricted']);
export type Access = z.infer<typeof access>;

export const checkpointStatus = z.enum(['open', 'restricted', 'closed']);
export type CheckpointStatus = z.infer<typeof checkpointStatus>;

export const coordinateQuality = z.enum(['checkpoint', 'settlement', 'approximate']);
export type CoordinateQuality = z.infer<typeof coordinateQuality>;
