// A post's opening hours in words, the same wherever they are shown (the panel, /list, the planner, the bot), on
// the post's own clock and saying whose. Its own module: the first scripts of a page show no hours, and the
// estimator's time zones (opening-hours.ts) are not sent with them.
import { offsetAt, type OpeningHours } from '../estimates/opening-hours';
import type { Estimate } from '../estimates/types';
import { formatPostClock } from '../i18n/format';
import type { Language } from '../i18n/languages';
import { MESSAGES } from '../i18n/messages';

/**
 * Whose clock a post's hours are on: "по московскому времени", "по финскому времени", or for a zone the messages do
 * not name, its offset at `at` ("по времени UTC+5", "UTC−3:30"). A phone near a border may already show the other
 * country's time, and a Russian and a Finnish post an hour apart each say "local time".
 */
export function postZone(timeZone: string, lang: Language, at: Date = new Date()): string {
  const m = MESSAGES[lang];
  const named = m.postZones[timeZone];
  if (named) return named;
  // The estimator's own offsets (its wall clock, not Intl's `longOffset`, which Safari 15.0–15.3 lack).
  const minutes = Math.round(offsetAt(timeZone, at.getTime()) / 60_000);
  const size = Math.abs(minutes);
  const offset = minutes === 0 ? 'UTC' : `UTC${minutes > 0 ? '+' : '−'}${Math.floor(size / 60)}${size % 60 ? `:${String(size % 60).padStart(2, '0')}` : ''}`;
  return m.postZoneOffset(offset);
}

/**
 * At a post that is open now and shuts later: its closing time (ISO) when the estimate's band runs from before
 * it to past it, so whoever joins now may get through tonight or wait the night; else null.
 */
export function closingAtStake(estimate: Pick<Estimate, 'closesAt' | 'low' | 'high' | 'updatedAt' | 'stale'> | undefined): string | null {
  if (!estimate?.closesAt || estimate.stale || estimate.low === null || estimate.high === null) return null;
  const from = Date.parse(estimate.updatedAt);
  const closes = Date.parse(estimate.closesAt);
  return from + estimate.low * 60_000 < closes && from + estimate.high * 60_000 > closes ? estimate.closesAt : null;
}

/** A post's hours in words ("Работает 08:00–22:00 по московскому времени"), or while it is shut when it opens; null round the clock. */
export function hoursText(hours: OpeningHours | null, estimate: Pick<Estimate, 'opensAt'> | undefined, lang: Language): string | null {
  if (!hours) return null;
  const m = MESSAGES[lang];
  const zone = postZone(hours.timeZone, lang);
  return estimate?.opensAt ? m.shutUntil(formatPostClock(estimate.opensAt, hours.timeZone, lang), zone) : m.openingHours(hours.open, hours.close, zone);
}

/** "Закрывается в 22:00 по московскому времени: можно не успеть, и тогда ждать до утра" when the band runs from before closing into the night. */
export function closingText(hours: OpeningHours | null, estimate: Parameters<typeof closingAtStake>[0], lang: Language): string | null {
  const closes = hours ? closingAtStake(estimate) : null;
  return closes && hours ? MESSAGES[lang].mayNotMakeIt(formatPostClock(closes, hours.timeZone, lang), postZone(hours.timeZone, lang)) : null;
}
