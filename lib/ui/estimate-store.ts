// The browser's copy of live estimates: one per checkpoint × direction × mode,
// always the highest version seen, so late or repeated pushes change nothing.
import type { Direction, Mode } from '../enums';
import type { Estimate } from '../estimates/types';

export type EstimateMap = Readonly<Record<string, Estimate>>;

export const estimateKey = (checkpointId: string, direction: Direction, mode: Mode) => `${checkpointId}/${direction}/${mode}`;

/** Returns the same object when nothing is newer, so React skips the render. */
export function mergeEstimates(current: EstimateMap, incoming: readonly Estimate[]): EstimateMap {
  let next: Record<string, Estimate> | null = null;
  for (const estimate of incoming) {
    const key = estimateKey(estimate.checkpointId, estimate.direction, estimate.mode);
    const held = (next ?? current)[key];
    if (held && held.version >= estimate.version) continue;
    next ??= { ...current };
    next[key] = estimate;
  }
  return next ?? current;
}
