// Reports in the database. What leaves here for clients never holds the
// device key.
import type { Db, Transaction } from '../db';
import type { Direction, Mode } from '../enums';
import type { ParsedReport } from './input';

/** A report as anyone may see it. */
export interface PublicReport {
  id: string;
  checkpointId: string;
  direction: Direction;
  mode: Mode;
  waitMinutes: number | null;
  queueVehicles: number | null;
  queueKm: number | null;
  joinedAt: string | null;
  crossedAt: string | null;
  createdAt: string;
}

export const publicColumns = {
  id: true, checkpointId: true, direction: true, mode: true, waitMinutes: true,
  queueVehicles: true, queueKm: true, joinedAt: true, crossedAt: true, createdAt: true,
} as const;

export type PublicRow = { [K in keyof PublicReport]: K extends 'joinedAt' | 'crossedAt' ? Date | null : K extends 'createdAt' ? Date : PublicReport[K] };

export function toPublic(row: PublicRow): PublicReport {
  return {
    ...row,
    joinedAt: row.joinedAt?.toISOString() ?? null,
    crossedAt: row.crossedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** What a just-stored report looks like to clients, without reading it back. */
export function publicReportOf(report: ParsedReport, createdAt: Date): PublicReport {
  return toPublic({ ...report, createdAt });
}

/** Stores a report unless its id is already stored; says which. */
export async function insertReport(tx: Transaction, report: ParsedReport, deviceKeyHash: string, now: Date): Promise<boolean> {
  const { count } = await tx.report.createMany({
    data: [{ ...report, deviceKey: deviceKeyHash, createdAt: now }],
    skipDuplicates: true,
  });
  return count === 1;
}

export async function findPublicReport(db: Db, id: string): Promise<PublicReport | null> {
  const row = await db.report.findUnique({ where: { id }, select: publicColumns });
  return row ? toPublic(row) : null;
}

export async function listRecentReports(db: Db, options: { checkpointId: string; since: Date; limit: number }): Promise<PublicReport[]> {
  const rows = await db.report.findMany({
    where: { checkpointId: options.checkpointId, hidden: false, createdAt: { gte: options.since } },
    select: publicColumns,
    orderBy: { createdAt: 'desc' },
    take: options.limit,
  });
  return rows.map(toPublic);
}
