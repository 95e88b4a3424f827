// The server's clock, as this page knows it. A phone's own clock may be off by
// minutes or hours (set by hand, or an old phone's time-zone rules), and the
// page sets the server's times beside "now" wherever it says "5 min ago": on
// a phone an hour fast every fresh estimate read "1 hour ago", and on one an
// hour slow an estimate 50 minutes old read "just now". The offset is measured
// against the server on each connection and kept for the next visit, which may
// open with no network. (Reports carry the phone's own clock and say when they
// were sent on it: the server moves their times itself, `sentAt`.)

const STORAGE_KEY = 'kordon.clock.v1';
/** An answer slower than this says too little of when the server read its clock. */
const MAX_ROUND_TRIP_MS = 10_000;

let offsetMs: number | null = null;
const listeners = new Set<() => void>();

function storedOffset(): number {
  if (offsetMs !== null) return offsetMs;
  try {
    const stored = Number(window.localStorage.getItem(STORAGE_KEY));
    offsetMs = Number.isFinite(stored) ? stored : 0;
  } catch {
    offsetMs = 0;
  }
  return offsetMs;
}

/** The server's "now": the phone's clock moved by the offset last measured (none yet: the phone's own). */
export function serverNow(): Date {
  return new Date(Date.now() + (typeof window === 'undefined' ? 0 : storedOffset()));
}

/**
 * One reading: the phone's clock when the question left and when the answer came (`Date.now()`), the server's time
 * in the answer, and the round trip on a clock nobody sets (`performance.now()`). The server read its clock about
 * half way through.
 */
export function noteServerTime(reading: { sentAt: number; roundTripMs: number; serverTime: string }): void {
  const server = Date.parse(reading.serverTime);
  if (!Number.isFinite(server) || reading.roundTripMs < 0 || reading.roundTripMs > MAX_ROUND_TRIP_MS) return;
  const measured = Math.round(server - (reading.sentAt + reading.roundTripMs / 2));
  // Within a second is the same clock: nothing shown moves by it.
  if (offsetMs !== null && Math.abs(measured - offsetMs) < 1000) return;
  offsetMs = measured;
  try {
    window.localStorage.setItem(STORAGE_KEY, String(measured));
  } catch {
    // Storage refused: measured again on the next visit.
  }
  listeners.forEach((listener) => listener());
}

/** Called when the offset changes. */
export function onServerClock(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * A moment on the server's clock as the phone's own clock read it then: for a time of day shown to the person
 * ("as of 14:05"), which they set beside the clock on their screen.
 */
export function onPhoneClock(at: Date | string): Date {
  return new Date(new Date(at).getTime() - (typeof window === 'undefined' ? 0 : storedOffset()));
}
