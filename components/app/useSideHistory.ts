'use client';
// Which sheet is open beside the map (the planner, the watch list), kept in the browser's history: a phone's back
// gesture closes the sheet, as it closes a crossing's panel, instead of leaving Kordon with the start typed in it.
// A crossing opened from the planner's ranking goes back to the planner.
import { useCallback, useEffect, useState } from 'react';

type Side = 'watch' | 'trip';

const KEY = 'kordonSide';

const sideIn = (state: unknown): Side | null => {
  const value = state && typeof state === 'object' ? (state as Record<string, unknown>)[KEY] : null;
  return value === 'watch' || value === 'trip' ? value : null;
};

/** The open sheet, and a way to change it that adds one history entry when a sheet opens and goes back to close it. */
export function useSideHistory(): [Side | null, (next: Side | null) => void] {
  const [side, setSide] = useState<Side | null>(null);

  useEffect(() => {
    // A reload keeps the entry's state: the sheet comes back with it.
    setSide(sideIn(window.history.state));
    const onPop = (event: PopStateEvent) => setSide(sideIn(event.state));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const change = useCallback((next: Side | null) => {
    const current = sideIn(window.history.state);
    if (next === null) {
      // The entry this sheet added: leaving it closes the sheet (popstate), so back does not open it again.
      if (current) window.history.back();
      else setSide(null);
      return;
    }
    // Next.js's router copies its own state into what is pushed; the address stays as it is.
    if (current) window.history.replaceState({ ...(window.history.state as object), [KEY]: next }, '');
    else window.history.pushState({ [KEY]: next }, '');
    setSide(next);
  }, []);

  return [side, change];
}
