// The one path of a report, from Socket.IO or HTTP: check the device key,
// parse and check it, apply rate limits (spent only by what is stored), then
// store it (idempotent on the client's id) and recompute its estimate in one
// transaction, together with the reports for
// the same checkpoint × direction × mode that arrived meanwhile; publish.
// Only what is committed is acknowledged.
import type { PrismaClient } from '../db';
import type { BorderCode } from '../enums';
import { AppError, fieldErrorsFrom } from '../errors';
import { listEstimates, recomputeFrom } from '../estimates/store';
import { createReportWindows, readReportWindow, withAdded, type WindowReport } from '../estimates/report-window';
import type { Estimate } from '../estimates/types';
import { deviceKeySchema, makeReportInputSchema } from './input';
import { publicColumns, publicReportOf, storeReportsAndLockEstimate, toPublic, type PublicReport, type ReportToStore } from './store';
import type { CheckpointDirectory, KnownCheckpoint } from '../checkpoint-directory';
import { createGroupCommit } from '../group-commit';
import type { SqlDatabase } from '../sql';

/** An admitted report's hold on the rate limits. */
export interface Admission {
  /** Returns what the report spent: it was not stored after all (a repeat of a stored id, a fault). */
  giveBack: () => Promise<void>;
  /** Admitted without a voice: stored held for a moderator (a sender that cannot prove, past its address's allowance). */
  held?: boolean;
}

/**
 * Admits a report, or throws AppError('rate_limited') with the limit it met and `retryAfterSeconds`
 * (or 'proof_required' for a device without a proof of work where those without one are too many, unless it
 * `cannotProve`: then it is admitted `held`).
 */
export type LimitReports = (client: { deviceKeyHash: string; address: string; proven: boolean; cannotProve?: boolean }) => Promise<Admission>;

/** Whether a device has its voice: it proved work once (server/device-proofs.ts). */
export interface DeviceStanding {
  proven: boolean;
  /** The token later reports carry instead of a proof. */
  voice?: string;
  /** A proof was spent for this report (rather than a voice token shown). */
  spent: boolean;
  /** Gives back a proof spent by a report that was not stored after all. */
  release: () => Promise<void>;
}
export type ProveDevice = (deviceKeyHash: string, credentials: { voice?: unknown; proof?: unknown }) => Promise<DeviceStanding>;

/** What a channel knows of the sender: its device key with its voice or proof, and its address (for limits only). */
export interface ReportClient {
  deviceKey: unknown;
  voice?: unknown;
  proof?: unknown;
  address: string;
  /**
   * The channel cannot make a proof of work (the form of a page without scripts). Past its address's allowance of
   * devices without one, its report is stored held for a moderator rather than refused.
   */
  cannotProve?: boolean;
}

export interface ReportDeps {
  prisma: PrismaClient;
  /** The pool the hot path's transaction runs on (lib/sql.ts says why not Prisma). */
  database: SqlDatabase;
  /** Checkpoints in memory: a report reads none from the database. */
  directory: CheckpointDirectory;
  now: () => Date;
  hashDeviceKey: (deviceKey: string) => string;
  /** Charged only for reports that are stored. */
  limitReports: LimitReports;
  proveDevice: ProveDevice;
  publish: (estimate: Estimate, border: BorderCode) => void;
  /** After a commit that stored reports of this checkpoint: what is cached of it is out of date. */
  stored: (checkpointId: string) => void;
}

export interface SubmittedReport {
  report: PublicReport;
  estimate: Estimate;
  /** The id was stored before: this is the first result, and nothing new was stored. */
  duplicate: boolean;
  /** The device's voice token, once it has proved its work: later reports send it instead of a proof. */
  voice?: string;
  /** Stored, but held for a moderator: it does not count until one shows it (`estimate` is as it was). */
  held?: true;
}

/** Reports of one key stored in one transaction at most; a burst beyond waits for the next. */
const MAX_BATCH = 200;
/** Keys whose windows a node keeps: every checkpoint × direction × mode of the catalogue, twice over. */
const MAX_WINDOWS = 1000;

/** What a batch stored, as its window holds it: each id once (the first of a repeat is what was stored), none held. */
function windowReportsOf(items: readonly ReportToStore[], storedIds: ReadonlySet<string>, xmin: number, createdAt: Date): WindowReport[] {
  const taken = new Set<string>();
  const added: WindowReport[] = [];
  for (const { report, deviceKeyHash, held } of items) {
    if (!storedIds.has(report.id) || taken.has(report.id)) continue;
    taken.add(report.id);
    // Held reports are stored hidden: no window holds them until a moderator shows them.
    if (held) continue;
    added.push({
      id: report.id.toLowerCase(),
      xmin,
      report: {
        deviceKey: deviceKeyHash, createdAt, waitMinutes: report.waitMinutes ?? null, queueVehicles: report.queueVehicles ?? null, queueKm: report.queueKm ?? null,
        joinedAt: report.joinedAt ?? null, crossedAt: report.crossedAt ?? null, letThrough: report.letThrough ?? null, letThroughMinutes: report.letThroughMinutes ?? null,
        signal: report.signal ?? null, verdict: report.verdict ?? null, shownMinutes: report.shownMinutes ?? null,
      },
    });
  }
  return added;
}

interface Stored {
  /** False: the id was stored before. */
  stored: boolean;
  estimate: Estimate;
  storedAt: Date;
}

export function createReportSubmitter(deps: ReportDeps) {
  const schema = makeReportInputSchema(deps.now);

  // Reports for one checkpoint × direction × mode are stored together with the recompute of its
  // estimate: one transaction for all that arrived while the previous one ran (lib/group-commit.ts).
  // Each key's reports as this node last read or stored them: a report adds itself to them instead of reading
  // the whole window again, once the database confirms they are still all of it (lib/estimates/report-window.ts).
  const windows = createReportWindows({ maxKeys: MAX_WINDOWS });
  const store = createGroupCommit<ReportToStore & { checkpoint: KnownCheckpoint }, Stored>({
    maxBatch: MAX_BATCH,
    async run(key, items) {
      const { checkpoint, report } = items[0]!;
      let outcome;
      try {
        outcome = await deps.database.transaction(async (sql) => {
          const now = deps.now();
          const { storedIds, locked, xmin } = await storeReportsAndLockEstimate(sql, items, now);
          const known = windows.get(key);
          const added = known && xmin !== null ? windowReportsOf(items, storedIds, xmin, now) : [];
          const options = { checkpoint, direction: report.direction, mode: report.mode, now };
          const window = await readReportWindow(sql, { checkpointId: checkpoint.id, ...options }, known && withAdded(known, added));
          const refreshed = await recomputeFrom(sql, locked, window, options);
          return { ...refreshed, storedIds, now, window };
        });
      } catch (fault) {
        // Whatever failed, what this node knows of the key is read whole next time.
        windows.forget(key);
        throw fault;
      }
      // Known once committed: the next report of this key starts from it.
      windows.set(key, outcome.window);
      // Once per batch, after the commit: only what is stored is ever published.
      if (outcome.storedIds.size > 0) deps.stored(checkpoint.id);
      if (outcome.changed) deps.publish(outcome.estimate, checkpoint.border);
      // A retry that caught up with its first try in the same batch is that report's repeat.
      const answered = new Set<string>();
      return items.map(({ report: { id } }) => {
        const stored = outcome.storedIds.has(id) && !answered.has(id);
        answered.add(id);
        return { stored, estimate: outcome.estimate, storedAt: outcome.now };
      });
    },
  });

  return async function submitReport(input: unknown, client: ReportClient): Promise<SubmittedReport> {
    const deviceKey = deviceKeySchema.safeParse(client.deviceKey);
    if (!deviceKey.success) {
      throw new AppError('invalid_input', 'A report needs the device key the app keeps for this device.', [
        { path: 'deviceKey', message: deviceKey.error.issues[0]?.message ?? 'is invalid' },
      ]);
    }
    const deviceKeyHash = deps.hashDeviceKey(deviceKey.data);

    // Everything that needs no quota comes first: a bogus request is refused without spending any.
    const parsed = schema.safeParse(input);
    if (!parsed.success) throw new AppError('invalid_input', 'The report is not valid.', fieldErrorsFrom(parsed.error.issues));
    const report = parsed.data;

    let checkpoint = deps.directory.get(report.checkpointId) ?? ((await deps.directory.refreshFor([report.checkpointId])) ? deps.directory.get(report.checkpointId) : undefined);
    // A moderator may have opened this mode on another node since this one last read the checkpoints.
    if (checkpoint && !checkpoint.modes.includes(report.mode) && (await deps.directory.refreshFor([report.checkpointId]))) checkpoint = deps.directory.get(report.checkpointId);
    if (!checkpoint) {
      throw new AppError('unknown_checkpoint', `No checkpoint has the id "${report.checkpointId}".`, [{ path: 'checkpointId', message: 'unknown checkpoint' }]);
    }
    if (!checkpoint.modes.includes(report.mode)) {
      throw new AppError('mode_not_allowed', `${checkpoint.id} does not allow ${report.mode}; allowed: ${checkpoint.modes.join(', ')}.`, [
        { path: 'mode', message: `allowed here: ${checkpoint.modes.join(', ')}` },
      ]);
    }

    // A client that lost its ack and resends learns its report was stored, whatever its standing now.
    const repeat = async (refusal: unknown) => {
      const stored = refusal instanceof AppError && (refusal.code === 'rate_limited' || refusal.code === 'proof_required') ? await firstResult(deps.prisma, report.id) : null;
      if (stored) return stored;
      throw refusal;
    };
    let standing: DeviceStanding;
    try {
      standing = await deps.proveDevice(deviceKeyHash, { voice: client.voice, proof: client.proof });
    } catch (refusal) {
      return repeat(refusal);
    }
    // A proof spent now is given back unless this report is stored; a voice the device had stays its own.
    const voice = standing.voice ? { voice: standing.voice } : {};
    const voiceIfKept = standing.spent ? {} : voice;
    let admission: Admission;
    try {
      admission = await deps.limitReports({ deviceKeyHash, address: client.address, proven: standing.proven, ...(client.cannotProve ? { cannotProve: true } : {}) });
    } catch (refusal) {
      await standing.release();
      return { ...(await repeat(refusal)), ...voiceIfKept };
    }
    const giveBack = () => Promise.all([admission.giveBack(), standing.release()]);
    let outcome: Stored;
    try {
      outcome = await store.submit(`${checkpoint.id}/${report.direction}/${report.mode}`, { report, deviceKeyHash, checkpoint, held: admission.held });
    } catch (fault) {
      // Never charged for a fault of ours: the outbox retries, and must not be locked out by its own retries.
      await giveBack();
      throw fault;
    }
    if (!outcome.stored) {
      await giveBack();
      return { ...(await firstResult(deps.prisma, report.id))!, ...voiceIfKept };
    }
    return { report: publicReportOf(report, outcome.storedAt), estimate: outcome.estimate, duplicate: false, ...voice, ...(admission.held ? { held: true as const } : {}) };
  };
}

/** A repeated id: the stored report and its estimate as it stands, and whether it still waits for a moderator; null if no such id is stored. */
async function firstResult(prisma: PrismaClient, id: string): Promise<SubmittedReport | null> {
  const stored = await prisma.report.findUnique({ where: { id }, select: { ...publicColumns, held: true } });
  if (!stored) return null;
  const { held, ...row } = stored;
  const report = toPublic(row);
  const estimates = await listEstimates(prisma, [report.checkpointId]);
  const estimate = estimates.find((e) => e.direction === report.direction && e.mode === report.mode)!;
  return { report, estimate, duplicate: true, ...(held ? { held: true as const } : {}) };
}

export type SubmitReport = ReturnType<typeof createReportSubmitter>;
