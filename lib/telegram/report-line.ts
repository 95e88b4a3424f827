// "/report Ларс 4" in one line: a crossing's name and, last, the wait it states. People write the wait as they
// would say it ("4", "4,5", "4ч", "4 часа", "90 мин", "4h"): a unit after the number was read as part of the name,
// so "Ларс 4 ч" found no crossing, or asked again for the wait it had been told.

export interface ReportLine {
  /** What names the crossing, as typed. */
  name: string;
  /** The wait stated, in whole minutes, or null where none was. */
  waitMinutes: number | null;
}

const WAIT_AT_END = /^(.*?)\s*(\d+(?:[.,]\d+)?)\s*(ч|час|часа|часов|h|hr|hrs|hour|hours|м|мин|минут|минуты|min|mins|minute|minutes)?\.?$/iu;
const MINUTE_UNITS = new Set(['м', 'мин', 'минут', 'минуты', 'min', 'mins', 'minute', 'minutes']);

export function parseReportLine(text: string): ReportLine {
  const line = text.trim().replace(/\s+/g, ' ');
  const match = WAIT_AT_END.exec(line);
  const name = match?.[1]?.trim() ?? '';
  // A number alone is no crossing: "/report 4" names none.
  if (!match || name === '') return { name: line, waitMinutes: null };
  const value = Number(match[2]!.replace(',', '.'));
  const unit = match[3]?.toLowerCase();
  return { name, waitMinutes: Math.round(unit && MINUTE_UNITS.has(unit) ? value : value * 60) };
}
