// Reading checkpoints for the API and the pages.
import type { PrismaClient } from '../generated/prisma/client';
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

const checkpointColumns = {
  id: true,
  border: true,
  nameEn: true,
  nameRu: true,
  russianNameEn: true,
  russianNameRu: true,
  russianRegion: true,
  neighbourNameEn: true,
  neighbourNameLocal: true,
  neighbourRegion: true,
  lat: true,
  lon: true,
  coordinateQuality: true,
  modes: true,
  access: true,
  status: true,
  capacityPerDay: true,
  note: true,
  sources: true,
} as const;

type CheckpointRecord = Awaited<ReturnType<typeof findCheckpoints>>[number];

function findCheckpoints(prisma: PrismaClient, border?: BorderCode) {
  return prisma.checkpoint.findMany({
    select: checkpointColumns,
    where: border ? { border } : {},
    orderBy: [{ border: 'asc' }, { nameEn: 'asc' }],
  });
}

function toView(row: CheckpointRecord): CheckpointView {
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
  const rows = await findCheckpoints(options.prisma, options.border);
  return rows.map(toView);
}

export async function getCheckpoint(options: { prisma: PrismaClient; id: string }): Promise<CheckpointView> {
  const row = await options.prisma.checkpoint.findUnique({ select: checkpointColumns, where: { id: options.id } });
  if (!row) throw new AppError('not_found', `No checkpoint has the id "${options.id}".`, [{ path: 'id', message: 'unknown checkpoint id' }]);
  return toView(row);
}
