// What moderators should look at: estimates carried by a burst of new voices
// (lib/estimates/bursts.ts), with the devices of the burst, so that one
// machine's invented device keys can be hidden in one action each; and reports
// held for a moderator (a page without scripts past its network's allowance),
// which count for nothing until one is shown; and what the crowd says in one
// tap now ("closed"), which a moderator may confirm with the checkpoint's
// status, or hide in one action if it is one machine's invented keys: three
// taps at a quiet crossing need no more, and no estimate's weight shows them.
import type { PrismaClient } from '../db';
import type { CrowdSignalKind, Direction, Mode } from '../enums';
import { burstOf } from '../estimates/bursts';
import { PARAMETERS } from '../estimates/parameters';
import { listEstimates } from '../estimates/store';
import { liveSignals } from '../estimates/signals';

export interface BurstAlert {
  kind: 'new-device-burst';
  checkpointId: string;
  direction: Direction;
  mode: Mode;
  /** The devices of the burst (their stored keyed hashes, as `POST /api/moderation/devices/:device` takes them). */
  devices: string[];
  /** When the first and the last of them was first heard from. */
  from: string;
  to: string;
  /** Their share of the recent weight of the estimate, 0–1. */
  share: number;
}

/** Every checkpoint × direction × mode whose estimate a burst of new devices carries now, the largest share first. */
export async function listAlerts(prisma: PrismaClient, options: { now: Date }): Promise<BurstAlert[]> {
  const now = options.now.getTime();
  const rows = await prisma.report.groupBy({
    by: ['checkpointId', 'direction', 'mode', 'deviceKey'],
    where: { hidden: false, createdAt: { gte: new Date(now - PARAMETERS.lookbackMs), lte: options.now } },
    _min: { createdAt: true },
    _max: { createdAt: true },
  });
  const windowStart = now - PARAMETERS.currentWindowMs;
  const series = new Map<string, { checkpointId: string; direction: Direction; mode: Mode; sightings: { device: string; firstSeen: number; lastSeen: number }[] }>();
  for (const row of rows) {
    const lastSeen = row._max.createdAt!.getTime();
    if (lastSeen < windowStart) continue;
    const key = `${row.checkpointId}/${row.direction}/${row.mode}`;
    let entry = series.get(key);
    if (!entry) series.set(key, (entry = { checkpointId: row.checkpointId, direction: row.direction, mode: row.mode, sightings: [] }));
    entry.sightings.push({ device: row.deviceKey, firstSeen: row._min.createdAt!.getTime(), lastSeen });
  }
  const alerts: BurstAlert[] = [];
  for (const { checkpointId, direction, mode, sightings } of series.values()) {
    const burst = burstOf(sightings, now);
    if (!burst) continue;
    alerts.push({
      kind: 'new-device-burst', checkpointId, direction, mode, devices: burst.devices,
      from: new Date(burst.from).toISOString(), to: new Date(burst.to).toISOString(), share: Math.round(burst.share * 100) / 100,
    });
  }
  return alerts.sort((a, b) => b.share - a.share);
}

export interface HeldAlert {
  kind: 'held-reports';
  checkpointId: string;
  direction: Direction;
  mode: Mode;
  /** How many reports wait there, not yet shown by a moderator. */
  reports: number;
  /** When the first and the last of them was stored. */
  from: string;
  to: string;
}

/**
 * Every checkpoint × direction × mode with reports held for a moderator within the estimate's window (older ones
 * could no longer move it), the most first.
 */
export async function listHeldAlerts(prisma: PrismaClient, options: { now: Date }): Promise<HeldAlert[]> {
  const rows = await prisma.report.groupBy({
    by: ['checkpointId', 'direction', 'mode'],
    where: { held: true, createdAt: { gte: new Date(options.now.getTime() - PARAMETERS.currentWindowMs), lte: options.now } },
    _count: { _all: true },
    _min: { createdAt: true },
    _max: { createdAt: true },
  });
  return rows
    .map((row) => ({
      kind: 'held-reports' as const, checkpointId: row.checkpointId, direction: row.direction, mode: row.mode, reports: row._count._all,
      from: row._min.createdAt!.toISOString(), to: row._max.createdAt!.toISOString(),
    }))
    .sort((a, b) => b.reports - a.reports || a.checkpointId.localeCompare(b.checkpointId));
}

export interface SignalAlert {
  kind: 'crowd-signal';
  checkpointId: string;
  direction: Direction;
  mode: Mode;
  signal: CrowdSignalKind;
  /** The devices that said it since `since` (stored keyed hashes, as `POST /api/moderation/devices/:device` takes them). */
  devices: string[];
  since: string;
  fadesAt: string;
}

/** Everything moderators should look at now, read at one moment: the API and /moderate show the same. */
export async function listModerationAlerts(prisma: PrismaClient, options: { now: Date }): Promise<{ bursts: BurstAlert[]; signals: SignalAlert[]; held: HeldAlert[] }> {
  const [bursts, signals, held] = await Promise.all([listAlerts(prisma, options), listSignalAlerts(prisma, options), listHeldAlerts(prisma, options)]);
  return { bursts, signals, held };
}

/** Every crowd signal shown now, with the devices that said it, the most recent first. */
export async function listSignalAlerts(prisma: PrismaClient, options: { now: Date }): Promise<SignalAlert[]> {
  const shown = (await listEstimates(prisma)).flatMap((estimate) => liveSignals(estimate, options.now).map((signal) => ({ estimate, signal })));
  const alerts = await Promise.all(
    shown.map(async ({ estimate: { checkpointId, direction, mode }, signal }) => {
      const rows = await prisma.report.findMany({
        where: { checkpointId, direction, mode, signal: signal.kind, hidden: false, createdAt: { gte: new Date(signal.since), lte: options.now } },
        select: { deviceKey: true },
        distinct: ['deviceKey'],
      });
      return { kind: 'crowd-signal' as const, checkpointId, direction, mode, signal: signal.kind, devices: rows.map((row) => row.deviceKey), since: signal.since, fadesAt: signal.fadesAt };
    }),
  );
  return alerts.sort((a, b) => Date.parse(b.since) - Date.parse(a.since) || a.checkpointId.localeCompare(b.checkpointId));
}
