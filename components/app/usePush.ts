'use client';
// Web Push for the watch list: the person turns it on (the browser asks for permission), the browser subscribes
// with Kordon's VAPID key, and the page sends the subscription with the whole watch list, again on every visit and
// whenever the list or a threshold changes, wherever it was changed (a checkpoint's panel too): the app holds this
// hook, not the watch list's panel. Turning it off unsubscribes and deletes it on the server (so does erasing Kordon).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Language } from '../../lib/i18n/languages';
import type { WatchEntry } from '../../lib/ui/watch-list';

export type PushState = 'unsupported' | 'off' | 'on' | 'denied' | 'busy' | 'failed';

const supported = () => typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const raw = atob(base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64url.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

async function send(subscription: PushSubscription, watch: readonly WatchEntry[], lang: Language): Promise<void> {
  const response = await fetch('/api/push/subscription', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      subscription: subscription.toJSON(),
      language: lang,
      watches: watch.map((entry) => ({ checkpointId: entry.id, direction: entry.direction, mode: entry.mode, belowMinutes: entry.alertBelowHours === null ? null : entry.alertBelowHours * 60 })),
    }),
  });
  if (!response.ok) throw new Error(`push subscription: ${response.status}`);
}

/** Unsubscribes this browser, here and on the server; best effort (erasing Kordon calls it too, maybe offline). */
export async function dropPush(): Promise<void> {
  if (!supported()) return;
  const registration = await navigator.serviceWorker.getRegistration();
  const subscription = await registration?.pushManager.getSubscription();
  if (!subscription) return;
  await fetch('/api/push/subscription', { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ endpoint: subscription.endpoint }) }).catch(() => undefined);
  await subscription.unsubscribe().catch(() => undefined);
}

export interface PushControl {
  state: PushState;
  enable(): Promise<void>;
  disable(): Promise<void>;
}

export function usePush(watch: readonly WatchEntry[], lang: Language): PushControl {
  const [state, setState] = useState<PushState>('off');
  const subscription = useRef<PushSubscription | null>(null);

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

  // The list or a threshold changed while on: the server learns the whole list again.
  useEffect(() => {
    if (state !== 'on' || !subscription.current) return;
    const timer = setTimeout(() => void send(subscription.current!, watch, lang).catch(() => undefined), 500);
    return () => clearTimeout(timer);
  }, [state, watch, lang]);

  const enable = useCallback(async () => {
    setState('busy');
    try {
      if ((await Notification.requestPermission()) !== 'granted') return setState('denied');
      const { publicKey } = (await (await fetch('/api/push/key')).json()) as { publicKey: string };
      const registration = await navigator.serviceWorker.ready;
      const made = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
      await send(made, watch, lang);
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
    setState('off');
  }, []);

  return { state, enable, disable };
}
