// A device's voice costs work, not an address. A phone proves a small amount
// of work once (ALTCHA's proof of work v2: PBKDF2 tries up to a counter the
// server chose), in the background when the page opens; the proof is
// unbound until the device's first report carries it, and then it is spent:
// one proof, one device. The device gets a voice token (an HMAC of its key
// hash) that later reports carry, so checking a voice reads no database.
// Nothing here holds an address or a device key in clear.
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createChallenge, verifySolution, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { z } from 'zod';
import { AppError } from '../lib/errors';
import type { DeviceStanding, ProveDevice } from '../lib/reports/submit-report';

export const PROOF_ALGORITHM = 'PBKDF2/SHA-256';
/** A proof made when the page opened still counts when its first report goes out days later. */
const PROOF_LIFETIME_MS = 7 * 24 * 3600_000;
/** The counter the phone must reach is spread ±25 % around the mean, so no two proofs cost alike. */
const SPREAD = 0.25;

export interface ProofSettings {
  /** PBKDF2 iterations a try. */
  cost: number;
  /** Tries a proof takes on average (the counter the server picks). */
  tries: number;
}

/**
 * One proof, one device: the first report that spends it binds it to its device, across nodes when Redis is
 * shared. The same device showing it again (a resend after a lost ack) is that device, not another one.
 */
export type Spending = 'spent' | 'mine' | 'taken';
export interface SpentProofs {
  spend(nonce: string, device: string, ttlMs: number): Promise<Spending>;
  unspend(nonce: string): Promise<void>;
}

export function memorySpentProofs(now: () => number = Date.now): SpentProofs {
  const spent = new Map<string, { until: number; device: string }>();
  let sweptAt = now();
  return {
    async spend(nonce, device, ttlMs) {
      const at = now();
      if (at - sweptAt > 60_000) {
        for (const [key, { until }] of spent) if (until <= at) spent.delete(key);
        sweptAt = at;
      }
      const held = spent.get(nonce);
      if (held && held.until > at) return held.device === device ? 'mine' : 'taken';
      spent.set(nonce, { until: at + ttlMs, device });
      return 'spent';
    },
    async unspend(nonce) {
      spent.delete(nonce);
    },
  };
}

/** Shared through Redis; while Redis is away each node keeps its own list rather than refuse honest proofs. */
export function redisSpentProofs(redis: Redis, prefix: string): SpentProofs {
  const local = memorySpentProofs();
  const key = (nonce: string) => `${prefix}:proof:${nonce}`;
  return {
    async spend(nonce, device, ttlMs) {
      const here = await local.spend(nonce, device, ttlMs);
      if (here === 'taken') return here;
      try {
        if ((await redis.set(key(nonce), device, 'PX', ttlMs, 'NX')) === 'OK') return 'spent';
        return (await redis.get(key(nonce))) === device ? 'mine' : 'taken';
      } catch {
        return here;
      }
    },
    async unspend(nonce) {
      await local.unspend(nonce);
      await redis.del(key(nonce)).catch(() => 0);
    },
  };
}

const hex = (max: number) => z.string().regex(/^[0-9a-f]+$/i).max(max);
/** What a client may send as a proof: ALTCHA's challenge as the server signed it, and the solution. */
const proofSchema = z.object({
  challenge: z.object({
    parameters: z.object({
      algorithm: z.literal(PROOF_ALGORITHM),
      nonce: hex(64),
      salt: hex(64),
      cost: z.number().int().positive(),
      keyLength: z.number().int().positive().max(64),
      keyPrefix: hex(128),
      keySignature: hex(128),
      expiresAt: z.number().int().positive(),
    }),
    signature: hex(128),
  }),
  solution: z.object({ counter: z.number().int().min(0).max(2 ** 32 - 1), derivedKey: hex(128) }),
});
export type DeviceProof = z.infer<typeof proofSchema>;

const derive = (secret: string, purpose: string) => createHmac('sha256', secret).update(`kordon:${purpose}`).digest('base64url');

export function createDeviceProofs(options: { secret: string; settings: ProofSettings; spent: SpentProofs; now?: () => number }) {
  const now = options.now ?? Date.now;
  const challengeSecret = derive(options.secret, 'proof-challenge');
  const keySecret = derive(options.secret, 'proof-key');
  const voiceSecret = derive(options.secret, 'voice');
  const { cost, tries } = options.settings;

  const voiceFor = (deviceKeyHash: string) => createHmac('sha256', voiceSecret).update(deviceKeyHash).digest('base64url').slice(0, 32);
  const hasVoice = (deviceKeyHash: string, token: unknown): boolean => {
    if (typeof token !== 'string' || token.length !== 32) return false;
    const a = Buffer.from(token);
    const b = Buffer.from(voiceFor(deviceKeyHash));
    return a.length === b.length && timingSafeEqual(a, b);
  };

  const refuse = (message: string) => new AppError('proof_required', `The device's proof of work ${message}; the page makes a new one by itself.`, [{ path: 'proof', message }]);

  /** A new challenge; costs the server one try (the known counter's key). */
  async function challenge(): Promise<Challenge> {
    const low = Math.max(1, Math.round(tries * (1 - SPREAD)));
    const high = Math.max(low + 1, Math.round(tries * (1 + SPREAD)));
    return createChallenge({
      algorithm: PROOF_ALGORITHM,
      cost,
      counter: randomInt(low, high),
      deriveKey,
      expiresAt: new Date(now() + PROOF_LIFETIME_MS),
      hmacSignatureSecret: challengeSecret,
      // The solver must find the whole key, of which the challenge shows half: no key is derived to check it.
      hmacKeySignatureSecret: keySecret,
    });
  }

  const nothing = async () => {};

  /**
   * Checks a proof and spends it for `holder` (a device's key hash, or whatever else a proof buys): `spent` now, or
   * `mine` when this holder spent it before (a resend); refused when it is not valid or another holder spent it.
   */
  async function spend(proof: unknown, holder: string): Promise<{ spending: 'spent' | 'mine'; release: () => Promise<void> }> {
    const parsed = proofSchema.safeParse(proof);
    if (!parsed.success) throw refuse('is not a proof this server issued');
    const { challenge: signed, solution } = parsed.data;
    let result: Awaited<ReturnType<typeof verifySolution>>;
    try {
      result = await verifySolution({ challenge: signed, solution, deriveKey, hmacSignatureSecret: challengeSecret, hmacKeySignatureSecret: keySecret });
    } catch {
      // Should the library throw on a proof it cannot read, that proof is not valid: never a fault of ours.
      throw refuse('is not valid');
    }
    if (result.expired) throw refuse('has expired');
    if (!result.verified) throw refuse('is not valid');
    const nonce = signed.parameters.nonce.toLowerCase();
    const ttlMs = Math.max(1000, signed.parameters.expiresAt * 1000 - now());
    const spending = await options.spent.spend(nonce, holder, ttlMs);
    if (spending === 'taken') throw refuse('was used by another device');
    return { spending, release: spending === 'spent' ? () => options.spent.unspend(nonce) : nothing };
  }

  /** Whether this device has its voice: a token it was given, or a proof it spends now (given back by `release`). */
  const prove: ProveDevice = async (deviceKeyHash, credentials): Promise<DeviceStanding> => {
    if (hasVoice(deviceKeyHash, credentials.voice)) return { proven: true, spent: false, voice: voiceFor(deviceKeyHash), release: nothing };
    if (credentials.proof === undefined) return { proven: false, spent: false, release: nothing };
    // One this device spent before (a resend) proves it too, and nothing of it is given back by this report.
    const { spending, release } = await spend(credentials.proof, deviceKeyHash);
    return { proven: true, spent: spending === 'spent', voice: voiceFor(deviceKeyHash), release };
  };

  return { challenge, prove, spend, voiceFor };
}

export type DeviceProofs = ReturnType<typeof createDeviceProofs>;
