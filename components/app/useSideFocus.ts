'use client';
// Where the keyboard and a screen reader are when the side (a crossing's panel, the planner, the watch list) opens
// and closes. Opened by the person, its heading takes the focus, so that what is read next is the panel and not the
// rest of the page behind it; closed, the focus goes back to what opened it; Escape closes it. A page that opens
// with a panel (a shared link) leaves the focus where the browser puts it.
import { useEffect, useRef } from 'react';

const HEADING = '#side h2';

export function useSideFocus(shown: string | null, close: () => void): void {
  const before = useRef(shown);
  const opener = useRef<HTMLElement | null>(null);
  const closeSide = useRef(close);
  useEffect(() => {
    closeSide.current = close;
  }, [close]);

  useEffect(() => {
    const was = before.current;
    before.current = shown;
    if (shown === was) return;
    if (shown === null) {
      const back = opener.current;
      opener.current = null;
      if (back?.isConnected) back.focus({ preventScroll: true });
      return;
    }
    // One panel after another (a crossing from the planner's list): Escape still returns to the first opener.
    if (was === null) opener.current = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    const focusHeading = () => {
      const heading = document.querySelector<HTMLElement>(HEADING);
      heading?.focus({ preventScroll: true });
      return heading !== null;
    };
    const side = document.getElementById('side');
    if (focusHeading() || !side) return;
    // The side's code may still be on its way: its heading takes the focus once it is there.
    const observer = new MutationObserver(() => {
      if (focusHeading()) observer.disconnect();
    });
    observer.observe(side, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [shown]);

  useEffect(() => {
    if (shown === null) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) closeSide.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [shown]);
}
