// The checkpoint catalogue (prisma/catalogue/checkpoints.json): its schema,
// and the pure planning of how to bring the database in line with it.
import { z } from 'zod';
import { access, borderCode, checkpointStatus, coordinateQuality, mode } from './enums';
import { fieldErrorsFrom } from './errors';

const text = z.string().trim().min(1);
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM, 24-hour');
const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Europe/Moscow');

const catalogueEntry = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lowercase ASCII slug'),
  border: borderCode,
  name: z.strictObject({ en: text, ru: text }),
  russianSide: z.strictObject({ name: z.strictObject({ en: text, ru: text }), region: text }),
  neighbourSide: z.strictObject({ name: z.strictObject({ en: text, local: text }), region: text }),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  coordinateQuality,
  modes: z.array(mode).min(1),
  access,
  status2022: checkpointStatus,
  capacityPerDay: z.number().int().positive().optional(),
  /** Daily hours, local to the post, where it does not work round the clock (close before open: past midnight). */
  hours: z.strictObject({ open: clockTime, close: clockTime, timeZone }).optional(),
  note: z.string(),
  sources: z.array(z.string()),
});
export type CatalogueEntry = z.infer<typeof catalogueEntry>;

export const catalogueSchema = z
  .strictObject({
    version: z.literal(1),
    generated: z.string(),
    borders: z.array(z.strictObject({ code: borderCode, name: z.strictObject({ en: text, ru: text }) })),
    checkpoints: z.array(catalogueEntry).min(1),
  })
  .superRefine((catalogue, ctx) => {
    const seen = new Set<string>();
    catalogue.checkpoints.forEach((checkpoint, index) => {
      if (seen.has(checkpoint.id)) {
        ctx.addIssue({ code: 'custom', path: ['checkpoints', index, 'id'], message: `duplicate id "${checkpoint.id}"` });
      }
      seen.add(checkpoint.id);
    });
  });
export type Catalogue = z.infer<typeof catalogueSchema>;

export class CatalogueError extends Error {
  override name = 'CatalogueError';
}

/** Validates the parsed JSON of a catalogue file, naming every bad field. */
export function parseCatalogue(json: unknown): Catalogue {
  const result = catalogueSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = fieldErrorsFrom(result.error.issues).map((field) => `${field.path}: ${field.message}`);
  throw new CatalogueError(`Invalid checkpoint catalogue:\n  ${problems.join('\n  ')}`);
}

/** A coordinate quality as the database stores it: Prisma enum values cannot hold the catalogue's hyphen. */
export type StoredCoordinateQuality = 'checkpoint' | 'road_crossing' | 'settlement' | 'approximate';
type CoordinateQuality = z.infer<typeof coordinateQuality>;

export const storedQuality = (quality: CoordinateQuality): StoredCoordinateQuality =>
  quality === 'road-crossing' ? 'road_crossing' : quality;
export const catalogueQuality = (quality: StoredCoordinateQuality): CoordinateQuality =>
  quality === 'road_crossing' ? 'road-crossing' : quality;

/** A checkpoint as the database stores it (the columns the catalogue owns). */
export interface CheckpointRow {
  id: string;
  border: z.infer<typeof borderCode>;
  nameEn: string;
  nameRu: string;
  russianNameEn: string;
  russianNameRu: string;
  russianRegion: string;
  neighbourNameEn: string;
  neighbourNameLocal: string;
  neighbourRegion: string;
  lat: number;
  lon: number;
  coordinateQuality: StoredCoordinateQuality;
  modes: z.infer<typeof mode>[];
  access: z.infer<typeof access>;
  status: z.infer<typeof checkpointStatus>;
  capacityPerDay: number | null;
  hoursOpen: string | null;
  hoursClose: string | null;
  hoursTimeZone: string | null;
  note: string;
  sources: string[];
}

export function toCheckpointRow(entry: CatalogueEntry): CheckpointRow {
  return {
    id: entry.id,
    border: entry.border,
    nameEn: entry.name.en,
    nameRu: entry.name.ru,
    russianNameEn: entry.russianSide.name.en,
    russianNameRu: entry.russianSide.name.ru,
    russianRegion: entry.russianSide.region,
    neighbourNameEn: entry.neighbourSide.name.en,
    neighbourNameLocal: entry.neighbourSide.name.local,
    neighbourRegion: entry.neighbourSide.region,
    lat: entry.lat,
    lon: entry.lon,
    coordinateQuality: storedQuality(entry.coordinateQuality),
    modes: entry.modes,
    access: entry.access,
    status: entry.status2022,
    capacityPerDay: entry.capacityPerDay ?? null,
    hoursOpen: entry.hours?.open ?? null,
    hoursClose: entry.hours?.close ?? null,
    hoursTimeZone: entry.hours?.timeZone ?? null,
    note: entry.note,
    sources: entry.sources,
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => item === b[index]);
  }
  return a === b;
}

export function rowsDiffer(stored: CheckpointRow, wanted: CheckpointRow): boolean {
  const fields = Object.keys(wanted) as (keyof CheckpointRow)[];
  return fields.some((field) => !sameValue(stored[field], wanted[field]));
}

export interface CatalogueSyncPlan {
  create: CheckpointRow[];
  update: CheckpointRow[];
  unchanged: number;
}

/**
 * Decides which catalogue rows must be inserted and which updated. Rows in the
 * database that the catalogue no longer lists are left alone: ids are stable
 * forever and reports may refer to them.
 */
export function planCatalogueSync(stored: readonly CheckpointRow[], wanted: readonly CheckpointRow[]): CatalogueSyncPlan {
  const storedById = new Map(stored.map((row) => [row.id, row]));
  const plan: CatalogueSyncPlan = { create: [], update: [], unchanged: 0 };
  for (const row of wanted) {
    const current = storedById.get(row.id);
    if (!current) plan.create.push(row);
    else if (rowsDiffer(current, row)) plan.update.push(row);
    else plan.unchanged += 1;
  }
  return plan;
}
