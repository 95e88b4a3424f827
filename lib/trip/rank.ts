// The answer to "which crossing should I go to": for a start, a direction
// and a mode, every crossing that takes that mode, ordered by drive + wait.
// Honest about what it does not know: crossings whose wait is old or unknown
// come after those with a live one, closed ones last, and two crossings each
// within the other's range are called about equal rather than put in an order.
import type { CheckpointSummary } from '../checkpoints';
import type { Direction, Mode } from '../enums';
import { estimateKey, type EstimateMap } from '../ui/estimate-store';
import { liveSignals } from '../estimates/signals';
import { shownEstimate, type Quality } from '../ui/wait-bands';
import { crossingAfterDrive } from './arrival';
import { estimateDrive, type Drive, type Point } from './drive';

export interface RankedCrossing {
  checkpoint: CheckpointSummary;
  drive: Drive;
  /** The wait shown (live or old) and how sure it is; null wait: no recent data. */
  wait: number | null;
  quality: Quality;
  /** Drive + wait, with the wait's range (at a post with opening hours, the wait on arrival); null without a wait. */
  total: number | null;
  totalLow: number | null;
  totalHigh: number | null;
  /** Its total lies within the range of the one ranked just above, and that one's within its range: about as good. */
  aboutEqualToPrevious: boolean;
  /** The total counts the post's opening hours (shut on arrival, or the night before the queue is through): say so. */
  hoursCounted: boolean;
  /** Why it is ranked where it is, if not by its total: no wait known, or an old one, or closed. */
  group: 'live' | 'old' | 'unknown' | 'closed';
  /** The queue says it is closed (a crowd signal, lib/estimates/signals.ts): words, not a moderator's status. */
  crowdSaysClosed: boolean;
}

export interface RankOptions {
  start: Point;
  checkpoints: readonly CheckpointSummary[];
  estimates: EstimateMap;
  direction: Direction;
  mode: Mode;
  /** Only crossings open to every traveller (`access: multilateral`). */
  openToAllOnly?: boolean;
  /** Drives from a routing service, by checkpoint id, where one answered (routing.ts); the estimate elsewhere. */
  drives?: ReadonlyMap<string, Drive>;
  /** Now: a crowd signal that has faded by then is not counted (a page's estimates may be old). */
  now: Date;
}

const GROUP_ORDER: Record<RankedCrossing['group'], number> = { live: 0, old: 1, unknown: 2, closed: 3 };
/** A post's hours are worth a line under its total when they move it by this much from drive + wait. */
const HOURS_WORTH_SAYING_MINUTES = 30;

/** An unreported crossing is worth naming when its drive alone leaves at least this long for its queue. */
const ROOM_FOR_A_QUEUE_MINUTES = 60;

/**
 * Crossings nobody has reported lately whose drive alone is shorter than the best ranked one's drive and queue: the
 * ranking cannot place them (their wait is unknown), yet a person deciding where to drive must not read the far
 * crossing that happens to have reports as the answer. Null when there are none, or no live wait to compare with.
 */
export function nearerUnreported(rows: readonly RankedCrossing[]): { nearest: RankedCrossing; count: number } | null {
  const best = rows.find((row) => row.group === 'live' && row.total !== null);
  if (!best) return null;
  // A crossing the queue says is closed may be quicker only if the queue is wrong: it is not named as a way out.
  const nearer = rows.filter((row) => (row.group === 'unknown' || row.group === 'old') && !row.crowdSaysClosed && row.drive.minutes + ROOM_FOR_A_QUEUE_MINUTES <= best.total!);
  if (nearer.length === 0) return null;
  const nearest = nearer.reduce((a, b) => (b.drive.minutes < a.drive.minutes ? b : a));
  return { nearest, count: nearer.length };
}

export function rankCrossings(options: RankOptions): RankedCrossing[] {
  const rows = options.checkpoints
    .filter((checkpoint) => checkpoint.modes.includes(options.mode))
    .filter((checkpoint) => !options.openToAllOnly || checkpoint.access === 'multilateral')
    .map((checkpoint): RankedCrossing => {
      const drive = options.drives?.get(checkpoint.id) ?? estimateDrive(options.start, checkpoint);
      const estimate = options.estimates[estimateKey(checkpoint.id, options.direction, options.mode)];
      const { wait, quality } = shownEstimate(estimate);
      const closed = checkpoint.status === 'closed';
      const crowdSaysClosed = liveSignals(estimate, options.now).some((signal) => signal.kind === 'closed');
      const group = closed ? 'closed' : wait === null ? 'unknown' : quality === 'old' ? 'old' : 'live';
      const band = estimate && wait !== null && estimate.low !== null && estimate.high !== null ? { low: estimate.low, high: estimate.high } : { low: wait, high: wait };
      // A post that shuts: shut on arrival one waits for its opening, arriving late one may wait the night.
      const onArrival = group === 'live' && checkpoint.openingHours && estimate ? crossingAfterDrive(estimate, checkpoint.openingHours, drive.minutes) : null;
      return {
        checkpoint,
        drive,
        wait,
        quality,
        total: onArrival ? onArrival.total : wait === null ? null : drive.minutes + wait,
        totalLow: onArrival ? onArrival.low : band.low === null ? null : drive.minutes + band.low,
        totalHigh: onArrival ? onArrival.high : band.high === null ? null : drive.minutes + band.high,
        aboutEqualToPrevious: false,
        hoursCounted: onArrival !== null && wait !== null && Math.abs(onArrival.total - (drive.minutes + wait)) >= HOURS_WORTH_SAYING_MINUTES,
        group,
        crowdSaysClosed,
      };
    })
    .sort((a, b) => GROUP_ORDER[a.group] - GROUP_ORDER[b.group] || (a.total ?? a.drive.minutes) - (b.total ?? b.drive.minutes));
  for (let i = 1; i < rows.length; i += 1) {
    const above = rows[i - 1]!;
    const here = rows[i]!;
    // Not merely overlapping ranges: bands are wide where reports are few, and "2 days" and "3.5 days" overlap, yet
    // a person told they are about the same would drive to either. Equal when neither range rules out the other's
    // likeliest total.
    here.aboutEqualToPrevious =
      here.group === 'live' &&
      above.group === 'live' &&
      here.total !== null &&
      above.total !== null &&
      here.totalLow !== null &&
      above.totalHigh !== null &&
      here.total <= above.totalHigh &&
      above.total >= here.totalLow;
  }
  return rows;
}
