// Alerts are made by one node: the leader (server/leadership.ts) hears every node's events on the bus and hands
// them to a channel's alerts (the bot, web push). Each stored change of a watch wins once, so a handover between
// leaders sends nothing twice; an event heard by no leader at that instant is made up by the next change.
import type { Logger } from 'pino';
import type { KordonEvent } from '../lib/domain-events';
import type { Kordon } from '../lib/kordon';

export function onLeaderEvents(events: Kordon['events'], options: { isLeader: () => boolean; handle: (event: KordonEvent) => Promise<void>; logger: Logger; what: string }): () => void {
  return events.subscribe((event) => {
    if (event.type === 'reports:changed' || !options.isLeader()) return;
    options.handle(event).catch((error: unknown) => options.logger.warn({ err: error }, `${options.what} failed for an event`));
  });
}
