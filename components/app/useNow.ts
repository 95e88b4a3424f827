'use client';
import { useEffect, useState } from 'react';

/**
 * The current time, ticking every `everyMs`. It starts at the server's render
 * time so the first browser render matches the server's HTML.
 */
export function useNow(renderedAt: string, everyMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date(renderedAt));
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
