'use client';
// Registers the service worker (lib/offline) so the next visit opens with no
// connection. Only production builds have one; `npm run dev` registers nothing.
import { useEffect } from 'react';

export function ServiceWorkerRegistration() {
  useEffect(() => {
    if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return;
    // A browser that refuses (private mode, storage off) simply works online only.
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
  }, []);
  return null;
}
