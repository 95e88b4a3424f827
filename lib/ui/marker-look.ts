// What a marker says: the wait, how sure it is, and for a screen reader the
// same in words. Kept apart from the map so /list and tests can use it.
import type { Estimate } from '../estimates/types';
import { liveSignals, type CrowdSignal } from '../estimates/signals';
import { formatWait } from '../i18n/format';
import type { Language } from '../i18n/languages';
import { MESSAGES } from '../i18n/messages';
import { noWaitText, shownAge, waitLabel } from './estimate-words';
import { bandOf, type BandId, type Quality } from './wait-bands';

export interface Look {
  /** The crossing's short name, written under the wait where there is room. */
  name: string;
  band: BandId;
  quality: Quality;
  label: string;
  age: string | null;
  /** What the crowd confirmed in one tap, in a word each ("закрыт · стоит"), or null. */
  signal: string | null;
  description: string;
  muted: boolean;
}

/** "в очереди говорят: пункт закрыт, …" for the live signals, or null: what a list row or a screen reader says. */
export function crowdWords(signals: readonly CrowdSignal[], lang: Language): string | null {
  const m = MESSAGES[lang];
  return signals.length > 0 ? m.crowdSays(signals.map((signal) => m.signals[signal.kind].long).join(', ')) : null;
}

/** What the queue says of this estimate now, in words, or null: the line under a crossing wherever it is named. */
export function crowdSaysOf(estimate: Estimate | undefined, now: Date, lang: Language): string | null {
  return crowdWords(liveSignals(estimate, now), lang);
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
  const age = shownAge(options.estimate, quality, options.now, lang);
  const label = options.closed ? '✕' : waitLabel(wait, quality, lang);
  const state = options.closed
    ? m.status.closed
    : !options.modeHere
      ? m.modeNotHere
      : wait === null
        ? noWaitText(options.estimate, lang)
        : quality === 'old'
          ? `${m.oldEstimate(formatWait(wait, lang), age ?? '')} (${m.quality.old})`
          : `${m.waitAbout(formatWait(wait, lang))}${quality === 'unsure' ? ` (${m.quality.unsure})` : ''}${age ? `, ${m.lastReport(age)}` : ''}`;
  const said = options.modeHere ? liveSignals(options.estimate, options.now) : [];
  const signal = said.length > 0 ? said.map((s) => m.signals[s.kind].short).join(' · ') : null;
  const words = crowdWords(said, lang);
  return { name: options.shortName, band: bandOf(wait).id, quality, label, age, signal, description: `${options.name}: ${state}${words ? `; ${words}` : ''}`, muted: !options.modeHere || options.closed };
}
