// At a post with opening hours the wait depends on when one gets there: shut on arrival, one waits for the
// opening; arriving late in the day, one may wait the night. The queue's own wait (the post's open minutes of
// the estimate) is taken as it is now, since nothing foretells how it will move, and run on the post's clock
// from the moment of arrival.
import { openClock, type OpeningHours } from '../estimates/opening-hours';
import type { Estimate } from '../estimates/types';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface AfterDrive {
  /** Minutes from the estimate's moment until someone who set off then, drove and joined on arrival is across. */
  total: number;
  low: number | null;
  high: number | null;
}

/** Drive and wait together at a post with opening hours, for the wait and each end of its band; null without a wait. */
export function crossingAfterDrive(estimate: Pick<Estimate, 'waitMinutes' | 'low' | 'high' | 'updatedAt'>, hours: OpeningHours, driveMinutes: number): AfterDrive | null {
  if (estimate.waitMinutes === null) return null;
  const now = Date.parse(estimate.updatedAt);
  const arrival = now + driveMinutes * MINUTE;
  const clock = openClock(hours, now - DAY, arrival + 10 * DAY);
  // The estimate's wall minutes from now back to open minutes (the inverse of how the estimator made them).
  const openOf = (wallMinutes: number) => (clock.toOpen(now + wallMinutes * MINUTE) - clock.toOpen(now)) / MINUTE;
  const opens = clock.nextOpen(arrival);
  const fromArrival = (wallMinutes: number | null) =>
    wallMinutes === null ? null : Math.round((Math.max(clock.toWall(clock.toOpen(arrival) + openOf(wallMinutes) * MINUTE), opens) - now) / MINUTE);
  return { total: fromArrival(estimate.waitMinutes)!, low: fromArrival(estimate.low), high: fromArrival(estimate.high) };
}
