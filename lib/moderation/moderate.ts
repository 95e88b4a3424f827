// What a moderator can do. Each action changes the data, recomputes what it
// affects, and writes an audit row, in one transaction; the caller publishes
// the returned changes to clients.
import { z } from 'zod';
import type { Prisma, PrismaClient, Transaction } from '../db';
import { effectiveModes, overridesFor } from '../checkpoint-modes';
import { checkpointStatus, mode, type BorderCode, type CheckpointStatus, type Mode } from '../enums';
import { AppError, fieldErrorsFrom } from '../errors';
import { estimatorCheckpointColumns, toEstimatorCheckpoint } from '../estimates/estimator-checkpoint';
import { refreshEstimate } from '../estimates/store';
import { reaggregate } from '../maintenance/retention';
import { prismaSql } from '../sql';
import type { Estimate } from '../estimates/types';
import type { CheckpointStatusUpdate } from '../events';
import { checkpointIdSchema } from '../reports/input';
import { publicColumns, toPublic, type PublicReport } from '../reports/store';

/** What a refused field says (the API's words, in English); the moderator page puts them in the reader's language. */
export const FIELD_MESSAGES = {
  saySomething: 'say why, in a few words',
  oneMode: 'at least one mode',
  noControl: 'must not contain control characters',
} as const;

/** Words a moderator types. PostgreSQL cannot store a NUL, and no other control character belongs in a note. */
const moderatorText = z
  .string('is required')
  .trim()
  .max(500)
  .refine((text) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text), FIELD_MESSAGES.noControl);

export const hideInput = z.strictObject({
  hidden: z.boolean('must be true or false'),
  reason: moderatorText.min(3, FIELD_MESSAGES.saySomething),
});
export const statusInput = z.strictObject({
  status: checkpointStatus,
  note: moderatorText,
});

export const modesInput = z.strictObject({
  modes: z.array(mode, 'must be a list of modes').min(1, FIELD_MESSAGES.oneMode).max(5).refine((modes) => new Set(modes).size === modes.length, 'must not repeat a mode'),
  note: moderatorText.min(3, FIELD_MESSAGES.saySomething),
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
  /** Held for a moderator (a page without scripts past its network's allowance): hidden until one shows or hides it, which clears it. */
  held: boolean;
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
    select: { ...publicColumns, deviceKey: true, hidden: true, held: true },
    orderBy: { createdAt: 'desc' },
    take: 500,
  });
  return rows.map(({ deviceKey, hidden, held, ...row }) => ({ ...toPublic(row), device: deviceKey, hidden, held }));
}

type ReportsWhere = { id: string } | { deviceKey: { in: string[] } };

/** Recomputes every estimate the given reports count in. */
async function refreshAffected(tx: Transaction, where: ReportsWhere, now: Date) {
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

/** A device is named by its keyed hash (base64url): anything else, a NUL byte included, names no device. */
const DEVICE_HASH = /^[A-Za-z0-9_-]{1,64}$/;
/** Devices one action may hide: a burst of one machine's invented keys, in one transaction. */
const MAX_DEVICES = 1000;

/**
 * Hides (or shows again) one report, or every report of some devices (one, or a burst's), in one transaction: the
 * estimates they counted in are recomputed once, and the audit log gets a row per device.
 */
export async function hideReports(
  prisma: PrismaClient,
  options: { target: { reportId: string } | { devices: readonly string[] }; body: unknown; now: Date; moderator: string },
): Promise<ChangedEstimates & { devices: number }> {
  const { hidden, reason } = parse(hideInput, options.body);
  const { target } = options;
  const missing = 'reportId' in target ? 'No such report.' : target.devices.length === 1 ? 'No report from that device.' : 'No report from those devices.';
  if ('reportId' in target ? !z.uuid().safeParse(target.reportId).success : target.devices.length === 0 || target.devices.length > MAX_DEVICES || !target.devices.every((d) => DEVICE_HASH.test(d))) {
    throw new AppError('not_found', missing);
  }
  const where: ReportsWhere = 'reportId' in target ? { id: target.reportId } : { deviceKey: { in: [...new Set(target.devices)] } };
  return prisma.$transaction(async (tx) => {
    const perDevice = 'devices' in target ? await tx.report.groupBy({ by: ['deviceKey'], where, _count: { _all: true } }) : [];
    // A moderator's word on a held report is the decision it waited for: it no longer waits.
    const { count } = await tx.report.updateMany({ where, data: { hidden, held: false } });
    if (count === 0) throw new AppError('not_found', missing);
    const { estimates, keys } = await refreshAffected(tx, where, options.now);
    // The hourly aggregates are the permanent record: the hours these reports counted in are computed again.
    const span = await tx.report.aggregate({ where, _min: { createdAt: true }, _max: { createdAt: true } });
    await reaggregate(tx, { keys, from: span._min.createdAt!, to: span._max.createdAt! });
    const verb = hidden ? 'hide' : 'show';
    const { moderator } = options;
    await tx.moderationAction.createMany({
      data:
        'reportId' in target
          ? [{ action: `${verb}-report`, target: target.reportId, note: reason, affected: count, moderator }]
          : perDevice.map((row) => ({ action: `${verb}-device`, target: row.deviceKey, note: reason, affected: row._count._all, moderator })),
    });
    return { affected: count, devices: perDevice.length, estimates };
  });
}

const checkpointColumns = { border: true, status: true, moderatedStatus: true, statusNote: true, modes: true, modesEnabled: true, modesDisabled: true } as const;

/**
 * One moderator's change of a checkpoint (`change` says what, from the catalogue's modes), written with its audit row
 * in one transaction; what every client is sent.
 */
async function changeCheckpoint(
  prisma: PrismaClient,
  options: { checkpointId: string; now: Date; moderator: string },
  change: (catalogueModes: Mode[]) => { data: Prisma.CheckpointUpdateInput; action: string; note: string },
): Promise<{ update: CheckpointStatusUpdate; border: BorderCode }> {
  const { checkpointId, now } = options;
  if (!checkpointIdSchema.safeParse(checkpointId).success) throw new AppError('not_found', 'No such checkpoint.');
  return prisma.$transaction(async (tx) => {
    const found = await tx.checkpoint.findUnique({ where: { id: checkpointId }, select: { modes: true } });
    if (!found) throw new AppError('not_found', 'No such checkpoint.');
    const { data, action, note } = change(found.modes);
    const row = await tx.checkpoint.update({ where: { id: checkpointId }, data: { ...data, statusUpdatedAt: now }, select: checkpointColumns });
    await tx.moderationAction.create({ data: { action, target: checkpointId, note, affected: 1, moderator: options.moderator } });
    return {
      update: { checkpointId, status: row.moderatedStatus ?? row.status, statusNote: row.statusNote, modes: effectiveModes(row), statusUpdatedAt: now.toISOString() },
      border: row.border,
    };
  });
}

/** Marks a checkpoint open, restricted or closed, with a note for every client. */
export async function setCheckpointStatus(prisma: PrismaClient, options: { checkpointId: string; body: unknown; now: Date; moderator: string }) {
  const { status, note } = parse(statusInput, options.body);
  return changeCheckpoint(prisma, options, () => ({
    data: { moderatedStatus: status, statusNote: note === '' ? null : note },
    action: 'set-status',
    note: `${status}: ${note}`,
  }));
}

/**
 * Opens or closes modes at a checkpoint: body `{ modes, note }` lists every mode reports are taken for from now on.
 * What differs from the catalogue is stored beside it, so a newer catalogue keeps the moderator's word.
 */
export async function setCheckpointModes(prisma: PrismaClient, options: { checkpointId: string; body: unknown; now: Date; moderator: string }) {
  const { modes, note } = parse(modesInput, options.body);
  return changeCheckpoint(prisma, options, (catalogue) => {
    const overrides = overridesFor(catalogue, modes);
    return { data: overrides, action: 'set-modes', note: `${effectiveModes({ modes: catalogue, ...overrides }).join(', ')}: ${note}` };
  });
}

export async function listModerationActions(prisma: PrismaClient, options: { limit: number }) {
  const rows = await prisma.moderationAction.findMany({ orderBy: { id: 'desc' }, take: options.limit });
  return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
}

/** A crossing as a moderator sees it: whose status is in force, the modes, and how busy it was over the last day. */
export interface ModeratedCheckpoint {
  id: string;
  border: BorderCode;
  name: { ru: string; en: string };
  status: CheckpointStatus;
  /** Whether the status is a moderator's (else the catalogue's). */
  moderated: boolean;
  statusNote: string | null;
  statusUpdatedAt: Date | null;
  /** The modes in force, and the catalogue's own. */
  modes: Mode[];
  catalogueModes: Mode[];
  reports24h: number;
}

/** Every crossing, by border and English name, with how many reports it had since `since` (the page shows a day's). */
export async function listCheckpointsForModeration(prisma: PrismaClient, options: { since: Date }): Promise<ModeratedCheckpoint[]> {
  const [rows, counts] = await Promise.all([
    prisma.checkpoint.findMany({
      select: {
        id: true, border: true, nameRu: true, nameEn: true, status: true, moderatedStatus: true, statusNote: true, statusUpdatedAt: true,
        modes: true, modesEnabled: true, modesDisabled: true,
      },
      orderBy: [{ border: 'asc' }, { nameEn: 'asc' }],
    }),
    prisma.report.groupBy({ by: ['checkpointId'], where: { createdAt: { gte: options.since } }, _count: { _all: true } }),
  ]);
  const count = new Map(counts.map((row) => [row.checkpointId, row._count._all]));
  return rows.map((row) => ({
    id: row.id,
    border: row.border,
    name: { ru: row.nameRu, en: row.nameEn },
    status: row.moderatedStatus ?? row.status,
    moderated: row.moderatedStatus !== null,
    statusNote: row.statusNote,
    statusUpdatedAt: row.statusUpdatedAt,
    modes: effectiveModes(row),
    catalogueModes: row.modes,
    reports24h: count.get(row.id) ?? 0,
  }));
}

/** Where some devices reported since a moment: each device × crossing × (hidden, held) that holds a report. */
export async function whereDevicesReported(prisma: PrismaClient, options: { devices: readonly string[]; since: Date }) {
  return prisma.report.groupBy({
    by: ['deviceKey', 'checkpointId', 'hidden', 'held'],
    where: { deviceKey: { in: [...options.devices] }, createdAt: { gte: options.since } },
  });
}
