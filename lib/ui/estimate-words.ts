// An estimate in a few words, the same everywhere it is shown (map, panel,
// watch list, /list): the number with its certainty, and the usual wait.
import type { UsualWait } from '../estimates/aggregates';
import type { Estimate } from '../estimates/types';
import type { Direction, Mode } from '../enums';
import { formatAgoShort, formatWait } from '../i18n/format';
import type { Language } from '../i18n/languages';
import { MESSAGES } from '../i18n/messages';
import type { Quality } from './wait-bands';

/** "3,5 ч", "≈ 14 ч" when unsure, "—" with no number. */
export function waitLabel(wait: number | null, quality: Quality, lang: Language): string {
  if (wait === null) return '—';
  const text = formatWait(wait, lang);
  return quality === 'unsure' ? `${MESSAGES[lang].unsureMark} ${text}` : text;
}

/** "Пропускают около 10 машин в час (по сообщениям)", or null when only a prior's guess says it (no news). */
export function throughputText(estimate: Pick<Estimate, 'throughputPerHour' | 'throughputSource'> | undefined, mode: Mode, lang: Language): string | null {
  if (!estimate || estimate.throughputPerHour === null || !estimate.throughputSource || estimate.throughputSource === 'default') return null;
  const m = MESSAGES[lang];
  return `${m.throughput(m.vehicles(estimate.throughputPerHour, mode))} (${m.throughputSource[estimate.throughputSource]})`;
}

type RateFields = Pick<Estimate, 'waitMinutes' | 'throughputPerHour' | 'throughputSource'>;

/** Only "N let through" said lately: no wait, but how fast the post lets people through, from someone there. */
export function onlyRate(estimate: RateFields | undefined): estimate is RateFields & { throughputPerHour: number } {
  return !!estimate && estimate.waitMinutes === null && estimate.throughputSource === 'reports' && estimate.throughputPerHour !== null;
}

/** Where there is no wait: "ожидание пока неизвестно; пропускают около 10 машин в час" for `onlyRate`, else "нет свежих данных". */
export function noWaitText(estimate: (RateFields & Pick<Estimate, 'mode'>) | undefined, lang: Language): string {
  const m = MESSAGES[lang];
  return onlyRate(estimate) ? m.waitUnknownRate(m.vehicles(estimate.throughputPerHour, estimate.mode)) : m.noRecentData;
}

/**
 * A live number stands on reports at least this old before its pill says how old: at a crossing with a report or two
 * an hour, an hour or two is the normal gap, and after three a pill under "waits now" is easy to read as this hour's.
 */
export const AGE_SHOWN_AFTER_MS = 3 * 3_600_000;

/**
 * "13 ч назад" beside an old number (never passed off as now), and beside a live one whose newest report is three
 * hours old or more; null otherwise, and with no number.
 */
export function shownAge(estimate: Pick<Estimate, 'lastReportAt'> | undefined, quality: Quality, now: Date, lang: Language): string | null {
  if (!estimate?.lastReportAt) return null;
  if (quality !== 'old' && now.getTime() - Date.parse(estimate.lastReportAt) < AGE_SHOWN_AFTER_MS) return null;
  return formatAgoShort(estimate.lastReportAt, now, lang);
}

type Way = { direction: Direction; mode: Mode };
const ofWay = <T extends Way>(items: readonly T[], key: Way): T | undefined => items.find((item) => item.direction === key.direction && item.mode === key.mode);

/** A checkpoint's usual wait for one direction × mode, if its history has one. */
export const usualFor = (usual: readonly UsualWait[], key: Way): UsualWait | undefined => ofWay(usual, key);

/** A checkpoint's estimate for one direction × mode, if anyone has reported it. */
export const estimateFor = <E extends Way>(estimates: readonly E[], key: Way): E | undefined => ofWay(estimates, key);

/** Whether a live number stands on thin evidence (low confidence: one phone, or reports that disagree), as its hollow pill says. */
export const onThinEvidence = (estimate: Pick<Estimate, 'confidence' | 'stale'> | undefined): boolean => !!estimate && !estimate.stale && estimate.confidence === 'low';

/** "Обычно в это время недели: 3–5 ч", or null without enough history. */
export function usualText(usual: UsualWait | undefined, lang: Language): string | null {
  if (!usual) return null;
  const range = usual.low === usual.high ? formatWait(usual.low, lang) : `${formatWait(usual.low, lang)} – ${formatWait(usual.high, lang)}`;
  return MESSAGES[lang].usual[usual.basis](range);
}
