// A device's voice: the proof of work its first report carries, made in the
// background as soon as the page opens (before the person has finished
// reading), and the voice token the server answers that report with, which
// later reports carry instead. Both live in localStorage beside the device
// key; the proof binds to no device until a report spends it, so a phone that
// only looks has made one and sent nothing. Loaded apart from the first script.
import { solveChallengeWorkers } from 'altcha-lib';
import type { DeviceProof, ProofChallenge } from '../../lib/events';
import { deviceKey, storedDeviceKey } from './device-key';
import { serverNow } from './server-clock';

const PROOF_KEY = 'kordon.proof.v1';
const VOICE_KEY = 'kordon.voice.v1';
/** Workers at once: a phone's big cores, never all of a desktop's. */
const MAX_WORKERS = 4;
/** A proof within this of its expiry is made anew rather than sent to be refused. */
const EXPIRY_MARGIN_S = 600;
const RETRY_MS = 30_000;

export type VoiceCredentials = { deviceKey: string; voice: string } | { deviceKey: string; proof: DeviceProof };

let working: Promise<void> | null = null;
let proofInMemory: DeviceProof | null = null;
const listeners = new Set<() => void>();

function readJson<T>(key: string): T | null {
  try {
    const text = window.localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

function writeJson(key: string, value: unknown): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage refused: kept in memory for this visit.
  }
}

function storedProof(): DeviceProof | null {
  const proof = readJson<DeviceProof>(PROOF_KEY) ?? proofInMemory;
  const expiresAt = proof?.challenge?.parameters?.expiresAt;
  if (!proof || typeof expiresAt !== 'number' || expiresAt - EXPIRY_MARGIN_S < serverNow().getTime() / 1000) return null;
  return proof;
}

/** The voice this device was given, if the key it was given for is still this device's key. */
function storedVoice(): string | null {
  const key = storedDeviceKey();
  const voice = readJson<{ key: string; voice: string }>(VOICE_KEY);
  return key && voice && voice.key === key && typeof voice.voice === 'string' ? voice.voice : null;
}

async function makeProof(): Promise<void> {
  const response = await fetch('/api/proof-challenge', { cache: 'no-store' });
  if (!response.ok) throw new Error(`challenge ${response.status}`);
  const challenge = (await response.json()) as ProofChallenge;
  const solution = await solveChallengeWorkers({
    challenge: challenge as Parameters<typeof solveChallengeWorkers>[0]['challenge'],
    concurrency: Math.max(1, Math.min(MAX_WORKERS, navigator.hardwareConcurrency || 2)),
    createWorker: () => new Worker(new URL('./proof-worker.ts', import.meta.url), { type: 'module' }),
    timeout: 0,
  });
  if (!solution) throw new Error('no proof found');
  proofInMemory = { challenge, solution: { counter: solution.counter, derivedKey: solution.derivedKey } };
  writeJson(PROOF_KEY, proofInMemory);
}

/** The device key, made now if this is the device's first report. */
export const currentDeviceKey = () => deviceKey();

/** Starts making a proof unless the device has its voice or a proof already; harmless to call often. */
export function prepareVoice(): void {
  if (storedVoice()) return;
  prepareProof();
}

/** Starts making a proof unless one is held or being made (a device with a voice may need one for something else). */
function prepareProof(): void {
  if (working || storedProof()) return;
  // Offline a challenge cannot come: start when the network does.
  if (!navigator.onLine) {
    window.addEventListener('online', prepareProof, { once: true });
    return;
  }
  working = makeProof()
    .then(() => listeners.forEach((listener) => listener()))
    .catch(() => {
      // Offline, or the server could not answer: try again later, or when a report asks.
      setTimeout(prepareProof, RETRY_MS);
    })
    .finally(() => {
      working = null;
    });
}

/** What a report carries: the voice, else the proof; null while the proof is still being made (and it is started). */
export function voiceCredentials(): VoiceCredentials | null {
  const voice = storedVoice();
  if (voice) return { deviceKey: deviceKey(), voice };
  const proof = storedProof();
  if (proof) return { deviceKey: deviceKey(), proof };
  prepareVoice();
  return null;
}

/**
 * A proof for something else than this device's voice (a push subscription past its network's allowance): the one
 * held, or the next one made, waiting at most `waitMs`; null if none came. Call `proofTaken` once the server took it.
 */
export function proofWhenReady(waitMs: number): Promise<DeviceProof | null> {
  const held = storedProof();
  if (held) return Promise.resolve(held);
  prepareProof();
  return new Promise((resolve) => {
    const done = () => {
      stop();
      clearTimeout(timer);
      resolve(storedProof());
    };
    const stop = onVoiceReady(done);
    const timer = setTimeout(done, waitMs);
  });
}

/** The server took the proof held for something else: it is forgotten (the voice stays), and another is started. */
export function proofTaken(): void {
  writeJson(PROOF_KEY, null);
  proofInMemory = null;
  prepareVoice();
}

/** The server heard this device: its voice is kept, and the proof it spent forgotten. */
export function keepVoice(key: string, voice: string): void {
  writeJson(VOICE_KEY, { key, voice });
  writeJson(PROOF_KEY, null);
  proofInMemory = null;
}

/** The server wants a (new) proof: the one held was spent, expired or refused. */
export function forgetProof(): void {
  writeJson(PROOF_KEY, null);
  writeJson(VOICE_KEY, null);
  proofInMemory = null;
  prepareVoice();
}

/** Called once each time a new proof is ready. */
export function onVoiceReady(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether a proof is being made now (the page says so beside a waiting report). */
export const makingProof = () => working !== null;
