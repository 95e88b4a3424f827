// An estimate in a few words, the same everywhere it is shown (map, panel,
// watch list, /list): the number with its certainty, and the usual wait.
import type { UsualWait } from '../estimates/aggregates';
import type { Estimate } from '../estimates/types';
import { formatWait } from '../i18n/format';
import type { Language } from '../i18n/languages';
import { MESSAGES } from '../i18n/messages';
import type { Quality } from './wait-bands';

/** "3,5 ч", "≈ 14 ч" when unsure, "—" with no number. */
export function waitLabel(wait: number | null, quality: Quality, lang: Language): string {
  if (wait === null) return '—';
  const text = formatWait(wait, lang);
  return quality === 'unsure' ? `${MESSAGES[lang].unsureMark} ${text}` : text;
}

/** "Обычно в это время недели: 3–5 ч", or null without enough history. */
export function usualText(usual: UsualWait | undefined, lang: Language): string | null {
  if (!usual) return null;
  const range = usual.low === usual.high ? formatWait(usual.low, lang) : `${formatWait(usual.low, lang)} – ${formatWait(usual.high, lang)}`;
  return MESSAGES[lang].usual[usual.basis](range);
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
