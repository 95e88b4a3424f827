// Kordon's one front door: every channel (Socket.IO, the HTTP routes, the form
// without scripts, the moderator page, and later push and the bot) submits
// reports and moderates through this object, and hears what changed as typed
// events on its bus (lib/domain-events.ts). Built once at start-up
// (server/app.ts) from what the process provides: the database, the limits,
// the proofs, the bus.
import type { EventBus } from './domain-events';
import type { CheckpointStatusUpdate } from './events';
import { hideReports, setCheckpointModes, setCheckpointStatus } from './moderation/moderate';
import { createReportSubmitter, type ReportDeps, type SubmitReport } from './reports/submit-report';

/** What the report path needs (lib/reports/submit-report.ts), and the bus it and moderation publish on. */
export type KordonDeps = Omit<ReportDeps, 'publish' | 'stored'> & { bus: EventBus };

export interface Kordon {
  submitReport: SubmitReport;
  moderation: {
    /** One report, or every report of some devices: `affected` reports of `devices` devices. */
    hideReports(target: { reportId: string } | { devices: readonly string[] }, body: unknown, moderator: string): Promise<{ affected: number; devices: number }>;
    setStatus(checkpointId: string, body: unknown, moderator: string): Promise<CheckpointStatusUpdate>;
    setModes(checkpointId: string, body: unknown, moderator: string): Promise<CheckpointStatusUpdate>;
  };
  /** Every domain event, of this node and of every other. */
  events: Pick<EventBus, 'subscribe'>;
}

export function createKordon(deps: KordonDeps): Kordon {
  const { prisma, bus, now } = deps;
  const submitReport = createReportSubmitter({
    ...deps,
    publish: (estimate, border) => bus.publish({ type: 'estimate:changed', estimate, border }),
    stored: (checkpointId) => bus.publish({ type: 'reports:changed', checkpointIds: [checkpointId] }),
  });
  return {
    submitReport,
    moderation: {
      async hideReports(target, body, moderator) {
        const result = await hideReports(prisma, { target, body, now: now(), moderator });
        bus.publish({ type: 'reports:changed', checkpointIds: 'all' });
        for (const { estimate, border } of result.estimates) bus.publish({ type: 'estimate:changed', estimate, border });
        return { affected: result.affected, devices: result.devices };
      },
      async setStatus(checkpointId, body, moderator) {
        const { update, border } = await setCheckpointStatus(prisma, { checkpointId, body, now: now(), moderator });
        bus.publish({ type: 'checkpoint:changed', update, border });
        return update;
      },
      async setModes(checkpointId, body, moderator) {
        const { update, border } = await setCheckpointModes(prisma, { checkpointId, body, now: now(), moderator });
        bus.publish({ type: 'checkpoint:changed', update, border });
        return update;
      },
    },
    events: { subscribe: (listener) => bus.subscribe(listener) },
  };
}
