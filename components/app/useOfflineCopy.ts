'use client';
// Keeps the offline copy (lib/ui/offline-copy.ts): while live it records
// which checkpoints are current and saves the estimates; opened without a
// connection, the page takes back what the copy holds that its HTML lacks.
import { useEffect, useRef, useState } from 'react';
import type { Estimate } from '../../lib/estimates/types';
import type { EstimateMap } from '../../lib/ui/estimate-store';
import { confirm, encodeOfflineCopy, newestConfirmations, OFFLINE_COPY_KEY, parseOfflineCopy } from '../../lib/ui/offline-copy';
import { serverNow } from './server-clock';

/** How often a live page refreshes its copy; leaving live and hiding the page save at once too. */
const SAVE_EVERY_MS = 10_000;

export function useOfflineCopy(options: {
  live: boolean;
  /** The connection failed or was lost: what is on screen may be old. */
  cutOff: boolean;
  estimates: EstimateMap;
  /** Checkpoints the live subscription covers now. */
  covered: readonly string[];
  /** Takes older-session estimates in without treating them as news (no alerts). */
  onRestore: (estimates: Estimate[]) => void;
}): Readonly<Record<string, string>> {
  const [confirmedAt, setConfirmedAt] = useState<Readonly<Record<string, string>>>({});
  const confirmed = useRef<Readonly<Record<string, string>>>({});
  const latest = useRef(options);
  latest.current = options;
  const everLive = useRef(false);
  const restored = useRef(false);

  useEffect(() => {
    if (!options.live) return;
    everLive.current = true;
    const save = () => {
      confirmed.current = confirm(confirmed.current, latest.current.covered, serverNow());
      try {
        window.localStorage.setItem(OFFLINE_COPY_KEY, encodeOfflineCopy(latest.current.estimates, confirmed.current));
      } catch {
        // Storage refused: the page just cannot open offline with these numbers.
      }
    };
    save();
    const timer = setInterval(save, SAVE_EVERY_MS);
    const onHidden = () => document.visibilityState === 'hidden' && save();
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', save);
    return () => {
      // Leaving live: what is on screen was current until this moment.
      save();
      setConfirmedAt(confirmed.current);
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', save);
    };
  }, [options.live]);

  useEffect(() => {
    // Only a page that never got through uses the copy: once live, the server's snapshot is the truth.
    if (!options.cutOff || everLive.current || restored.current) return;
    restored.current = true;
    let stored: string | null = null;
    try {
      stored = window.localStorage.getItem(OFFLINE_COPY_KEY);
    } catch {
      return;
    }
    const copy = parseOfflineCopy(stored);
    if (!copy) return;
    confirmed.current = newestConfirmations(confirmed.current, copy.confirmedAt);
    setConfirmedAt(confirmed.current);
    latest.current.onRestore(copy.estimates);
  }, [options.cutOff]);

  return confirmedAt;
}
