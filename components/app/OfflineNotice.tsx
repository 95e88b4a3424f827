'use client';
// Said whenever the page cannot reach Kordon: the numbers on screen are a
// copy, and this is how old the oldest of them is.
import { formatClock, formatDayClock } from '../../lib/i18n/format';
import type { Language } from '../../lib/i18n/languages';
import { MESSAGES } from '../../lib/i18n/messages';
import { onPhoneClock } from './server-clock';

export function OfflineNotice(props: { asOf: string; now: Date; lang: Language }) {
  // A time of day, set beside the phone's own clock.
  const asOf = onPhoneClock(props.asOf);
  const sameDay = asOf.toDateString() === onPhoneClock(props.now).toDateString();
  return (
    <p className="offline-notice" role="status" data-as-of={props.asOf}>
      {MESSAGES[props.lang].offlineAsOf(sameDay ? formatClock(asOf, props.lang) : formatDayClock(asOf, props.lang))}
    </p>
  );
}
