// What a page's script can erase of Kordon in this browser: its storage,
// caches, service worker, databases and the cookies a script may touch. The
// HttpOnly device-key cookie and the HTTP cache are the server's to clear
// (app/erase/now/route.ts); this part also works offline.
import { dropPush, forgetWaitingEndpoints, PUSH_TO_FORGET_KEY } from './app/usePush';

export async function eraseHere(): Promise<void> {
  // First, while the service worker is still there: the push subscription, here and on the server, and any turned
  // off before while offline (online, the post's Clear-Site-Data would otherwise take them with it).
  await dropPush().catch(() => undefined);
  await forgetWaitingEndpoints().catch(() => undefined);
  try {
    // All but what the server must still be told to delete (offline now): the next visit tells it, and it goes.
    const toForget = window.localStorage.getItem(PUSH_TO_FORGET_KEY);
    window.localStorage.clear();
    window.sessionStorage.clear();
    if (toForget) window.localStorage.setItem(PUSH_TO_FORGET_KEY, toForget);
  } catch {
    // Storage refused: there is nothing in it either.
  }
  await Promise.allSettled([
    'caches' in window ? caches.keys().then((names) => Promise.all(names.map((name) => caches.delete(name)))) : null,
    'serviceWorker' in navigator ? navigator.serviceWorker.getRegistrations().then((all) => Promise.all(all.map((registration) => registration.unregister()))) : null,
    'databases' in indexedDB ? indexedDB.databases().then((all) => all.forEach((db) => db.name && indexedDB.deleteDatabase(db.name))) : null,
  ]);
  for (const pair of document.cookie.split(';')) {
    const name = pair.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; Max-Age=0; Path=/`;
  }
}
