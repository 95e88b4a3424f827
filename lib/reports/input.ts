// The one schema for a report, whichever way it arrives (Socket.IO
// `report:create` or `POST /api/reports`). Times are checked against the
// server's clock, so the schema is made with a clock. A phone's own clock may
// be off by minutes or hours (set by hand, or an old phone's zone rules): a
// report that says when it was sent on that clock (`sentAt`) has its times
// moved onto the server's, so "crossed after 2 h" from a phone an hour fast is
// the crossing it was, not one "in the future".
import { z } from 'zod';
import { crowdSignal, direction, mode, verdict } from '../enums';
import { REPORT_LIMITS } from './limits';
import { toMinute } from './minutes';

export { REPORT_LIMITS };

const absentOr = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? null);
const instant = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time, e.g. 2022-09-26T08:30:00Z' })
  .transform((value) => new Date(value));

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
      /** The sender's clock when it sent the report: `joinedAt` and `crossedAt` are read on that clock. */
      sentAt: absentOr(instant),
    })
    .superRefine((report, ctx) => {
      // zod runs this even when a field failed already: trust no field's type here.
      const { waitMinutes, queueVehicles, queueKm, letThrough, letThroughMinutes, signal, verdict: said, shownMinutes } = report;
      const sentAt = report.sentAt instanceof Date ? report.sentAt : report.sentAt == null ? null : undefined;
      if (sentAt === undefined) return;
      const serverNow = now().getTime();
      const kept = (at: Date | null | undefined) => (at instanceof Date ? keptAt(at, sentAt, serverNow) : at == null ? null : undefined);
      // Checked as they will be stored.
      const joinedAt = kept(report.joinedAt);
      const crossedAt = kept(report.crossedAt);
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
    })
    .transform(({ sentAt, ...report }) => {
      const serverNow = now().getTime();
      const kept = (at: Date | null) => (at === null ? null : keptAt(at, sentAt, serverNow));
      return { ...report, joinedAt: kept(report.joinedAt), crossedAt: kept(report.crossedAt) };
    });
}

/**
 * A time as it is kept: `at`, read on a clock that said `sentAt` when the server's said `serverNow`, moved onto the
 * server's clock (as it is without `sentAt`), and floored to the minute: a phone's clock, to the millisecond beside
 * the server's, would link its reports. Nothing of `sentAt` is kept but the move it made.
 */
function keptAt(at: Date, sentAt: Date | null, serverNow: number): Date {
  return toMinute(sentAt === null ? at : new Date(at.getTime() + serverNow - sentAt.getTime()));
}

export type ReportInputSchema = ReturnType<typeof makeReportInputSchema>;
/** What a client sends. */
export type ReportInput = z.input<ReportInputSchema>;
/** What the server works with after parsing. */
export type ParsedReport = z.output<ReportInputSchema>;

/** A random id the browser makes once and keeps; never stored as sent. */
export const deviceKeySchema = z.string('is required').regex(/^[A-Za-z0-9_-]{16,128}$/, 'must be 16–128 letters, digits, "-" or "_"');
