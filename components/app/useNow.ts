'use client';
import { useEffect, useState } from 'react';
import { onServerClock, serverNow } from './server-clock';

/**
 * The current time on the server's clock (components/app/server-clock.ts), ticking every `everyMs` and when the
 * clock is measured. It starts at the server's render time so the first browser render matches the server's HTML.
 */
export function useNow(renderedAt: string, everyMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date(renderedAt));
  useEffect(() => {
    const tick = () => setNow(serverNow());
    tick();
    const timer = setInterval(tick, everyMs);
    const stop = onServerClock(tick);
    return () => {
      clearInterval(timer);
      stop();
    };
  }, [everyMs]);
  return now;
}
