'use client';
// The open checkpoint's details (its recent reports, history and usual wait): fetched when it opens, after a
// reconnect, and again at most every few seconds while its estimates change, so the chart and the list follow
// the number.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CheckpointDetail } from '../../lib/checkpoints';
import type { Estimate } from '../../lib/estimates/types';
import type { PublicReport } from '../../lib/reports/store';

/** The page's address while a checkpoint is open: `/checkpoints/<id>`. */
export const CHECKPOINT_PATH = /^\/checkpoints\/([a-z0-9-]+)\/?$/;
const DETAIL_REFRESH_MS = 5_000;

const openId = () => CHECKPOINT_PATH.exec(window.location.pathname)?.[1];

export function useCheckpointDetail(options: {
  /** The details the first response carried (a /checkpoints/<id> page), or null. */
  initial: CheckpointDetail | null;
  selectedId: string | null;
  /** The estimates the details came with. */
  onEstimates: (estimates: Estimate[]) => void;
}): { detail: CheckpointDetail | null; fetchDetail: (id: string) => void; refreshSoon: () => void; addReport: (report: PublicReport) => void } {
  const { selectedId, onEstimates } = options;
  const [detail, setDetail] = useState<CheckpointDetail | null>(options.initial);
  const lastFetch = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const fetchDetail = useCallback(
    (id: string, signal?: AbortSignal) => {
      // Offline, a request could only fail: the reconnect fetches it again.
      if (!navigator.onLine) return;
      lastFetch.current = Date.now();
      // Asked anew each time (a 304 when nothing changed): the browser may otherwise answer from its own few seconds of cache.
      fetch(`/api/checkpoints/${encodeURIComponent(id)}`, { signal, cache: 'no-cache' })
        .then((response) => (response.ok ? (response.json() as Promise<{ checkpoint: CheckpointDetail }>) : null))
        .then((body) => {
          if (!body) return;
          setDetail((current) => (openId() === body.checkpoint.id ? body.checkpoint : current));
          onEstimates(body.checkpoint.estimates);
        })
        .catch(() => undefined);
    },
    [onEstimates],
  );

  useEffect(() => {
    if (!selectedId || detail?.id === selectedId) return;
    const controller = new AbortController();
    fetchDetail(selectedId, controller.signal);
    return () => controller.abort();
  }, [selectedId, detail?.id, fetchDetail]);

  /** Recent reports and the chart follow new estimates, at most every few seconds. */
  const refreshSoon = useCallback(() => {
    const id = openId();
    if (!id || timer.current) return;
    const wait = Math.max(0, lastFetch.current + DETAIL_REFRESH_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      fetchDetail(id);
    }, wait);
  }, [fetchDetail]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  /** A report this page sent: at the top of its checkpoint's recent ones at once, before the next fetch brings it. */
  const addReport = useCallback(
    (report: PublicReport) =>
      setDetail((current) =>
        current && current.id === report.checkpointId && !current.recentReports.some((r) => r.id === report.id)
          ? { ...current, recentReports: [report, ...current.recentReports] }
          : current,
      ),
    [],
  );

  return { detail, fetchDetail, refreshSoon, addReport };
}
