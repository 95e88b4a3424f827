import { describe, expect, it } from 'vitest';
import { catalogueQuality, parseCatalogue, planCatalogueSync, rowsDiffer, toCheckpointRow, CatalogueError, type CheckpointRow } from '../../lib/catalogue';
import { readCatalogue } from '../../prisma/seed';

const entry = {
  id: 'verkhny-lars',
  border: 'GE',
  name: { en: 'Verkhny Lars – Dariali', ru: 'Верхний Ларс – Дарьяли' },
  russianSide: { name: { en: 'Verkhny Lars', ru: 'Верхний Ларс' }, region: 'North Ossetia' },
  neighbourSide: { name: { en: 'Dariali', local: 'დარიალი' }, region: 'Mtskheta-Mtianeti' },
  lat: 42.7681,
  lon: 44.6311,
  coordinateQuality: 'checkpoint',
  modes: ['car', 'truck', 'bus'],
  access: 'multilateral',
  status2022: 'open',
  capacityPerDay: 2000,
  note: 'Upper Lars.',
  sources: ['https://example.org/lars'],
};

const catalogueWith = (...checkpoints: unknown[]) => ({
  version: 1,
  generated: '2026-11-25',
  borders: [{ code: 'GE', name: { en: 'Georgia', ru: 'Грузия' } }],
  checkpoints,
});

describe('the shipped catalogue', () => {
  it('parses and holds the 46 crossings of the four borders', async () => {
    const catalogue = await readCatalogue();
    const counts: Record<string, number> = {};
    for (const checkpoint of catalogue.checkpoints) counts[checkpoint.border] = (counts[checkpoint.border] ?? 0) + 1;
    expect(catalogue.checkpoints).toHaveLength(46);
    expect(counts).toEqual({
      FI: 9,
      GE: 1,
      KZ: 28,
      MN: 8,
    });
  });
});

describe('parseCatalogue', () => {
  it('accepts a valid entry', () => {
    expect(parseCatalogue(catalogueWith(entry)).checkpoints[0]!.id).toBe('verkhny-lars');
  });

  it('names the field of an invalid entry', () => {
    expect(() => parseCatalogue(catalogueWith({ ...entry, modes: ['car', 'boat'] }))).toThrow(CatalogueError);
    expect(() => parseCatalogue(catalogueWith({ ...entry, modes: ['car', 'boat'] }))).toThrow(/checkpoints\.0\.modes\.1/);
    expect(() => parseCatalogue(catalogueWith({ ...entry, lat: 142 }))).toThrow(/checkpoints\.0\.lat/);
    expect(() => parseCatalogue(catalogueWith({ ...entry, id: 'Upper Lars' }))).toThrow(/checkpoints\.0\.id/);
  });

  it('refuses unknown fields and duplicate ids', () => {
    expect(() => parseCatalogue(catalogueWith({ ...entry, colour: 'red' }))).toThrow(/checkpoints\.0\.colour: is not a known field/);
    expect(() => parseCatalogue(catalogueWith(entry, entry))).toThrow(/checkpoints\.1\.id: duplicate id "verkhny-lars"/);
  });
});

describe('toCheckpointRow', () => {
  it('flattens names and sides and maps status2022 to status', () => {
    const row = toCheckpointRow(parseCatalogue(catalogueWith(entry)).checkpoints[0]!);
    expect(row).toMatchObject({
      nameRu: 'Верхний Ларс – Дарьяли',
      russianNameEn: 'Verkhny Lars',
      neighbourNameLocal: 'დარიალი',
      status: 'open',
      capacityPerDay: 2000,
    });
    const { capacityPerDay: _, ...withoutCapacity } = entry;
    expect(toCheckpointRow(parseCatalogue(catalogueWith(withoutCapacity)).checkpoints[0]!).capacityPerDay).toBeNull();
  });

  it('stores the catalogue\'s "road-crossing" as road_crossing and reads it back as it was spelt', () => {
    const row = toCheckpointRow(parseCatalogue(catalogueWith({ ...entry, coordinateQuality: 'road-crossing' })).checkpoints[0]!);
    expect(row.coordinateQuality).toBe('road_crossing');
    expect(catalogueQuality(row.coordinateQuality)).toBe('road-crossing');
    expect(catalogueQuality(toCheckpointRow(parseCatalogue(catalogueWith(entry)).checkpoints[0]!).coordinateQuality)).toBe('checkpoint');
  });
});

describe('planCatalogueSync', () => {
  const row = toCheckpointRow(parseCatalogue(catalogueWith(entry)).checkpoints[0]!);
  const other: CheckpointRow = { ...row, id: 'kyakhta', border: 'MN' };

  it('creates what is missing, updates what changed, counts the rest', () => {
    const changed: CheckpointRow = { ...other, note: 'new note' };
    const plan = planCatalogueSync([row, other], [row, changed, { ...row, id: 'new-one' }]);
    expect(plan.create.map((r) => r.id)).toEqual(['new-one']);
    expect(plan.update).toEqual([changed]);
    expect(plan.unchanged).toBe(1);
  });

  it('leaves rows the catalogue no longer lists alone', () => {
    expect(planCatalogueSync([row, other], [row])).toEqual({ create: [], update: [], unchanged: 1 });
  });

  it('sees a change inside an array and ignores equal copies', () => {
    expect(rowsDiffer(row, { ...row, modes: [...row.modes] })).toBe(false);
    expect(rowsDiffer(row, { ...row, modes: ['car', 'bus', 'truck'] })).toBe(true);
    expect(rowsDiffer(row, { ...row, sources: [] })).toBe(true);
    expect(rowsDiffer(row, { ...row, capacityPerDay: null })).toBe(true);
  });
});
