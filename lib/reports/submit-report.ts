// The one path of a report, from Socket.IO or HTTP: check the device key,
// apply rate limits, parse, store (idempotent on the client's id) and
// recompute the estimate in one transaction, then publish. Only what is
// committed is acknowledged.
import type { PrismaClient } from '../db';
import type { BorderCode } from '../enums';
import { AppError, fieldErrorsFrom } from '../errors';
import { listEstimates, refreshEstimate } from '../estimates/store';
import type { Estimate } from '../estimates/types';
import { deviceKeySchema, makeReportInputSchema } from './input';
import { findPublicReport, insertReport, publicReportOf, type PublicReport } from './store';

export interface ReportDeps {
  prisma: PrismaClient;
  now: () => Date;
  hashDeviceKey: (deviceKey: string) => string;
  /** Throws AppError('rate_limited') when a device or network address sends too much. */
  limitReports: (client: { deviceKeyHash: string; address: string }) => Promise<void>;
  publish: (estimate: Estimate, border: BorderCode) => void;
}

export interface SubmittedReport {
  report: PublicReport;
  estimate: Estimate;
  /** The id was stored before: this is the first result, and nothing new was stored. */
  duplicate: boolean;
}

export function createReportSubmitter(deps: ReportDeps) {
  const schema = makeReportInputSchema(deps.now);

  return async function submitReport(input: unknown, client: { deviceKey: unknown; address: string }): Promise<SubmittedReport> {
    const deviceKey = deviceKeySchema.safeParse(client.deviceKey);
    if (!deviceKey.success) {
      throw new AppError('invalid_input', 'A report needs the device key the app keeps for this device.', [
        { path: 'deviceKey', message: deviceKey.error.issues[0]?.message ?? 'is invalid' },
      ]);
    }
    const deviceKeyHash = deps.hashDeviceKey(deviceKey.data);
    await deps.limitReports({ deviceKeyHash, address: client.address });

    const parsed = schema.safeParse(input);
    if (!parsed.success) throw new AppError('invalid_input', 'The report is not valid.', fieldErrorsFrom(parsed.error.issues));
    const report = parsed.data;

    const checkpoint = await deps.prisma.checkpoint.findUnique({
      where: { id: report.checkpointId },
      select: { id: true, border: true, modes: true, capacityPerDay: true },
    });
    if (!checkpoint) {
      throw new AppError('unknown_checkpoint', `No checkpoint has the id "${report.checkpointId}".`, [{ path: 'checkpointId', message: 'unknown checkpoint' }]);
    }
    if (!checkpoint.modes.includes(report.mode)) {
      throw new AppError('mode_not_allowed', `${checkpoint.id} does not allow ${report.mode}; allowed: ${checkpoint.modes.join(', ')}.`, [
        { path: 'mode', message: `allowed here: ${checkpoint.modes.join(', ')}` },
      ]);
    }

    const outcome = await deps.prisma.$transaction(async (tx) => {
      const now = deps.now();
      const created = await insertReport(tx, report, deviceKeyHash, now);
      if (!created) return null;
      const refreshed = await refreshEstimate(tx, { checkpoint, direction: report.direction, mode: report.mode, now });
      return { ...refreshed, storedAt: now };
    });

    if (outcome === null) return firstResult(deps.prisma, report.id);
    if (outcome.changed) deps.publish(outcome.estimate, checkpoint.border);
    return { report: publicReportOf(report, outcome.storedAt), estimate: outcome.estimate, duplicate: false };
  };
}

/** A repeated id: the stored report and its estimate as it stands. */
async function firstResult(prisma: PrismaClient, id: string): Promise<SubmittedReport> {
  const report = (await findPublicReport(prisma, id))!;
  const estimates = await listEstimates(prisma, [report.checkpointId]);
  const estimate = estimates.find((e) => e.direction === report.direction && e.mode === report.mode)!;
  return { report, estimate, duplicate: true };
}

export type SubmitReport = ReturnType<typeof createReportSubmitter>;
