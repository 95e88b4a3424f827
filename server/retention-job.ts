// The retention job: aggregate completed hours, then delete reports past
// retention. Runs soon after start-up, just after every hour ends, and every
// interval in between; while it is behind (a first run over old data) it
// comes back sooner, a few hours at a time, so no run holds the event loop
// for long.
import type { Logger } from 'pino';
import type { PrismaClient } from '../lib/db';
import { aggregateHours, deleteExpiredReports } from '../lib/maintenance/retention';
import { deleteStalePushSubscriptions } from '../lib/alerts/push-watches';

const EVERY_MS = 15 * 60_000;
const CATCH_UP_MS = 5_000;
const HOURS_PER_RUN = 6;
/** History and "usual" read the aggregates: each hour is written this soon after it ends. */
const AFTER_THE_HOUR_MS = 20_000;
const HOUR = 3_600_000;

/** Until the next run: the usual interval, or sooner when an hour ends before it. */
function untilNextRun(now: number): number {
  const nextHour = Math.floor(now / HOUR) * HOUR + HOUR + AFTER_THE_HOUR_MS;
  return Math.max(1000, Math.min(EVERY_MS, nextHour - now));
}

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
        const subscriptions = await deleteStalePushSubscriptions(deps.prisma, deps.now());
        if (aggregated.rows > 0 || deleted > 0 || subscriptions > 0) {
          deps.logger.info({ hoursAggregated: aggregated.hours, aggregateRows: aggregated.rows, reportsDeleted: deleted, pushSubscriptionsDeleted: subscriptions }, 'retention job');
        }
      } catch (error) {
        deps.logger.warn({ err: error }, 'retention job failed; the next run retries');
      } finally {
        running = undefined;
        schedule(behind ? CATCH_UP_MS : untilNextRun(deps.now().getTime()));
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
