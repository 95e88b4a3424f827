// "/report Ларс 4" in one line: a crossing's name and, last, what the queue is. People write it as they would say
// it: a wait ("4", "4,5", "4ч", "4 часа", "90 мин", "4h"), the cars ahead ("500 машин", "300 cars") or the queue's
// length ("3 км", "3 km"). A unit after the number was read as part of the name, so "Ларс 4 ч" found no crossing.
import type { Mode } from '../enums';

/** One of a report's fields (lib/reports/input.ts): the server's schema still judges its value. */
export type ReportLineFields = { waitMinutes: number } | { queueVehicles: number } | { queueKm: number };

export interface ReportLine {
  /** What names the crossing, as typed. */
  name: string;
  /** What the line says of the queue, as a report's fields, or null where it says nothing. */
  said: ReportLineFields | null;
  /** The mode the words name ("40 фур" are trucks), where they name one; else the line is of cars. */
  mode?: Mode;
}

const AT_END = /^(.*?)\s*(\d+(?:[.,]\d+)?)\s*([\p{L}]+)?\.?$/u;
const HOURS = new Set(['ч', 'час', 'часа', 'часов', 'h', 'hr', 'hrs', 'hour', 'hours']);
const MINUTES = new Set(['м', 'мин', 'минут', 'минуты', 'min', 'mins', 'minute', 'minutes']);
const VEHICLES = new Set(['машин', 'машины', 'машина', 'авто', 'cars', 'car', 'vehicles']);
/** Counted in what the queue is made of: the count says the mode too. */
const COUNTED_AS: Record<string, Mode> = {
  фур: 'truck', фуры: 'truck', фура: 'truck', грузовиков: 'truck', trucks: 'truck',
  автобусов: 'bus', автобуса: 'bus', buses: 'bus',
  человек: 'pedestrian', чел: 'pedestrian', people: 'pedestrian',
};
const KM = new Set(['км', 'km']);

export function parseReportLine(text: string): ReportLine {
  const line = text.trim().replace(/\s+/g, ' ');
  const match = AT_END.exec(line);
  const name = match?.[1]?.trim() ?? '';
  // A number alone is no crossing: "/report 4" names none.
  if (!match || name === '') return { name: line, said: null };
  const value = Number(match[2]!.replace(',', '.'));
  const unit = match[3]?.toLowerCase();
  if (unit === undefined || HOURS.has(unit)) return { name, said: { waitMinutes: Math.round(value * 60) } };
  if (MINUTES.has(unit)) return { name, said: { waitMinutes: Math.round(value) } };
  if (VEHICLES.has(unit)) return { name, said: { queueVehicles: Math.round(value) } };
  const mode = COUNTED_AS[unit];
  if (mode) return { name, said: { queueVehicles: Math.round(value) }, mode };
  if (KM.has(unit)) return { name, said: { queueKm: value } };
  // A word the line does not know after the number: it is part of the name ("Пункт 2 Южный", were there one).
  return { name: line, said: null };
}
