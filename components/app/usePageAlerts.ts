'use client';
// Messages on the page itself (an alert that fired, a report refused after it had waited): at most three at once,
// each gone after a while or when dismissed, so a phone without notifications still hears them.
import { useCallback, useRef, useState } from 'react';

const PAGE_ALERT_MS = 20_000;

export interface PageAlert {
  id: number;
  text: string;
}

export function usePageAlerts(): { alerts: PageAlert[]; notify: (text: string) => void; dismiss: (id: number) => void } {
  const [alerts, setAlerts] = useState<PageAlert[]>([]);
  const seq = useRef(0);
  const dismiss = useCallback((id: number) => setAlerts((current) => current.filter((alert) => alert.id !== id)), []);
  const notify = useCallback(
    (text: string) => {
      const id = (seq.current += 1);
      setAlerts((current) => [...current.slice(-2), { id, text }]);
      setTimeout(() => dismiss(id), PAGE_ALERT_MS);
    },
    [dismiss],
  );
  return { alerts, notify, dismiss };
}
