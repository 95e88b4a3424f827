// When a watched crossing is worth a message: its wait fell below the threshold, or it closed or opened again.
// Once per crossing of the threshold: after an alert the watch is disarmed until the wait has climbed back clearly
// above it (hysteresis), so a wait wobbling around 6 h does not ping every few minutes. Pure: the caller keeps the
// state, and stores a change of it atomically so that one alert goes out however many nodes hear the event.
import type { KordonEvent } from '../domain-events';
import type { CheckpointStatus, Direction, Mode } from '../enums';
import type { Estimate } from '../estimates/types';

export const ALERT_HYSTERESIS = {
  /** Re-armed once the wait is this much above the threshold, as a share of it… */
  share: 0.15,
  /** …and at least this many minutes above it. */
  minutes: 20,
} as const;

export interface WatchState {
  belowMinutes: number | null;
  armed: boolean;
  lastStatus: CheckpointStatus;
}

export type AlertReason = { kind: 'below'; waitMinutes: number } | { kind: 'status'; status: CheckpointStatus };

/** The wait an alert tells: a live estimate's, never an old one shown greyed (null then, and with none). */
export function liveWait(estimate: Pick<Estimate, 'waitMinutes' | 'stale'> | undefined): number | null {
  return estimate && !estimate.stale ? estimate.waitMinutes : null;
}

/**
 * The wait a threshold is compared with: the live wait, but at a post with opening hours only the hours it is open.
 * The shut hours are no news: whoever joins at 03:00 waits for the 08:00 opening, so the wait counts down below 6 h
 * every night, and whoever joins at 21:50 waits the night, so it climbs back every evening. A person watching for a
 * short queue would be woken every night by the clock; the queue's own wait moves only when the queue does.
 */
export function alertWait(estimate: Pick<Estimate, 'waitMinutes' | 'stale' | 'openMinutes'> | undefined): number | null {
  return estimate && !estimate.stale ? (estimate.openMinutes ?? estimate.waitMinutes) : null;
}

/** The wait above which a fired watch is armed again. */
export function rearmAbove(belowMinutes: number): number {
  return belowMinutes + Math.max(ALERT_HYSTERESIS.minutes, ALERT_HYSTERESIS.share * belowMinutes);
}

/** How a new watch starts: armed only if the wait is above its threshold now (else it would alert at once). */
export function initialState(options: { belowMinutes: number | null; waitMinutes: number | null; status: CheckpointStatus }): WatchState {
  return {
    belowMinutes: options.belowMinutes,
    armed: options.belowMinutes !== null && (options.waitMinutes === null || options.waitMinutes >= options.belowMinutes),
    lastStatus: options.status,
  };
}

/**
 * A live wait as compared with the threshold (null: none, or stale; `alertWait`): the watch's next state, and the
 * alert it makes, if any, telling `shownMinutes` (the whole wait, `liveWait`; the same unless the post shuts).
 */
export function afterWait(watch: WatchState, waitMinutes: number | null, shownMinutes: number | null = waitMinutes): { state: WatchState; alert: AlertReason | null } {
  if (watch.belowMinutes === null || waitMinutes === null) return { state: watch, alert: null };
  if (watch.armed && waitMinutes < watch.belowMinutes) return { state: { ...watch, armed: false }, alert: { kind: 'below', waitMinutes: shownMinutes ?? waitMinutes } };
  if (!watch.armed && waitMinutes >= rearmAbove(watch.belowMinutes)) return { state: { ...watch, armed: true }, alert: null };
  return { state: watch, alert: null };
}

/** A status a moderator set: an alert when it is news (closed, restricted, open again). */
export function afterStatus(watch: WatchState, status: CheckpointStatus): { state: WatchState; alert: AlertReason | null } {
  if (status === watch.lastStatus) return { state: watch, alert: null };
  return { state: { ...watch, lastStatus: status }, alert: { kind: 'status', status } };
}

/** The watches a domain event concerns, as a filter on their crossing (and way and mode), or null for none. */
export function watchesConcerned(event: KordonEvent): { checkpointId: string; direction?: Direction; mode?: Mode } | null {
  if (event.type === 'estimate:changed') return { checkpointId: event.estimate.checkpointId, direction: event.estimate.direction, mode: event.estimate.mode };
  if (event.type === 'checkpoint:changed') return { checkpointId: event.update.checkpointId };
  return null;
}

/** What an event does to one watch: its next state and alert, or null when it leaves the watch as it was. */
export function changeOf(event: KordonEvent, watch: WatchState): { state: WatchState; alert: AlertReason | null } | null {
  const next =
    event.type === 'estimate:changed'
      ? afterWait(watch, alertWait(event.estimate), liveWait(event.estimate))
      : event.type === 'checkpoint:changed'
        ? afterStatus(watch, event.update.status)
        : null;
  if (!next || (next.state.armed === watch.armed && next.state.lastStatus === watch.lastStatus)) return null;
  return next;
}

/**
 * Moves the watches an event concerns, one stored change at a time, each written only if the watch is still as it
 * was read (`update` answers whether it was): of several nodes hearing one event, one wins each alert.
 */
export async function applyEvent<W extends WatchState & { id: number }, A>(
  event: KordonEvent,
  store: {
    find: (where: NonNullable<ReturnType<typeof watchesConcerned>>) => Promise<W[]>;
    update: (id: number, from: WatchState, to: WatchState) => Promise<boolean>;
  },
  alertOf: (watch: W, reason: AlertReason) => A,
): Promise<A[]> {
  const where = watchesConcerned(event);
  if (!where) return [];
  const won: A[] = [];
  for (const watch of await store.find(where)) {
    const change = changeOf(event, watch);
    if (!change) continue;
    if ((await store.update(watch.id, watch, change.state)) && change.alert) won.push(alertOf(watch, change.alert));
  }
  return won;
}
