// The retention job: aggregate completed hours, then delete reports past
// retention. Runs soon after start-up and every interval after that; while
// it is behind (a first run over old data) it comes back sooner, a few hours
// at a time, so no run holds the event loop for long.
import type { Logger } from 'pino';
import type { PrismaClient } from '../lib/db';
import { aggregateHours, deleteExpiredReports } from '../lib/maintenance/retention';

const EVERY_MS = 15 * 60_000;
const CATCH_UP_MS = 5_000;
const HOURS_PER_RUN = 6;

export function startRetentionJob(deps: {
  prisma: PrismaClient;
  logger: Logger;
  now: () => Date;
  retentionDays: number;
  /** Runs only on the node that runs the jobs of one node. */
  isLeader: () => boolean;
}): { stop(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(run, ms);
    timer.unref();
  };
  function run() {
    running = (async () => {
      let behind = false;
      try {
        if (!deps.isLeader()) return;
        const aggregated = await aggregateHours({ prisma: deps.prisma, now: deps.now(), maxHours: HOURS_PER_RUN });
        behind = aggregated.behind;
        const deleted = await deleteExpiredReports({ prisma: deps.prisma, now: deps.now(), retentionDays: deps.retentionDays });
        if (aggregated.rows > 0 || deleted > 0) deps.logger.info({ hoursAggregated: aggregated.hours, aggregateRows: aggregated.rows, reportsDeleted: deleted }, 'retention job');
      } catch (error) {
        deps.logger.warn({ err: error }, 'retention job failed; the next run retries');
      } finally {
        running = undefined;
        schedule(behind ? CATCH_UP_MS : EVERY_MS);
      }
    })();
  }

  schedule(CATCH_UP_MS);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
