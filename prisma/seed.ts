// Loads the checkpoint catalogue into the database. Runs at every start-up:
// ids are stable, so it inserts what is new, updates what changed and leaves
// the rest untouched (their updatedAt stays as it was).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { PrismaClient } from '../generated/prisma/client';
import { parseCatalogue, planCatalogueSync, toCheckpointRow, type Catalogue } from '../lib/catalogue';

export const CATALOGUE_PATH = fileURLToPath(new URL('./catalogue/checkpoints.json', import.meta.url));

export async function readCatalogue(path = CATALOGUE_PATH): Promise<Catalogue> {
  const json: unknown = JSON.parse(await readFile(path, 'utf8'));
  return parseCatalogue(json);
}

export interface CatalogueSyncResult {
  created: number;
  updated: number;
  unchanged: number;
}

export async function syncCatalogue(options: { prisma: PrismaClient; catalogue: Catalogue }): Promise<CatalogueSyncResult> {
  const { prisma, catalogue } = options;
  const wanted = catalogue.checkpoints.map(toCheckpointRow);
  const stored = await prisma.checkpoint.findMany({
    where: { id: { in: wanted.map((row) => row.id) } },
    omit: { createdAt: true, updatedAt: true },
  });
  const plan = planCatalogueSync(stored, wanted);
  if (plan.create.length + plan.update.length > 0) {
    await prisma.$transaction([
      // skipDuplicates: another node starting at the same moment may insert first.
      prisma.checkpoint.createMany({ data: plan.create, skipDuplicates: true }),
      ...plan.update.map(({ id, ...data }) => prisma.checkpoint.update({ where: { id }, data })),
    ]);
  }
  return { created: plan.create.length, updated: plan.update.length, unchanged: plan.unchanged };
}
