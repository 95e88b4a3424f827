// The true queue of a simulated crossing, minute by minute: a fluid FIFO
// queue fed by arrivals and emptied by what the post lets through. From it
// follow the true wait of someone joining at any minute (what Kordon must
// estimate), when that person crosses, and how many are ahead of them later.
import { REPORT_LIMITS } from '../../lib/reports/limits';

export interface QueueSpec {
  /** Minutes simulated (and scored); the post keeps working past it so late joiners still cross. */
  minutes: number;
  initialQueue: number;
  /** Vehicles joining per minute at minute m. */
  arrivals(minute: number): number;
  /** Vehicles the post can let through per minute at minute m (0 while closed). */
  service(minute: number): number;
  /** Share of the queue that gives up and leaves during minute m, from every place in it (default none). */
  leaving?(minute: number): number;
}

export interface Truth {
  minutes: number;
  /** Vehicles waiting at minute m. */
  queue(minute: number): number;
  /** Minutes someone joining at minute m waits until they cross. */
  wait(minute: number): number;
  /** Vehicles let through between two minutes. */
  served(from: number, to: number): number;
  /** Vehicles still ahead, at minute `at`, of someone who joined at minute `joined`. */
  ahead(joined: number, at: number): number;
  /** The minute at which whoever crosses at minute `crossed` joined, or null before the first crossing. */
  joinedFor(crossed: number): number | null;
}

/** Longest wait the truth is computed for (the report schema's cap). */
const MAX_WAIT_MINUTES = REPORT_LIMITS.waitMinutes.max;

export function simulateQueue(spec: QueueSpec): Truth {
  const horizon = spec.minutes + MAX_WAIT_MINUTES + 1;
  const queue = new Float64Array(spec.minutes + 1);
  // Capacity offered by minute m (not what was used: an empty post serves no one, but a joiner
  // waits only for the capacity offered after they join to use up the queue ahead of them).
  const capacity = new Float64Array(horizon + 1);
  const served = new Float64Array(spec.minutes + 1);
  for (let m = 0; m < horizon; m += 1) capacity[m + 1] = capacity[m]! + spec.service(m);
  const leaving = spec.leaving ?? (() => 0);
  queue[0] = spec.initialQueue;
  for (let m = 0; m < spec.minutes; m += 1) {
    const present = (queue[m]! + spec.arrivals(m)) * (1 - leaving(m));
    const out = Math.min(present, spec.service(m));
    served[m + 1] = served[m]! + out;
    queue[m + 1] = present - out;
  }

  const at = (array: Float64Array, minute: number) => array[Math.max(0, Math.min(array.length - 1, Math.floor(minute)))]!;
  /** First time (fractional minute) at which the capacity offered reaches `target`. */
  const capacityReaches = (target: number): number => {
    let lo = 0;
    let hi = horizon;
    if (capacity[hi]! < target) return horizon;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (capacity[mid]! >= target) hi = mid;
      else lo = mid;
    }
    const step = capacity[hi]! - capacity[lo]!;
    return lo + (step > 0 ? (target - capacity[lo]!) / step : 1);
  };
  /** Vehicles ahead, at minute `at`, of someone who joined at `joined`, when people leave from everywhere in the queue. */
  const aheadWithLeaving = (joined: number, at: number): number => {
    let ahead = queue[Math.min(joined, spec.minutes)]!;
    for (let t = joined; t < at && ahead > 0; t += 1) ahead = ahead * (1 - leaving(t)) - spec.service(t);
    return Math.max(0, ahead);
  };
  const waits = new Float64Array(spec.minutes + 1);
  for (let m = 0; m <= spec.minutes; m += 1) {
    if (!spec.leaving) {
      waits[m] = Math.min(MAX_WAIT_MINUTES, capacityReaches(capacity[m]! + queue[m]!) - m);
      continue;
    }
    // Those who leave ahead of a joiner shorten their wait: follow the joiner minute by minute.
    let ahead = queue[m]!;
    let t = m;
    while (ahead > 0 && t - m < MAX_WAIT_MINUTES) {
      const next = ahead * (1 - leaving(t)) - spec.service(t);
      if (next <= 0) {
        const step = ahead - next;
        t += step > 0 ? ahead / step : 1;
        ahead = 0;
      } else {
        ahead = next;
        t += 1;
      }
    }
    waits[m] = Math.min(MAX_WAIT_MINUTES, t - m);
  }
  // Crossing minute of each joining minute: FIFO, so it never decreases.
  const crossing = waits.map((wait, m) => m + wait);

  return {
    minutes: spec.minutes,
    queue: (minute) => at(queue, minute),
    wait: (minute) => at(waits, minute),
    served: (from, to) => at(served, to) - at(served, from),
    ahead: (joined, minute) =>
      spec.leaving ? aheadWithLeaving(Math.floor(joined), Math.floor(minute)) : Math.max(0, at(queue, joined) - (at(capacity, minute) - at(capacity, joined))),
    joinedFor(crossed) {
      if (crossing[0]! > crossed) return null;
      let lo = 0;
      let hi = spec.minutes;
      if (crossing[hi]! <= crossed) return hi;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (crossing[mid]! <= crossed) lo = mid;
        else hi = mid;
      }
      return lo;
    },
  };
}
