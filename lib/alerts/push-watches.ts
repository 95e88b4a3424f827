// Web Push subscriptions and their watches in the database. A browser sends its subscription (the push service's
// endpoint and the keys to encrypt for it) with the whole of its watch list each time the list changes; nothing
// else about the person is stored. Watches move on the domain's events as the bot's do (lib/alerts/thresholds.ts).
import { z } from 'zod';
import type { PrismaClient } from '../db';
import type { KordonEvent } from '../domain-events';
import { direction, mode, type CheckpointStatus, type Direction, type Mode } from '../enums';
import { AppError, fieldErrorsFrom } from '../errors';
import { LANGUAGES, type Language } from '../i18n/languages';
import { checkpointIdSchema } from '../reports/input';
import { applyEvent, initialState, type AlertReason } from './thresholds';

const base64url = (min: number, max: number) => z.string().regex(/^[A-Za-z0-9_-]+=*$/, 'must be base64url').min(min).max(max);
const endpoint = z.url({ protocol: /^https?$/, error: 'must be the push service’s URL' }).max(1024);

export const MAX_PUSH_WATCHES = 100;

export const pushSubscriptionInput = z.strictObject({
  subscription: z.object({
    endpoint,
    keys: z.object({ p256dh: base64url(60, 120), auth: base64url(16, 40) }),
  }),
  language: z.enum(LANGUAGES),
  watches: z
    .array(
      z.strictObject({
        checkpointId: checkpointIdSchema,
        direction,
        mode,
        /** Alert when the wait drops below this; null: only closing and opening. */
        belowMinutes: z.number().int().min(10).max(7 * 24 * 60).nullable(),
      }),
    )
    .max(MAX_PUSH_WATCHES),
});
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionInput>;

export const pushUnsubscribeInput = z.strictObject({ endpoint });

function parse<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new AppError('invalid_input', 'The request is not valid.', fieldErrorsFrom(parsed.error.issues));
  return parsed.data;
}

/**
 * Lets a write through or refuses it (a rate limit) once it is known to be valid, so that a bogus request never
 * spends a quota; `known` says whether the endpoint already has a subscription here (an update, not a new row).
 * `proofSpent`: a proof of work the request carried bought it (the page then forgets that proof).
 */
export type AdmitPushWrite = (write: { endpoint: string; known: boolean }) => Promise<{ proofSpent: boolean }>;

/** What a watch starts from: the wait and status of its crossing now. */
export type CurrentOf = (checkpointId: string, direction: Direction, mode: Mode) => Promise<{ waitMinutes: number | null; status: CheckpointStatus } | null>;

/**
 * Stores a subscription and replaces its watches with the list sent. A watch kept with the same threshold keeps its
 * state (sending the list again must not re-arm an alert already given); a new one starts from the crossing as it is.
 * `allowed` says whether Kordon may send to the endpoint's host (only push services: never an address of one's own).
 */
export async function savePushSubscription(
  prisma: PrismaClient,
  body: unknown,
  options: { current: CurrentOf; allowed: (endpoint: URL) => boolean; admit: AdmitPushWrite },
): Promise<{ watches: number; proofSpent?: true }> {
  const input = parse(pushSubscriptionInput, body);
  if (!options.allowed(new URL(input.subscription.endpoint))) {
    throw new AppError('invalid_input', 'Kordon sends to the browsers’ own push services only.', [{ path: 'subscription.endpoint', message: 'is not a known push service' }]);
  }
  const wanted = new Map<string, PushSubscriptionInput['watches'][number] & { now: { waitMinutes: number | null; status: CheckpointStatus } }>();
  for (const watch of input.watches) {
    const now = await options.current(watch.checkpointId, watch.direction, watch.mode);
    if (now === null) {
      throw new AppError('invalid_input', 'The request is not valid.', [{ path: 'watches', message: `no crossing ${watch.checkpointId} taking ${watch.mode}` }]);
    }
    wanted.set(`${watch.checkpointId}/${watch.direction}/${watch.mode}`, { ...watch, now });
  }
  const known = (await prisma.pushSubscription.findUnique({ where: { endpoint: input.subscription.endpoint }, select: { id: true } })) !== null;
  const { proofSpent } = await options.admit({ endpoint: input.subscription.endpoint, known });
  const watches = await prisma.$transaction(async (tx) => {
    const { endpoint: url, keys } = input.subscription;
    const subscription = await tx.pushSubscription.upsert({
      where: { endpoint: url },
      create: { endpoint: url, p256dh: keys.p256dh, auth: keys.auth, language: input.language },
      update: { p256dh: keys.p256dh, auth: keys.auth, language: input.language, refreshedAt: new Date() },
    });
    const existing = await tx.pushWatch.findMany({ where: { subscriptionId: subscription.id } });
    const kept = new Set<string>();
    const gone: number[] = [];
    for (const row of existing) {
      const key = `${row.checkpointId}/${row.direction}/${row.mode}`;
      const watch = wanted.get(key);
      if (watch && watch.belowMinutes === row.belowMinutes) kept.add(key);
      else gone.push(row.id);
    }
    // One statement each, however long the list: a first subscription brings up to MAX_PUSH_WATCHES at once.
    if (gone.length > 0) await tx.pushWatch.deleteMany({ where: { id: { in: gone } } });
    const added = [...wanted].filter(([key]) => !kept.has(key));
    if (added.length > 0) {
      await tx.pushWatch.createMany({
        data: added.map(([, { now, ...watch }]) => ({ subscriptionId: subscription.id, ...watch, ...initialState({ belowMinutes: watch.belowMinutes, ...now }) })),
      });
    }
    return wanted.size;
  });
  return proofSpent ? { watches, proofSpent } : { watches };
}

/** The browser unsubscribed, or erased Kordon: the subscription and its watches go. */
export async function deletePushSubscription(prisma: PrismaClient, body: unknown): Promise<{ deleted: boolean }> {
  const { endpoint: url } = parse(pushUnsubscribeInput, body);
  const { count } = await prisma.pushSubscription.deleteMany({ where: { endpoint: url } });
  return { deleted: count === 1 };
}

export interface PushAlert {
  subscription: { id: string; endpoint: string; p256dh: string; auth: string; language: Language };
  watch: { checkpointId: string; direction: Direction; mode: Mode };
  reason: AlertReason;
}

/** Moves the watches an event concerns; the alerts this call won (stored first), to be sent. */
export function applyToPushWatches(prisma: PrismaClient, event: KordonEvent): Promise<PushAlert[]> {
  return applyEvent(
    event,
    {
      find: (where) => prisma.pushWatch.findMany({ where, include: { subscription: true } }),
      update: async (id, from, to) =>
        (await prisma.pushWatch.updateMany({ where: { id, armed: from.armed, lastStatus: from.lastStatus }, data: { armed: to.armed, lastStatus: to.lastStatus } })).count === 1,
    },
    ({ subscription, checkpointId, direction, mode }, reason) => ({
      subscription: { ...subscription, language: subscription.language === 'en' ? 'en' : 'ru' },
      watch: { checkpointId, direction, mode },
      reason,
    }),
  );
}

/**
 * A subscription the page has not sent for this long belongs to a browser that no longer opens Kordon (or to
 * someone filling the table): it is deleted, watches and all. Every visit with notifications on sends it again.
 */
export const PUSH_EXPIRY_DAYS = 30;

export async function deleteStalePushSubscriptions(prisma: PrismaClient, now: Date): Promise<number> {
  const { count } = await prisma.pushSubscription.deleteMany({ where: { refreshedAt: { lt: new Date(now.getTime() - PUSH_EXPIRY_DAYS * 24 * 3_600_000) } } });
  return count;
}

/** The push service says the subscription is gone: nothing of it is kept. */
export async function forgetPushSubscription(prisma: PrismaClient, id: string): Promise<void> {
  await prisma.pushSubscription.deleteMany({ where: { id } });
}
