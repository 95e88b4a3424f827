// Reading checkpoints for the API and the pages.
import type { PrismaClient } from '../generated/prisma/client';
import type { CheckpointRow } from './catalogue';
import { AppError } from './errors';
import type { Access, BorderCode, CheckpointStatus, CoordinateQuality, Mode } from './enums';

/** A checkpoint as the API returns it (see docs/api.md). */
export interface CheckpointView {
  id: string;
  border: BorderCode;
  name: { en: string; ru: string };
  russianSide: { name: { en: string; ru: string }; region: string };
  neighbourSide: { name: { en: string; local: string }; region: string };
  lat: number;
  lon: number;
  coordinateQuality: CoordinateQuality;
  modes: Mode[];
  access: Access;
  status: CheckpointStatus;
  capacityPerDay: number | null;
  note: string;
  sources: string[];
  /** Live estimates per direction and mode; the realtime core fills these. */
  estimates: [];
}

// Every column but the bookkeeping timestamps: exactly a CheckpointRow.
const withoutTimestamps = { createdAt: true, updatedAt: true } as const;

function toView(row: CheckpointRow): CheckpointView {
  return {
    id: row.id,
    border: row.border,
    name: { en: row.nameEn, ru: row.nameRu },
    russianSide: { name: { en: row.russianNameEn, ru: row.russianNameRu }, region: row.russianRegion },
    neighbourSide: { name: { en: row.neighbourNameEn, local: row.neighbourNameLocal }, region: row.neighbourRegion },
    lat: row.lat,
    lon: row.lon,
    coordinateQuality: row.coordinateQuality,
    modes: row.modes,
    access: row.access,
    status: row.status,
    capacityPerDay: row.capacityPerDay,
    note: row.note,
    sources: row.sources,
    estimates: [],
  };
}

export async function listCheckpoints(options: { prisma: PrismaClient; border?: BorderCode }): Promise<CheckpointView[]> {
  const rows = await options.prisma.checkpoint.findMany({
    omit: withoutTimestamps,
    where: options.border ? { border: options.border } : {},
    orderBy: [{ border: 'asc' }, { nameEn: 'asc' }],
  });
  return rows.map(toView);
}

export async function getCheckpoint(options: { prisma: PrismaClient; id: string }): Promise<CheckpointView> {
  const row = await options.prisma.checkpoint.findUnique({ omit: withoutTimestamps, where: { id: options.id } });
  if (!row) throw new AppError('not_found', `No checkpoint has the id "${options.id}".`, [{ path: 'id', message: 'unknown checkpoint id' }]);
  return toView(row);
}
