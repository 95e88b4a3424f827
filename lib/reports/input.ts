// The one schema for a report, whichever way it arrives (Socket.IO
// `report:create` or `POST /api/reports`). Times are checked against the
// server's clock, so the schema is made with a clock.
import { z } from 'zod';
import { crowdSignal, direction, mode, verdict } from '../enums';
import { REPORT_LIMITS } from './limits';
import { toMinute } from './minutes';

export { REPORT_LIMITS };

const absentOr = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? null);
// Floored to the minute on intake: a phone's clock, to the millisecond beside the server's, would link its reports.
const instant = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time, e.g. 2022-09-26T08:30:00Z' })
  .transform((value) => toMinute(new Date(value)));

export const checkpointIdSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a checkpoint id such as "verkhny-lars"').max(64);

export function makeReportInputSchema(now: () => Date) {
  return z
    .strictObject({
      id: z.uuid('must be a UUID made by the client'),
      checkpointId: checkpointIdSchema,
      direction,
      mode,
      waitMinutes: absentOr(z.number().int('must be whole minutes').min(0).max(REPORT_LIMITS.waitMinutes.max)),
      queueVehicles: absentOr(z.number().int('must be a whole number').min(0).max(REPORT_LIMITS.queueVehicles.max)),
      queueKm: absentOr(z.number().min(0).max(REPORT_LIMITS.queueKm.max)),
      joinedAt: absentOr(instant),
      crossedAt: absentOr(instant),
      letThrough: absentOr(z.number().int('must be a whole number').min(0).max(REPORT_LIMITS.letThrough.max)),
      letThroughMinutes: absentOr(
        z.number().int('must be whole minutes').min(REPORT_LIMITS.letThroughMinutes.min).max(REPORT_LIMITS.letThroughMinutes.max),
      ),
      signal: absentOr(crowdSignal),
      verdict: absentOr(verdict),
      shownMinutes: absentOr(z.number().int('must be whole minutes').min(0).max(REPORT_LIMITS.waitMinutes.max)),
    })
    .superRefine((report, ctx) => {
      // zod runs this even when a field failed already: trust no field's type here.
      const { waitMinutes, queueVehicles, queueKm, letThrough, letThroughMinutes, signal, verdict: said, shownMinutes } = report;
      const joinedAt = report.joinedAt instanceof Date ? report.joinedAt : report.joinedAt == null ? null : undefined;
      const crossedAt = report.crossedAt instanceof Date ? report.crossedAt : report.crossedAt == null ? null : undefined;
      if (joinedAt === undefined || crossedAt === undefined) return;
      const nothing = [waitMinutes, queueVehicles, queueKm, joinedAt, crossedAt, letThrough, letThroughMinutes, signal, said].every((value) => value === null);
      if (nothing) {
        ctx.addIssue({
          code: 'custom',
          path: [],
          message: 'give at least one of waitMinutes, queueVehicles, queueKm, joinedAt with crossedAt, letThrough with letThroughMinutes, signal, or verdict with shownMinutes',
        });
      }
      if ((joinedAt === null) !== (crossedAt === null)) {
        const missing = joinedAt === null ? 'joinedAt' : 'crossedAt';
        ctx.addIssue({ code: 'custom', path: [missing], message: 'joinedAt and crossedAt go together' });
      }
      if ((said === null) !== (shownMinutes === null)) {
        ctx.addIssue({ code: 'custom', path: [said === null ? 'verdict' : 'shownMinutes'], message: 'verdict and shownMinutes go together' });
      }
      if ((letThrough === null) !== (letThroughMinutes === null)) {
        const missing = letThrough === null ? 'letThrough' : 'letThroughMinutes';
        ctx.addIssue({ code: 'custom', path: [missing], message: 'letThrough and letThroughMinutes go together' });
      }
      const serverNow = now().getTime();
      // Someone who crossed joined before now: no clock is that fast, and a join "now" would weigh as a wait of 0.
      if (joinedAt && joinedAt.getTime() > serverNow) ctx.addIssue({ code: 'custom', path: ['joinedAt'], message: 'is in the future' });
      if (crossedAt && crossedAt.getTime() > serverNow + REPORT_LIMITS.clockSkewMs) {
        ctx.addIssue({ code: 'custom', path: ['crossedAt'], message: 'is in the future' });
      }
      const road = typeof report.mode === 'string' ? REPORT_LIMITS.byMode[report.mode] : undefined;
      if (road && typeof queueVehicles === 'number' && queueVehicles > road.queueVehicles) {
        ctx.addIssue({ code: 'custom', path: ['queueVehicles'], message: `must be at most ${road.queueVehicles} for ${report.mode}` });
      }
      if (road && typeof queueKm === 'number' && queueKm > road.queueKm) {
        ctx.addIssue({ code: 'custom', path: ['queueKm'], message: `must be at most ${road.queueKm} km for ${report.mode}` });
      }
      if (crossedAt && crossedAt.getTime() < serverNow - REPORT_LIMITS.maxCrossedAgeMs) {
        ctx.addIssue({ code: 'custom', path: ['crossedAt'], message: 'is more than a day ago' });
      }
      if (joinedAt && crossedAt) {
        if (joinedAt >= crossedAt) ctx.addIssue({ code: 'custom', path: ['joinedAt'], message: 'must be before crossedAt' });
        else if (crossedAt.getTime() - joinedAt.getTime() < REPORT_LIMITS.minCrossingMs) {
          ctx.addIssue({ code: 'custom', path: ['joinedAt'], message: 'must be at least 5 minutes before crossedAt' });
        } else if (crossedAt.getTime() - joinedAt.getTime() > REPORT_LIMITS.maxCrossingMs) {
          ctx.addIssue({ code: 'custom', path: ['joinedAt'], message: 'must be at most 7 days before crossedAt' });
        }
      }
    });
}

export type ReportInputSchema = ReturnType<typeof makeReportInputSchema>;
/** What a client sends. */
export type ReportInput = z.input<ReportInputSchema>;
/** What the server works with after parsing. */
export type ParsedReport = z.output<ReportInputSchema>;

/** A random id the browser makes once and keeps; never stored as sent. */
export const deviceKeySchema = z.string('is required').regex(/^[A-Za-z0-9_-]{16,128}$/, 'must be 16–128 letters, digits, "-" or "_"');
