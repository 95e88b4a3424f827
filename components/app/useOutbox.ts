'use client';
// The outbox: reports waiting for a connection, kept in localStorage so a
// closed tab or a dead battery does not lose them, and sent when the page is
// live again.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReportCreated } from '../../lib/events';
import type { RefusalLike } from '../../lib/ui/report-errors';
import type { ReportInput } from '../../lib/reports/input';
import { addToOutbox, holdInOutbox, holdOf, isFinalRefusal, OUTBOX_STORAGE_KEY, parseOutbox, removeFromOutbox, type OutboxEntry } from '../../lib/ui/outbox';
import type { Hold } from '../../lib/ui/report-errors';
import type { ConnectionState, SubmitOutcome } from './useRealtime';
import { serverNow } from './server-clock';

const RETRY_MS = 5_000;

/** What localStorage holds, or null when storage is refused. */
function read(): OutboxEntry[] | null {
  try {
    return parseOutbox(window.localStorage.getItem(OUTBOX_STORAGE_KEY));
  } catch {
    return null;
  }
}

function write(list: OutboxEntry[]): void {
  try {
    window.localStorage.setItem(OUTBOX_STORAGE_KEY, JSON.stringify(list));
  } catch {
    // Storage refused: the entry still waits in memory for this visit.
  }
}

export function useOutbox(options: {
  connection: ConnectionState;
  submit: (report: ReportInput) => Promise<SubmitOutcome>;
  onAccepted: (created: ReportCreated) => void;
  /** A report refused for good (the error as the server sent it: its code and fields say why). */
  onRefused: (report: ReportInput, error: RefusalLike) => void;
}) {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const entriesRef = useRef<OutboxEntry[]>([]);
  const handlers = useRef(options);
  handlers.current = options;
  const sending = useRef(false);
  /** Until when a refusal holds the outbox (ms): noting why it waits changes the entries, which must not retry it at once. */
  const heldUntil = useRef(0);
  const [retryTick, setRetryTick] = useState(0);
  const retryNow = useCallback(() => {
    heldUntil.current = 0;
    setRetryTick((tick) => tick + 1);
  }, []);

  const update = useCallback((change: (list: OutboxEntry[]) => OutboxEntry[]) => {
    // Re-read first: another tab may have queued or sent something meanwhile.
    const next = change(read() ?? entriesRef.current);
    entriesRef.current = next;
    write(next);
    setEntries(next);
  }, []);

  useEffect(() => {
    entriesRef.current = read() ?? [];
    setEntries(entriesRef.current);
    const onStorage = (event: StorageEvent) => {
      if (event.key !== OUTBOX_STORAGE_KEY) return;
      entriesRef.current = read() ?? entriesRef.current;
      setEntries(entriesRef.current);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const enqueue = useCallback(
    (report: ReportInput, hold?: Hold) => update((list) => addToOutbox(list, { report, queuedAt: serverNow().toISOString(), ...(hold ? { hold } : {}) })),
    [update],
  );

  // A report held for the device's proof goes as soon as the proof is ready, not at the next retry.
  const waitingForProof = entries.some((entry) => entry.hold?.code === 'proof_pending');
  useEffect(() => {
    if (!waitingForProof) return;
    let stop = () => {};
    let gone = false;
    void import('./device-voice').then((voice) => {
      if (gone) return;
      stop = voice.onVoiceReady(retryNow);
      // Made meanwhile: no need to wait for the next one.
      if (voice.voiceCredentials()) retryNow();
    });
    return () => {
      gone = true;
      stop();
    };
  }, [waitingForProof, retryNow]);

  // Send in order while live; stop at the first entry that cannot go yet.
  useEffect(() => {
    if (options.connection !== 'live' || sending.current || entries.length === 0 || Date.now() < heldUntil.current) return;
    sending.current = true;
    let retryInMs = 0;
    void (async () => {
      for (const entry of [...entriesRef.current]) {
        const outcome = await handlers.current.submit(entry.report);
        if (outcome.ok) {
          update((list) => removeFromOutbox(list, entry.report.id));
          handlers.current.onAccepted(outcome.data);
        } else if (isFinalRefusal(outcome.error.code)) {
          update((list) => removeFromOutbox(list, entry.report.id));
          handlers.current.onRefused(entry.report, outcome.error);
        } else {
          const hold = holdOf(outcome.error, new Date());
          update((list) => holdInOutbox(list, entry.report.id, hold));
          // A rate limit says when it lifts; sooner would only be refused again. A proof being made calls back when ready.
          retryInMs = outcome.error.code === 'proof_pending' ? RETRY_MS * 6 : Math.max(RETRY_MS, 'retryAfter' in outcome.error ? (outcome.error.retryAfter ?? 0) * 1000 : 0);
          break;
        }
      }
      sending.current = false;
      // Entries queued while this pass ran go in the next one.
      if (retryInMs > 0) {
        heldUntil.current = Date.now() + retryInMs;
        setTimeout(retryNow, retryInMs);
      } else if (entriesRef.current.length > 0) setRetryTick((tick) => tick + 1);
    })();
  }, [options.connection, entries, retryTick, update, retryNow]);

  return { entries, enqueue };
}
