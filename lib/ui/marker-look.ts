// What a marker says: the wait, how sure it is, and for a screen reader the
// same in words. Kept apart from the map so /list and tests can use it.
import type { Estimate } from '../estimates/types';
import { formatAgoShort, formatWait } from '../i18n/format';
import type { Language } from '../i18n/languages';
import { MESSAGES } from '../i18n/messages';
import { waitLabel } from './estimate-words';
import { bandOf, type BandId, type Quality } from './wait-bands';

export interface Look {
  /** The crossing's short name, written under the wait where there is room. */
  name: string;
  band: BandId;
  quality: Quality;
  label: string;
  age: string | null;
  description: string;
  muted: boolean;
}

export function markerLook(options: {
  name: string;
  /** The short name written on the marker (the Russian side's place). */
  shortName: string;
  wait: number | null;
  quality: Quality;
  closed: boolean;
  modeHere: boolean;
  estimate: Estimate | undefined;
  now: Date;
  lang: Language;
}): Look {
  const { wait, quality, lang } = options;
  const m = MESSAGES[lang];
  const age = quality === 'old' && options.estimate?.lastReportAt ? formatAgoShort(options.estimate.lastReportAt, options.now, lang) : null;
  const label = options.closed ? '✕' : waitLabel(wait, quality, lang);
  const state = options.closed
    ? m.status.closed
    : !options.modeHere
      ? m.modeNotHere
      : wait === null
        ? m.noRecentData
        : quality === 'old'
          ? `${m.oldEstimate(formatWait(wait, lang), age ?? '')} (${m.quality.old})`
          : quality === 'unsure'
            ? `${m.waitAbout(formatWait(wait, lang))} (${m.quality.unsure})`
            : m.waitAbout(formatWait(wait, lang));
  return { name: options.shortName, band: bandOf(wait).id, quality, label, age, description: `${options.name}: ${state}`, muted: !options.modeHere || options.closed };
}
