// Web Push for the watch list (the `web-push` library, VAPID): alerts that reach a phone whose tab is closed. The
// payload is a few fields encrypted for the browser alone (the push service sees a ping of a fixed small size,
// never its content); the service worker fetches the live estimate from Kordon when woken (worker/). VAPID keys
// come from the environment, or are made at first start and kept in the database for every node. Kordon sends
// only to the browsers' own push services (PUSH_SERVICE_HOSTS): a subscription cannot make it post elsewhere.
import webpush from 'web-push';
import type { Logger } from 'pino';
import { applyToPushWatches, forgetPushSubscription, type PushAlert } from '../lib/alerts/push-watches';
import { retryAfterHeader, retryDelayMs, type SendFailure } from '../lib/alerts/retry';
import type { PrismaClient } from '../lib/db';
import type { KordonEvent } from '../lib/domain-events';
import { hostAllowed } from './push-hosts';

const VAPID_SECRET_NAME = 'vapid-keys';
/**
 * Every payload is padded to this many bytes before it is encrypted: the push service sees the length of what it
 * carries, and a longer crossing's name or reason must not tell which one it was.
 */
export const PUSH_PAYLOAD_BYTES = 160;
/** An alert older than this is not worth delivering to a phone that was off. */
const TTL_SECONDS = 6 * 3600;
/**
 * Pushes in flight at once. One change of a busy crossing can be due to many browsers: one at a time, a thousand
 * watchers would wait a thousand round trips to the push service for the last of them.
 */
export const PUSH_CONCURRENCY = 8;
/** A push the service could not take now is tried this many times more: 2, 4 and 8 s later, or after its Retry-After up to a minute. */
const PUSH_RETRIES = 3;
const PUSH_RETRY_SCHEDULE = { firstMs: 2_000, longestMs: 30_000, longestHoldMs: 60_000 };
/** At most this many pushes wait to be sent again at once (a push service down for everyone): the rest are logged and dropped. */
const MAX_RETRYING = 10_000;
type PushRequest = ReturnType<typeof webpush.generateRequestDetails>;

/** Runs `work` on every item, at most `limit` at a time. */
async function eachAtMost<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/** What a push carries, encrypted: which crossing, which way and mode, and why. The words come from the worker. */
export interface PushPayload {
  checkpointId: string;
  direction: string;
  mode: string;
  reason: 'below' | 'status';
  language: string;
}

export async function loadVapidKeys(prisma: PrismaClient, configured: VapidKeys | null): Promise<VapidKeys> {
  if (configured) return configured;
  const stored = await prisma.serverSecret.findUnique({ where: { name: VAPID_SECRET_NAME } });
  if (stored) return JSON.parse(stored.value) as VapidKeys;
  const made = webpush.generateVAPIDKeys();
  // Of several nodes starting together, the first one's keys are everyone's.
  await prisma.serverSecret.createMany({ data: [{ name: VAPID_SECRET_NAME, value: JSON.stringify(made) }], skipDuplicates: true });
  const kept = await prisma.serverSecret.findUnique({ where: { name: VAPID_SECRET_NAME } });
  return JSON.parse(kept!.value) as VapidKeys;
}

export function createPushSender(options: { prisma: PrismaClient; keys: VapidKeys; subject: string; hosts: readonly string[]; logger: Logger }) {
  const { prisma, logger } = options;
  const vapidDetails = { subject: options.subject, publicKey: options.keys.publicKey, privateKey: options.keys.privateKey };

  async function send(alert: PushAlert): Promise<void> {
    const { subscription } = alert;
    // A subscription stored before the host list changed: no longer sent to.
    if (!hostAllowed(new URL(subscription.endpoint), options.hosts)) return;
    const payload: PushPayload = { ...alert.watch, reason: alert.reason.kind, language: subscription.language };
    // The library encrypts and signs; the request goes out through fetch, which a push service on any scheme takes.
    const request = webpush.generateRequestDetails({ endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } }, JSON.stringify(payload).padEnd(PUSH_PAYLOAD_BYTES), {
      vapidDetails,
      TTL: TTL_SECONDS,
      urgency: 'high',
      // A newer alert of the same crossing replaces one not yet delivered.
      topic: alert.watch.checkpointId.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32),
    });
    await deliver(request, subscription.id, 1);
  }

  /** Tries waiting to be made again: bounded, so a push service that is down cannot fill memory. */
  let waiting = 0;

  /**
   * A push the service could not take now (no answer, 429, 5xx) is sent again: its watch has fired and will not fire
   * again for this change, so a lost push is a lost alert. The next try waits on a timer of its own, not in line: a
   * push service that is down must not hold back the pushes to the others behind it.
   */
  async function deliver(request: PushRequest, subscriptionId: string, failures: number): Promise<void> {
    const failure = await attempt(request, subscriptionId);
    if (!failure) return;
    const wait = failures > PUSH_RETRIES ? null : retryDelayMs(failure, failures, PUSH_RETRY_SCHEDULE);
    const answered = `the push service answered ${failure.status ?? 'nothing'}${failures > 1 ? ` (${failures} tries)` : ''}`;
    if (wait === null) throw new Error(answered);
    if (waiting >= MAX_RETRYING) throw new Error(`${answered}; ${MAX_RETRYING} pushes already wait to be sent again`);
    waiting += 1;
    setTimeout(() => {
      waiting -= 1;
      deliver(request, subscriptionId, failures + 1).catch((error: unknown) => logger.warn({ err: error instanceof Error ? error.message : error }, 'a push could not be sent'));
    }, wait).unref();
  }

  /** One try: null once delivered (or the subscription is gone), else why not. */
  async function attempt(request: PushRequest, subscriptionId: string): Promise<SendFailure | null> {
    let response: Response;
    try {
      response = await fetch(request.endpoint, { method: request.method, headers: request.headers, body: request.body ? new Uint8Array(request.body) : null, signal: AbortSignal.timeout(10_000), redirect: 'error' });
    } catch {
      return { status: null, retryAfterSeconds: null };
    }
    await response.body?.cancel();
    if (response.status === 404 || response.status === 410) {
      // The push service says the browser unsubscribed: nothing of it is kept.
      await forgetPushSubscription(prisma, subscriptionId);
      return null;
    }
    return response.ok ? null : { status: response.status, retryAfterSeconds: retryAfterHeader(response.headers.get('retry-after')) };
  }

  return {
    publicKey: options.keys.publicKey,
    allowed: (endpoint: URL) => hostAllowed(endpoint, options.hosts),
    /** The domain's events: the pushes they make, sent by whichever node stores the watch's change first. */
    async onEvent(event: KordonEvent): Promise<void> {
      await eachAtMost(await applyToPushWatches(prisma, event), PUSH_CONCURRENCY, (alert) =>
        send(alert).catch((error: unknown) => logger.warn({ err: error instanceof Error ? error.message : error }, 'a push could not be sent')),
      );
    },
  };
}

export type PushSender = ReturnType<typeof createPushSender>;
