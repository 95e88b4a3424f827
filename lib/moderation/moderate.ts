// What a moderator can do. Each action changes the data, recomputes what it
// affects, and writes an audit row, in one transaction; the caller publishes
// the returned changes to clients.
import { z } from 'zod';
import type { PrismaClient, Transaction } from '../db';
import { effectiveModes, overridesFor } from '../checkpoint-modes';
import { checkpointStatus, mode, type BorderCode } from '../enums';
import { AppError, fieldErrorsFrom } from '../errors';
import { estimatorCheckpointColumns, toEstimatorCheckpoint } from '../estimates/estimator-checkpoint';
import { refreshEstimate } from '../estimates/store';
import { reaggregate } from '../maintenance/retention';
import { prismaSql } from '../sql';
import type { Estimate } from '../estimates/types';
import type { CheckpointStatusUpdate } from '../events';
import { checkpointIdSchema } from '../reports/input';
import { publicColumns, toPublic, type PublicReport } from '../reports/store';

/** Words a moderator types. PostgreSQL cannot store a NUL, and no other control character belongs in a note. */
const moderatorText = z
  .string('is required')
  .trim()
  .max(500)
  .refine((text) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text), 'must not contain control characters');

export const hideInput = z.strictObject({
  hidden: z.boolean('must be true or false'),
  reason: moderatorText.min(3, 'say why, in a few words'),
});
export const statusInput = z.strictObject({
  status: checkpointStatus,
  note: moderatorText,
});

export const modesInput = z.strictObject({
  modes: z.array(mode, 'must be a list of modes').min(1, 'at least one mode').max(5).refine((modes) => new Set(modes).size === modes.length, 'must not repeat a mode'),
  note: moderatorText.min(3, 'say why, in a few words'),
});

export interface ChangedEstimates {
  affected: number;
  estimates: { estimate: Estimate; border: BorderCode }[];
}

/** A report as a moderator sees it: with its device's keyed hash and whether it is hidden. */
export interface ModeratedReport extends PublicReport {
  /** The keyed hash the server stores: enough to hide one device's reports, not to find the device. */
  device: string;
  hidden: boolean;
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new AppError('invalid_input', 'The request is not valid.', fieldErrorsFrom(parsed.error.issues));
  return parsed.data;
}

export async function listReportsForModeration(prisma: PrismaClient, options: { checkpointId: string; since: Date }): Promise<ModeratedReport[]> {
  if (!checkpointIdSchema.safeParse(options.checkpointId).success) throw new AppError('not_found', 'No such checkpoint.');
  const rows = await prisma.report.findMany({
    where: { checkpointId: options.checkpointId, createdAt: { gte: options.since } },
    select: { ...publicColumns, deviceKey: true, hidden: true },
    orderBy: { createdAt: 'desc' },
    take: 500,
  });
  return rows.map(({ deviceKey, hidden, ...row }) => ({ ...toPublic(row), device: deviceKey, hidden }));
}

/** Recomputes every estimate the given reports count in. */
async function refreshAffected(tx: Transaction, where: { id?: string; deviceKey?: string }, now: Date) {
  const series = await tx.report.findMany({
    where,
    distinct: ['checkpointId', 'direction', 'mode'],
    select: { direction: true, mode: true, checkpoint: { select: { ...estimatorCheckpointColumns, border: true } } },
  });
  const changed: ChangedEstimates['estimates'] = [];
  for (const { checkpoint, direction, mode } of series) {
    const result = await refreshEstimate(prismaSql(tx), { checkpoint: toEstimatorCheckpoint(checkpoint), direction, mode, now });
    if (result.changed) changed.push({ estimate: result.estimate, border: checkpoint.border });
  }
  return { estimates: changed, keys: series.map(({ checkpoint, direction, mode }) => ({ checkpointId: checkpoint.id, direction, mode })) };
}

/** Hides (or shows again) one report, or every report of one device. */
const DEVICE_HASH = /^[A-Za-z0-9_-]{1,64}$/;

export async function hideReports(
  prisma: PrismaClient,
  options: { target: { reportId: string } | { device: string }; body: unknown; now: Date; moderator: string },
): Promise<ChangedEstimates> {
  const { hidden, reason } = parse(hideInput, options.body);
  const where = 'reportId' in options.target ? { id: options.target.reportId } : { deviceKey: options.target.device };
  if ('reportId' in options.target && !z.uuid().safeParse(options.target.reportId).success) throw new AppError('not_found', 'No such report.');
  // A device is named by its keyed hash (base64url): anything else, a NUL byte included, names no device.
  if ('device' in options.target && !DEVICE_HASH.test(options.target.device)) throw new AppError('not_found', 'No report from that device.');
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.report.updateMany({ where, data: { hidden } });
    if (count === 0) throw new AppError('not_found', 'reportId' in options.target ? 'No such report.' : 'No report from that device.');
    const { estimates, keys } = await refreshAffected(tx, where, options.now);
    // The hourly aggregates are the permanent record: the hours these reports counted in are computed again.
    const span = await tx.report.aggregate({ where, _min: { createdAt: true }, _max: { createdAt: true } });
    await reaggregate(tx, { keys, from: span._min.createdAt!, to: span._max.createdAt! });
    await tx.moderationAction.create({
      data: {
        action: `${hidden ? 'hide' : 'show'}-${'reportId' in options.target ? 'report' : 'device'}`,
        target: 'reportId' in options.target ? options.target.reportId : options.target.device,
        note: reason,
        affected: count,
        moderator: options.moderator,
      },
    });
    return { affected: count, estimates };
  });
}

/** Marks a checkpoint open, restricted or closed, with a note for every client. */
export async function setCheckpointStatus(
  prisma: PrismaClient,
  options: { checkpointId: string; body: unknown; now: Date; moderator: string },
): Promise<{ update: CheckpointStatusUpdate; border: BorderCode }> {
  const { status, note } = parse(statusInput, options.body);
  if (!checkpointIdSchema.safeParse(options.checkpointId).success) throw new AppError('not_found', 'No such checkpoint.');
  return prisma.$transaction(async (tx) => {
    const found = await tx.checkpoint.findUnique({ where: { id: options.checkpointId }, select: { border: true } });
    if (!found) throw new AppError('not_found', 'No such checkpoint.');
    const statusNote = note === '' ? null : note;
    const row = await tx.checkpoint.update({
      where: { id: options.checkpointId },
      data: { moderatedStatus: status, statusNote, statusUpdatedAt: options.now },
      select: { modes: true, modesEnabled: true, modesDisabled: true },
    });
    await tx.moderationAction.create({ data: { action: 'set-status', target: options.checkpointId, note: `${status}: ${note}`, affected: 1, moderator: options.moderator } });
    return {
      update: { checkpointId: options.checkpointId, status, statusNote, modes: effectiveModes(row), statusUpdatedAt: options.now.toISOString() },
      border: found.border,
    };
  });
}

/**
 * Opens or closes modes at a checkpoint: body `{ modes, note }` lists every mode reports are taken for from now on.
 * What differs from the catalogue is stored beside it, so a newer catalogue keeps the moderator's word.
 */
export async function setCheckpointModes(
  prisma: PrismaClient,
  options: { checkpointId: string; body: unknown; now: Date; moderator: string },
): Promise<{ update: CheckpointStatusUpdate; border: BorderCode }> {
  const { modes, note } = parse(modesInput, options.body);
  if (!checkpointIdSchema.safeParse(options.checkpointId).success) throw new AppError('not_found', 'No such checkpoint.');
  return prisma.$transaction(async (tx) => {
    const found = await tx.checkpoint.findUnique({ where: { id: options.checkpointId }, select: { border: true, modes: true, status: true, moderatedStatus: true, statusNote: true } });
    if (!found) throw new AppError('not_found', 'No such checkpoint.');
    const overrides = overridesFor(found.modes, modes);
    await tx.checkpoint.update({ where: { id: options.checkpointId }, data: { ...overrides, statusUpdatedAt: options.now } });
    const inForce = effectiveModes({ modes: found.modes, ...overrides });
    await tx.moderationAction.create({
      data: { action: 'set-modes', target: options.checkpointId, note: `${inForce.join(', ')}: ${note}`, affected: 1, moderator: options.moderator },
    });
    return {
      update: {
        checkpointId: options.checkpointId,
        status: found.moderatedStatus ?? found.status,
        statusNote: found.statusNote,
        modes: inForce,
        statusUpdatedAt: options.now.toISOString(),
      },
      border: found.border,
    };
  });
}

export async function listModerationActions(prisma: PrismaClient, options: { limit: number }) {
  const rows = await prisma.moderationAction.findMany({ orderBy: { id: 'desc' }, take: options.limit });
  return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
}

