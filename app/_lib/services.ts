// Route handlers and pages run inside Next.js's own module graph, which does
// not share module instances with server/. The server hands them its single
// Prisma client through this process-wide slot instead.
import type { Reads } from '../../lib/reads';
import type { PrismaClient } from '../../generated/prisma/client';
import type { Logger } from 'pino';
import type { CheckpointStatusUpdate } from '../../lib/events';
import type { DatabaseHealth } from '../../lib/health';
import type { SubmitReport } from '../../lib/reports/submit-report';
import type { AddressBurst } from '../../lib/moderation/address-bursts';

/** Settings the pages pass on to the browser. */
export interface PublicSettings {
  /** Raster tiles over the bundled basemap, when configured. */
  tiles: { url: string; attribution: string } | null;
}

/** Moderation, with publishing to clients bound in. */
export interface ModerationService {
  /** The moderator an Authorization header names (401 without a token, 403 with one that is no moderator's). */
  identify(authorization: string | null): Promise<string>;
  hideReports(target: { reportId: string } | { devices: readonly string[] }, body: unknown, moderator: string): Promise<{ affected: number; devices: number }>;
  setStatus(checkpointId: string, body: unknown, moderator: string): Promise<CheckpointStatusUpdate>;
  setModes(checkpointId: string, body: unknown, moderator: string): Promise<CheckpointStatusUpdate>;
  /** New devices arriving from one address in the last hour (lib/moderation/address-bursts.ts). */
  addressBursts(): Promise<AddressBurst[]>;
}

export interface PushService {
  /** The VAPID public key a browser subscribes with. */
  publicKey: string;
  /**
   * Stores a subscription with its watch list (replacing the one before). A new one is limited per address, past
   * which a proof of work (`X-Device-Proof`) buys it (`proofSpent`); a write to one already stored, per endpoint.
   */
  save(body: unknown, address: string, proof?: unknown): Promise<{ watches: number; proofSpent?: boolean }>;
  remove(body: unknown): Promise<{ deleted: boolean }>;
}

export interface Services {
  prisma: PrismaClient;
  logger: Logger;
  now: () => Date;
  submitReport: SubmitReport;
  /** A new proof-of-work challenge for a device's first report (server/device-proofs.ts); never refused (server/app.ts says why). */
  proofChallenge(): Promise<object>;
  /** The public reads, through a short cache (lib/reads.ts). */
  reads: Reads;
  checkDatabase(): Promise<DatabaseHealth>;
  /** With REDIS_URL: whether this node shares with the others now; null without. */
  redisState(): 'connected' | 'unreachable' | null;
  publicSettings: PublicSettings;
  /** Web Push for the watch list (server/web-push.ts). */
  push: PushService;
  moderation: ModerationService;
}

const SLOT = Symbol.for('kordon.services');
type Slot = { [SLOT]?: Services };

export function provideServices(services: Services | undefined): void {
  (globalThis as Slot)[SLOT] = services;
}

export function getServices(): Services {
  const services = (globalThis as Slot)[SLOT];
  if (!services) {
    throw new Error('Kordon services are not running: start the app with `npm start` (server/main.ts), not `next start`.');
  }
  return services;
}
