'use client';
// The estimates the page shows: those of its first response, then each newer version as it arrives (from the
// live connection, a checkpoint's details or a report's acknowledgement), and the watch list's alerts fired as a
// live wait crosses below a threshold.
import { useCallback, useRef, useState } from 'react';
import type { CheckpointSummary } from '../../lib/checkpoints';
import type { Estimate } from '../../lib/estimates/types';
import { formatWait } from '../../lib/i18n/format';
import type { Language } from '../../lib/i18n/languages';
import { MESSAGES } from '../../lib/i18n/messages';
import { mergeEstimates, type EstimateMap } from '../../lib/ui/estimate-store';
import { alertsToFire, type Alert, type WatchEntry } from '../../lib/ui/watch-list';

export function useLiveEstimates(options: {
  /** The checkpoints of the first response, with their estimates. */
  initial: readonly CheckpointSummary[];
  byId: ReadonlyMap<string, CheckpointSummary>;
  watchList: readonly WatchEntry[];
  lang: Language;
  notify: (text: string) => void;
}): { estimates: EstimateMap; apply: (incoming: Estimate[]) => void; restore: (restored: Estimate[]) => void } {
  const [estimates, setEstimates] = useState<EstimateMap>(() => mergeEstimates({}, options.initial.flatMap((c) => c.estimates)));
  // Read when estimates arrive, not when the callbacks were made: a callback stays the same across renders.
  const estimatesRef = useRef(estimates);
  const watchRef = useRef(options.watchList);
  watchRef.current = options.watchList;
  const langRef = useRef(options.lang);
  langRef.current = options.lang;
  const { byId, notify } = options;

  const fireAlerts = useCallback(
    (alerts: Alert[]) => {
      for (const alert of alerts) {
        const checkpoint = byId.get(alert.entry.id);
        if (!checkpoint) continue;
        const text = MESSAGES[langRef.current];
        const title = text.alert.title(checkpoint.name[langRef.current]);
        const body = `${text.alert.body(formatWait(alert.waitMinutes, langRef.current), String(alert.entry.alertBelowHours))}${alert.unsure ? ` (${text.quality.unsure})` : ''}`;
        if (typeof Notification !== 'undefined' && Notification.permission === 'granted') new Notification(title, { body, tag: alert.entry.id });
        notify(`${title}: ${body}`);
      }
    },
    [byId, notify],
  );

  const apply = useCallback(
    (incoming: Estimate[]) => {
      const before = estimatesRef.current;
      const after = mergeEstimates(before, incoming);
      if (after === before) return;
      estimatesRef.current = after;
      setEstimates(after);
      fireAlerts(alertsToFire(watchRef.current, before, after));
    },
    [fireAlerts],
  );

  /** The offline copy's estimates, merged in: not news, so they fire no alert. */
  const restore = useCallback((restored: Estimate[]) => {
    const after = mergeEstimates(estimatesRef.current, restored);
    estimatesRef.current = after;
    setEstimates(after);
  }, []);

  return { estimates, apply, restore };
}
