// Alerts are made by one node: the leader (server/leadership.ts) hears every node's events on the bus and hands
// them to a channel's alerts (the bot, web push). Each stored change of a watch wins once, so a handover between
// leaders sends nothing twice; an event heard by no leader at that instant is made up by the next change.
// Estimates change with every report, and alerts only need the newest: the leader keeps the newest change of each
// crossing × direction × mode and hands them on once a second, one at a time, rather than reading the watches
// for every report at 500 reports a second.
import type { Logger } from 'pino';
import type { KordonEvent } from '../lib/domain-events';
import type { Kordon } from '../lib/kordon';

/** Alerts wait at most this long for the changes of a busy crossing to settle. */
export const ALERT_BATCH_MS = 1000;

/**
 * Hands the leader's events to `handle` in batches. The way to stop it hands on what is held at once and waits for
 * it, so that a node shutting down sends the alerts it has heard before its database closes.
 */
export function onLeaderEvents(events: Kordon['events'], options: { isLeader: () => boolean; handle: (event: KordonEvent) => Promise<void>; logger: Logger; what: string }): () => Promise<void> {
  const pending = new Map<string, KordonEvent>();
  let timer: NodeJS.Timeout | null = null;
  let flushing = Promise.resolve();
  const flush = () => {
    timer = null;
    const batch = [...pending.values()];
    pending.clear();
    flushing = flushing.then(async () => {
      for (const event of batch) {
        await options.handle(event).catch((error: unknown) => options.logger.warn({ err: error }, `${options.what} failed for an event`));
      }
    });
  };
  const unsubscribe = events.subscribe((event) => {
    if (event.type === 'reports:changed' || !options.isLeader()) return;
    const key = event.type === 'estimate:changed' ? `e:${event.estimate.checkpointId}/${event.estimate.direction}/${event.estimate.mode}` : `c:${event.update.checkpointId}`;
    const held = pending.get(key);
    // The newest version of an estimate wins, and the newest word of a moderator on a crossing.
    if (!held || held.type !== 'estimate:changed' || event.type !== 'estimate:changed' || held.estimate.version <= event.estimate.version) pending.set(key, event);
    timer ??= setTimeout(flush, ALERT_BATCH_MS);
    timer.unref();
  });
  return async () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
    if (pending.size > 0) flush();
    await flushing;
  };
}
