'use client';
// Web Push for the watch list: the person turns it on (the browser asks for permission), the browser subscribes
// with Kordon's VAPID key, and the page sends the subscription with the whole watch list, again on every visit and
// whenever the list or a threshold changes, wherever it was changed (a checkpoint's panel too): the app holds this
// hook, not the watch list's panel. Turning it off unsubscribes and deletes it on the server (so does erasing Kordon).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Language } from '../../lib/i18n/languages';
import { retryAfterHeader } from '../../lib/alerts/retry';
import { pushRetryMs, type PushSyncOutcome } from '../../lib/ui/push-sync';
import type { WatchEntry } from '../../lib/ui/watch-list';

export type PushState = 'unsupported' | 'off' | 'on' | 'denied' | 'busy' | 'failed';

const supported = () => typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const raw = atob(base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64url.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

/** How long a new subscription past its network's allowance waits for the page's proof of work to be ready. */
const PROOF_WAIT_MS = 60_000;

/** The refusal's limit, read only from a 429 (the body of anything else is not needed). */
async function limitOf(response: Response): Promise<string | undefined> {
  if (response.status !== 429) return undefined;
  const body = (await response.json().catch(() => null)) as { error?: { limit?: string } } | null;
  return body?.error?.limit;
}

async function send(subscription: PushSubscription, watch: readonly WatchEntry[], lang: Language): Promise<PushSyncOutcome> {
  try {
    const body = JSON.stringify({
      subscription: subscription.toJSON(),
      language: lang,
      watches: watch.map((entry) => ({ checkpointId: entry.id, direction: entry.direction, mode: entry.mode, belowMinutes: entry.alertBelowHours === null ? null : entry.alertBelowHours * 60 })),
    });
    const put = (headers: Record<string, string> = {}) => fetch('/api/push/subscription', { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body });
    let response = await put();
    // A new subscription past its network's allowance (a crowd, or a script, behind one carrier address): the
    // page's proof of work buys it, as it buys a first report's voice (components/app/device-voice.ts).
    if ((await limitOf(response)) === 'push_subscriptions') {
      const voice = await import('./device-voice');
      const proof = await voice.proofWhenReady(PROOF_WAIT_MS);
      const bought = proof && (await put({ 'x-device-proof': btoa(JSON.stringify(proof)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') }));
      if (bought?.ok) {
        if (((await bought.json().catch(() => null)) as { proofSpent?: boolean } | null)?.proofSpent) voice.proofTaken();
        response = bought;
      } else if (bought?.status === 403) {
        // The proof was spent elsewhere or expired: a new one is made, and the list goes again when the limit allows.
        voice.proofTaken();
      }
    }
    // Every refusal of Kordon's that says when to try again says it in Retry-After (app/_lib/http.ts).
    return response.ok ? { ok: true } : { ok: false, status: response.status, retryAfterSeconds: retryAfterHeader(response.headers.get('retry-after')) };
  } catch {
    return { ok: false, status: null, retryAfterSeconds: null };
  }
}

/**
 * Endpoints turned off while the server could not be told (offline, a fault): it is told at the next chance (a page
 * load, the link back), so that it does not keep the watch list until a push bounces or 30 days pass.
 */
export const PUSH_TO_FORGET_KEY = 'kordon.push-to-forget.v1';

function endpointsToForget(): string[] {
  try {
    const kept: unknown = JSON.parse(window.localStorage.getItem(PUSH_TO_FORGET_KEY) ?? '[]');
    return Array.isArray(kept) ? kept.filter((endpoint): endpoint is string => typeof endpoint === 'string').slice(-10) : [];
  } catch {
    return [];
  }
}

function keepToForget(endpoints: readonly string[]): void {
  try {
    if (endpoints.length === 0) window.localStorage.removeItem(PUSH_TO_FORGET_KEY);
    else window.localStorage.setItem(PUSH_TO_FORGET_KEY, JSON.stringify(endpoints));
  } catch {
    // Storage refused: the server forgets it when a push to it bounces, or after 30 days.
  }
}

/** Whether the server now holds nothing of this endpoint (a refusal of the request itself would only repeat). */
async function serverForgets(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch('/api/push/subscription', { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ endpoint }) });
    return response.ok || (response.status >= 400 && response.status < 500 && response.status !== 429);
  } catch {
    return false;
  }
}

/** Tells the server of every endpoint turned off while it could not be told; keeps those it still cannot be. */
export async function forgetWaitingEndpoints(): Promise<void> {
  const waiting = endpointsToForget();
  if (waiting.length === 0) return;
  const told = new Set<string>();
  for (const endpoint of waiting) if (await serverForgets(endpoint)) told.add(endpoint);
  // Read again: one turned off meanwhile stays.
  keepToForget(endpointsToForget().filter((endpoint) => !told.has(endpoint)));
}

/** What was turned off while the server could not be told, told on mount, and again whenever the link comes back. */
export function useForgetWaitingEndpoints(): void {
  useEffect(() => {
    const tell = () => void forgetWaitingEndpoints();
    tell();
    window.addEventListener('online', tell);
    return () => window.removeEventListener('online', tell);
  }, []);
}

/** Unsubscribes this browser, here and on the server (at once, or at the next chance: erasing Kordon calls it too, maybe offline). */
export async function dropPush(): Promise<void> {
  if (!supported()) return;
  const registration = await navigator.serviceWorker.getRegistration();
  const subscription = await registration?.pushManager.getSubscription();
  if (!subscription) return;
  const { endpoint } = subscription;
  if (!(await serverForgets(endpoint))) keepToForget([...endpointsToForget().filter((kept) => kept !== endpoint), endpoint]);
  await subscription.unsubscribe().catch(() => undefined);
}

export interface PushControl {
  state: PushState;
  /**
   * On, but the server has not the watch list as it is now: `retrying` (no link, a limit: the page keeps trying),
   * `refused` (the server refused the list itself, and will until it changes); null once it has it.
   */
  unsent: 'retrying' | 'refused' | null;
  enable(): Promise<void>;
  disable(): Promise<void>;
}

export function usePush(watch: readonly WatchEntry[], lang: Language): PushControl {
  const [state, setState] = useState<PushState>('off');
  const subscription = useRef<PushSubscription | null>(null);

  useForgetWaitingEndpoints();

  useEffect(() => {
    if (!supported()) return setState('unsupported');
    if (Notification.permission === 'denied') return setState('denied');
    let live = true;
    void navigator.serviceWorker.getRegistration().then(async (registration) => {
      const found = await registration?.pushManager.getSubscription();
      if (live && found) {
        subscription.current = found;
        setState('on');
      }
    });
    return () => {
      live = false;
    };
  }, []);

  // The list or a threshold changed while on: the server learns the whole list again; a try that failed is
  // made again (after a limit's Retry-After, else sooner, and at once when the browser is back online) until
  // one gets through, and meanwhile the watch list says the change has not reached the server.
  const [unsent, setUnsent] = useState<PushControl['unsent']>(null);
  const [retryTick, setRetryTick] = useState(0);
  const failures = useRef(0);
  useEffect(() => {
    if (state !== 'on' || !subscription.current) return;
    let live = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const again = () => setRetryTick((tick) => tick + 1);
    // Back online: a try that waits for its turn goes at once (a flaky link fires this often; a list sent, or one the
    // server refused, has no try waiting).
    const online = () => retry !== undefined && again();
    const timer = setTimeout(() => {
      void send(subscription.current!, watch, lang).then((outcome) => {
        if (!live) return;
        if (outcome.ok) {
          failures.current = 0;
          setUnsent(null);
          return;
        }
        failures.current += 1;
        const wait = pushRetryMs(outcome, failures.current);
        setUnsent(wait === null ? 'refused' : 'retrying');
        if (wait !== null) retry = setTimeout(again, wait);
      });
    }, 500);
    window.addEventListener('online', online);
    return () => {
      live = false;
      clearTimeout(timer);
      clearTimeout(retry);
      window.removeEventListener('online', online);
    };
  }, [state, watch, lang, retryTick]);

  const enable = useCallback(async () => {
    setState('busy');
    try {
      if ((await Notification.requestPermission()) !== 'granted') return setState('denied');
      const { publicKey } = (await (await fetch('/api/push/key')).json()) as { publicKey: string };
      const registration = await navigator.serviceWorker.ready;
      const made = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
      if (!(await send(made, watch, lang)).ok) throw new Error('push subscription not stored');
      subscription.current = made;
      setState('on');
    } catch {
      setState('failed');
    }
  }, [watch, lang]);

  const disable = useCallback(async () => {
    setState('busy');
    await dropPush();
    subscription.current = null;
    failures.current = 0;
    setUnsent(null);
    setState('off');
  }, []);

  return { state, unsent: state === 'on' ? unsent : null, enable, disable };
}
