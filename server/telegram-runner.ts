// Runs the bot on one node: the leader (the node holding the jobs' lock, server/leadership.ts) polls Telegram, or,
// with TELEGRAM_WEBHOOK_URL, sets the webhook that every node answers; it alone turns the domain's events into
// alerts (each stored change of a watch wins once, so a second node in a handover sends nothing twice).
import type { Logger } from 'pino';
import type { Kordon } from '../lib/kordon';
import { onLeaderEvents } from './leader-events';
import type { TelegramBot } from './telegram-bot';

/** How often a node checks whether it has become, or stopped being, the one that polls. */
const LEADERSHIP_CHECK_MS = 2000;

export function startTelegram(
  telegram: TelegramBot,
  options: { events: Kordon['events']; isLeader: () => boolean; webhookUrl: string | undefined; logger: Logger },
): { stop(): Promise<void> } {
  const { logger } = options;
  const unsubscribe = onLeaderEvents(options.events, { isLeader: options.isLeader, handle: telegram.onEvent, logger, what: 'Telegram alerts' });
  let webhookSet = false;
  const check = () => {
    const leader = options.isLeader();
    if (options.webhookUrl) {
      if (leader && !webhookSet) {
        webhookSet = true;
        telegram.setWebhook(options.webhookUrl).catch((error: unknown) => {
          webhookSet = false;
          logger.warn({ err: error }, 'could not set the Telegram webhook; retrying');
        });
      }
      return;
    }
    if (leader && !telegram.isPolling() && telegram.mayPoll(Date.now())) telegram.startPolling();
    else if (!leader && telegram.isPolling()) void telegram.stopPolling();
  };
  check();
  const timer = setInterval(check, LEADERSHIP_CHECK_MS);
  timer.unref();
  let stopped: Promise<void> | null = null;
  return {
    stop() {
      stopped ??= (async () => {
        clearInterval(timer);
        await Promise.all([unsubscribe(), telegram.stopPolling()]);
      })();
      return stopped;
    },
  };
}
