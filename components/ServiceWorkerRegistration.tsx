'use client';
// Registers the service worker (lib/offline) so the next visit opens with no
// connection. Only production builds have one; `npm run dev` registers nothing.
import { useEffect } from 'react';

export function ServiceWorkerRegistration() {
  useEffect(() => {
    if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return;
    // Its install downloads the app's files it does not have yet: on a weak link that waits until the
    // page has what it needs first (loaded, and the browser idle).
    const register = () => {
      // With no network the worker's script cannot be fetched: try once the browser is back online.
      if (!navigator.onLine) {
        window.addEventListener('online', register, { once: true });
        return;
      }
      // A browser that refuses (private mode, storage off) simply works online only.
      navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
    };
    const whenIdle = () => ('requestIdleCallback' in window ? window.requestIdleCallback(register, { timeout: 5_000 }) : setTimeout(register, 1_000));
    if (document.readyState === 'complete') whenIdle();
    else window.addEventListener('load', whenIdle, { once: true });
    return () => {
      window.removeEventListener('load', whenIdle);
      window.removeEventListener('online', register);
    };
  }, []);
  return null;
}
