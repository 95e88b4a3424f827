'use client';
// The watch list in localStorage, shared across tabs through the storage event.
import { useCallback, useEffect, useState } from 'react';
import { parseWatchList, WATCH_STORAGE_KEY, type WatchEntry } from '../../lib/ui/watch-list';

function read(): WatchEntry[] {
  try {
    return parseWatchList(window.localStorage.getItem(WATCH_STORAGE_KEY));
  } catch {
    return [];
  }
}

export function useWatchList() {
  // Empty on the server and in the first render, so hydration matches.
  const [list, setList] = useState<WatchEntry[]>([]);
  useEffect(() => {
    setList(read());
    const onStorage = (event: StorageEvent) => {
      if (event.key === WATCH_STORAGE_KEY) setList(read());
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const change = useCallback((update: (list: WatchEntry[]) => WatchEntry[]) => {
    setList((current) => {
      const next = update(current);
      try {
        window.localStorage.setItem(WATCH_STORAGE_KEY, JSON.stringify(next));
      } catch {
        // Storage refused: the list still works for this visit.
      }
      return next;
    });
  }, []);

  return { list, change };
}
