// The browser's random device key: made on the first report, kept in
// localStorage, sent only with reports (a phone that only looks has none).
// The server stores nothing but a keyed hash of it.
import { randomDeviceKey } from '../../lib/ui/random-id';

const STORAGE_KEY = 'kordon.device.v1';
let fallback: string | null = null;

/** The key this device already has, without making one. */
export function storedDeviceKey(): string | null {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored && /^[A-Za-z0-9_-]{16,128}$/.test(stored) ? stored : fallback;
  } catch {
    return fallback;
  }
}

export function deviceKey(): string {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored && /^[A-Za-z0-9_-]{16,128}$/.test(stored)) return stored;
    const made = randomDeviceKey();
    window.localStorage.setItem(STORAGE_KEY, made);
    return made;
  } catch {
    // Storage refused (private mode, full disk): one key for this page's life.
    fallback ??= randomDeviceKey();
    return fallback;
  }
}
