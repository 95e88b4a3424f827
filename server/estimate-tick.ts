// Estimates change with time alone (decay, staleness): every interval,
// recompute the ones still showing a number and publish those that changed.
import { estimatorCheckpointColumns, toEstimatorCheckpoint } from '../lib/estimates/estimator-checkpoint';
import type { Logger } from 'pino';
import type { PrismaClient } from '../lib/db';
import type { SqlDatabase } from '../lib/sql';
import type { BorderCode } from '../lib/enums';
import { listLiveEstimateKeys, refreshEstimate } from '../lib/estimates/store';
import type { Estimate } from '../lib/estimates/types';

export interface EstimateTickDeps {
  prisma: PrismaClient;
  database: SqlDatabase;
  logger: Logger;
  now: () => Date;
  publish: (estimate: Estimate, border: BorderCode) => void;
}

/** One pass; returns how many estimates changed. */
export async function refreshLiveEstimates(deps: EstimateTickDeps): Promise<number> {
  const keys = await listLiveEstimateKeys(deps.prisma);
  if (keys.length === 0) return 0;
  const checkpoints = await deps.prisma.checkpoint.findMany({
    where: { id: { in: [...new Set(keys.map((key) => key.checkpointId))] } },
    select: { ...estimatorCheckpointColumns, border: true },
  });
  const byId = new Map(checkpoints.map((checkpoint) => [checkpoint.id, checkpoint]));
  let changed = 0;
  for (const key of keys) {
    const checkpoint = byId.get(key.checkpointId);
    if (!checkpoint) continue;
    const result = await deps.database.transaction((sql) =>
      refreshEstimate(sql, { checkpoint: toEstimatorCheckpoint(checkpoint), direction: key.direction, mode: key.mode, now: deps.now() }),
    );
    if (result.changed) {
      changed += 1;
      deps.publish(result.estimate, checkpoint.border);
    }
  }
  return changed;
}

/** Ticks every `intervalMs` while `isLeader()` says this node runs the jobs of one node. */
export function startEstimateTick(deps: EstimateTickDeps, options: { intervalMs: number; isLeader: () => boolean }): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running || !options.isLeader()) return; // a slow pass is never overlapped by the next
    running = refreshLiveEstimates(deps)
      .then((changed) => {
        if (changed > 0) deps.logger.debug({ changed }, 'estimates refreshed by the tick');
      })
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'estimate tick failed; next interval retries'))
      .finally(() => {
        running = undefined;
      });
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
