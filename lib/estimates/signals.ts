// One-tap crowd signals (closed, not moving, only on foot, turning back, draft
// checks): what numbers cannot say. One device saying it is a rumour; a signal
// is shown once several different devices say it within a short window, and
// it fades unless the crowd says it again, or at once when someone says the
// queue moved after it. Pure: from the stored reports.
import { CROWD_SIGNALS } from '../vocabulary';
import type { CrowdSignalKind, Mode } from '../enums';
import type { Estimate, EstimatorReport } from './types';

const MINUTE = 60_000;

export const SIGNAL_RULES = {
  /** Different devices that must say it… */
  confirmations: 3,
  /** …within this long of each other. */
  windowMs: 60 * MINUTE,
  /** Shown this long after the last moment it was so confirmed, then gone unless confirmed again. */
  fadeMs: 2 * 60 * MINUTE,
} as const;

/** A signal the crowd has confirmed. */
export interface CrowdSignal {
  kind: CrowdSignalKind;
  /** Different devices that said it in the window ending at `confirmedAt`. */
  devices: number;
  /** The first of those devices' reports in that window: since when the crowd has said it (ISO). */
  since: string;
  /** The last moment enough devices had said it within the window (ISO). */
  confirmedAt: string;
  /** When it fades unless confirmed again (ISO). */
  fadesAt: string;
}

const isKind = (value: unknown): value is CrowdSignalKind => (CROWD_SIGNALS as readonly unknown[]).includes(value);

/**
 * The last moment these reports show the queue of this mode moving after it: someone who joined then has crossed
 * since, or some let through in minutes that began then (they went by after it, whenever in them). Not when a
 * crossing ended: people report a crossing when they can, hours later on the far side's network, and "just
 * crossed" would then end a closure that began after they were through. -Infinity if none does.
 */
function movedAfter(reports: readonly EstimatorReport[], at: number): number {
  let moved = -Infinity;
  for (const report of reports) {
    const sent = report.createdAt.getTime();
    if (sent > at) continue;
    if (report.joinedAt !== null && report.crossedAt !== null) moved = Math.max(moved, report.joinedAt.getTime());
    if (report.letThrough !== null && report.letThrough > 0 && report.letThroughMinutes !== null) moved = Math.max(moved, sent - report.letThroughMinutes * MINUTE);
  }
  return moved;
}

/**
 * Signals the queue seen moving after them says are over: "closed" and "not moving", and "only on foot" where
 * these are reports of vehicles. A tap said before the queue was seen moving no longer counts.
 */
const endedByMoving = (kind: CrowdSignalKind, mode: Mode | undefined) =>
  kind === 'closed' || kind === 'not_moving' || (kind === 'foot_only' && mode !== undefined && mode !== 'pedestrian');

/**
 * The confirmed signals among these reports (of one checkpoint × direction × `mode`) at `now`, in the vocabulary's
 * order. A bus of people arriving at a quiet crossing and a machine with three invented device keys look alike
 * here; what tells a stop from a rumour is the queue seen moving after it, which ends it at once.
 */
export function crowdSignals(reports: readonly EstimatorReport[], now: Date, mode?: Mode): CrowdSignal[] {
  const rules = SIGNAL_RULES;
  const at = now.getTime();
  const byKind = new Map<CrowdSignalKind, { device: string; at: number }[]>();
  for (const report of reports) {
    const time = report.createdAt.getTime();
    if (!isKind(report.signal) || time > at || at - time > rules.fadeMs + rules.windowMs) continue;
    const list = byKind.get(report.signal) ?? [];
    list.push({ device: report.deviceKey, at: time });
    byKind.set(report.signal, list);
  }
  const moved = byKind.size > 0 ? movedAfter(reports, at) : -Infinity;
  const signals: CrowdSignal[] = [];
  for (const kind of CROWD_SIGNALS) {
    const said = (byKind.get(kind) ?? []).filter((s) => !endedByMoving(kind, mode) || s.at > moved).sort((a, b) => a.at - b.at);
    type Confirmed = { at: number; devices: number; since: number };
    let confirmed = null as Confirmed | null;
    for (const [i, { at: end }] of said.entries()) {
      const inWindow = said.slice(0, i + 1).filter((s) => end - s.at <= rules.windowMs);
      const devices = new Set(inWindow.map((s) => s.device)).size;
      if (devices < rules.confirmations) continue;
      // A run that goes on keeps the moment it began.
      const since = confirmed && end - confirmed.at <= rules.windowMs ? confirmed.since : inWindow[0]!.at;
      confirmed = { at: end, devices, since };
    }
    if (confirmed && at - confirmed.at <= rules.fadeMs) {
      signals.push({
        kind,
        devices: confirmed.devices,
        since: new Date(confirmed.since).toISOString(),
        confirmedAt: new Date(confirmed.at).toISOString(),
        fadesAt: new Date(confirmed.at + rules.fadeMs).toISOString(),
      });
    }
  }
  return signals;
}

/** A confirmed "not moving" holds the wait up while its last confirmation is at most this old: the crowd still says it. */
export const NOT_MOVING_MINUTES = 30;

/** The crowd signals of an estimate that have not faded by `now` (a stored value may be older than the tick). */
export function liveSignals(estimate: Estimate | undefined, now: Date): CrowdSignal[] {
  return (estimate?.signals ?? []).filter((signal) => Date.parse(signal.fadesAt) > now.getTime());
}
