// The offline gazetteer as the browser holds it (sent by /api/gazetteer, made
// by gazetteer-cut.ts), and the search of a typed town in it. The search runs
// on the device: what a person types never leaves it.
import { latinOf, prefixEditDistance, skeleton } from './skeleton';

export const GAZETTEER_COUNTRIES = ['RU', 'FI', 'GE', 'KZ', 'MN'] as const;
export type GazetteerCountry = (typeof GAZETTEER_COUNTRIES)[number];

/** As sent: [Russian name, English name or 0 where it is the Russian spelled in Latin, lat × 100, lon × 100, country index]. */
export type SentPlace = [string, string | 0, number, number, number];

export interface Gazetteer {
  /** Largest first, so a search's first matches are the likeliest. */
  places: SentPlace[];
}

export interface Place {
  ru: string;
  en: string;
  lat: number;
  lon: number;
  country: GazetteerCountry;
}

/** The Russian name in Latin letters, capitalised as a name: for places sent without an English name. */
const latinName = (ru: string) => latinOf(ru).replace(/(^|[\s-])(\p{L})/gu, (_, lead: string, letter: string) => lead + letter.toUpperCase());

export function placeOf(sent: SentPlace): Place {
  const [ru, en, lat, lon, country] = sent;
  return { ru, en: en === 0 ? latinName(ru) : en, lat: lat / 100, lon: lon / 100, country: GAZETTEER_COUNTRIES[country] ?? 'RU' };
}

/** What a search compares: each place's names as skeletons, made once. */
export interface SearchIndex {
  places: Place[];
  keys: string[][];
}

export function indexPlaces(gazetteer: Gazetteer): SearchIndex {
  const places = gazetteer.places.map(placeOf);
  return { places, keys: places.map((place) => [...new Set([skeleton(place.ru), skeleton(place.en)])]) };
}

/**
 * Places whose name starts with what was typed, whatever the script or transliteration ("вишнев", "Vishnyovka"),
 * the largest first; then those where it starts a later word ("петербург"). At most `limit`.
 */
export function searchPlaces(index: SearchIndex, query: string, limit = 8): Place[] {
  const wanted = skeleton(query);
  if (wanted.length < 2) return [];
  const first: Place[] = nicknamed(index, wanted);
  const later: Place[] = [];
  for (let i = 0; i < index.places.length && first.length < limit; i += 1) {
    const keys = index.keys[i]!;
    const place = index.places[i]!;
    if (keys.some((key) => key.startsWith(wanted))) {
      if (!first.includes(place)) first.push(place);
    } else if (later.length < limit && !first.includes(place) && wordStarts(place, wanted)) later.push(place);
  }
  return [...first, ...later].slice(0, limit);
}

/**
 * What people call the largest cities (as skeletons): "Питер" is Saint Petersburg to anyone leaving it for Finland,
 * not the village Питерка the names alone would find first, which would rank the crossings from the Volga.
 */
const NICKNAMES: Record<string, string> = {
  piter: 'Санкт-Петербург',
  spb: 'Санкт-Петербург',
  leningrad: 'Санкт-Петербург',
  msk: 'Москва',
  ekb: 'Екатеринбург',
  eburg: 'Екатеринбург',
  nsk: 'Новосибирск',
};

/**
 * The places whose nickname was typed, in full or but for its last letter, before any named so: "Лен" is on its
 * way to Ленинск as often as to Ленинград, and must not put Saint Petersburg first.
 */
function nicknamed(index: SearchIndex, wanted: string): Place[] {
  if (wanted.length < 3) return [];
  const names = new Set(
    Object.entries(NICKNAMES)
      .filter(([nickname]) => nickname.startsWith(wanted) && wanted.length >= nickname.length - 1)
      .map(([, name]) => name),
  );
  const out: Place[] = [];
  for (const name of names) {
    // Largest first: the first place of that name is the city.
    const place = index.places.find((candidate) => candidate.ru === name);
    if (place) out.push(place);
  }
  return out;
}

function wordStarts(place: Place, wanted: string): boolean {
  return [place.ru, place.en].some((name) => name.split(/[\s-]+/).slice(1).some((word) => skeleton(word).startsWith(wanted)));
}

/** Letters a name may be off by for `similarPlaces`: none under four (too many towns are one letter from "Уфо"), one up to seven, then two. */
function typosAllowed(length: number): number {
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}

/**
 * What was meant when nothing starts with what was typed: a person in a hurry on a phone's keyboard types
 * "Волгогад" or "Новосибириск". Places whose name starts within a letter or two of it (`typosAllowed`), the
 * closest first, then the largest. At most `limit`; none for a short query.
 */
export function similarPlaces(index: SearchIndex, query: string, limit = 8): Place[] {
  const wanted = skeleton(query);
  const max = typosAllowed(wanted.length);
  if (max === 0) return [];
  const hits: { distance: number; at: number }[] = [];
  for (let i = 0; i < index.places.length; i += 1) {
    let distance = max + 1;
    for (const key of index.keys[i]!) distance = Math.min(distance, prefixEditDistance(wanted, key, max));
    if (distance <= max) hits.push({ distance, at: i });
  }
  // Places are largest first: the index breaks a tie of distance by size.
  hits.sort((a, b) => a.distance - b.distance || a.at - b.at);
  return hits.slice(0, limit).map((hit) => index.places[hit.at]!);
}
