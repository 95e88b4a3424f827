// A crossing that works only some hours of the day: the queue stands still
// while it is shut, so what a wait is made of is open time. The estimator
// works in "open time" (a clock that stops while the post is shut) and turns
// its answer back into the hours a person would wait: someone joining at
// 19:30 at a post that shuts at 20:00 waits the night too.
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Daily hours, local to the post: it opens at `open` and shuts at `close` (past midnight if earlier). */
export interface OpeningHours {
  timeZone: string;
  /** "HH:MM", 24-hour. */
  open: string;
  close: string;
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};

/** Offset of `timeZone` from UTC at `at`, in ms (local = UTC + offset). */
function offsetAt(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return local - Math.floor(at / 1000) * 1000;
}

/** The open intervals [from, to) in UTC ms that overlap [start, end]. */
export function openIntervals(hours: OpeningHours, start: number, end: number): [number, number][] {
  const open = minutesOf(hours.open) * MINUTE;
  let close = minutesOf(hours.close) * MINUTE;
  if (close <= open) close += DAY;
  const intervals: [number, number][] = [];
  // A local wall time (ms, written as if UTC) to UTC, at the offset in force then (summer time).
  const utcOf = (local: number) => local - offsetAt(hours.timeZone, local - offsetAt(hours.timeZone, local));
  // Local days from the one before `start` to the one after `end`.
  for (let day = Math.floor((start + offsetAt(hours.timeZone, start)) / DAY) - 1; day * DAY <= end + 2 * DAY; day += 1) {
    const from = utcOf(day * DAY + open);
    const to = utcOf(day * DAY + close);
    if (to > start && from < end) intervals.push([from, to]);
  }
  return intervals;
}

/** Converts between wall time and open time over a span; open time stops while the post is shut. */
export interface OpenClock {
  /** Open time at wall time `t` (ms; equal to wall time at the span's start). */
  toOpen(t: number): number;
  /** The earliest wall time at which open time reaches `tau`. */
  toWall(tau: number): number;
  /** Whether the post is open at wall time `t`. */
  isOpen(t: number): boolean;
  /** The first opening at or after `t` (t itself while open). */
  nextOpen(t: number): number;
}

export function openClock(hours: OpeningHours, start: number, end: number): OpenClock {
  const intervals = openIntervals(hours, start, end);
  // Cumulative open time at each interval's start, counted from `start`.
  const before: number[] = [];
  let sum = 0;
  for (const [from, to] of intervals) {
    before.push(sum);
    sum += to - Math.max(from, start);
  }
  const toOpen = (t: number) => {
    if (t <= start) return t;
    let open = 0;
    for (let i = 0; i < intervals.length; i += 1) {
      const [from, to] = intervals[i]!;
      const a = Math.max(from, start);
      if (t <= a) break;
      open = before[i]! + Math.min(t, to) - a;
      if (t < to) break;
    }
    return start + open;
  };
  const toWall = (tau: number) => {
    if (tau <= start) return tau;
    const open = tau - start;
    for (let i = 0; i < intervals.length; i += 1) {
      const [from, to] = intervals[i]!;
      const a = Math.max(from, start);
      if (open <= before[i]! + (to - a)) return a + (open - before[i]!);
    }
    // Past the span: as if open from its end on.
    return end + (open - sum);
  };
  const isOpen = (t: number) => intervals.some(([from, to]) => t >= from && t < to);
  const nextOpen = (t: number) => (isOpen(t) ? t : (intervals.find(([from]) => from >= t)?.[0] ?? t));
  return { toOpen, toWall, isOpen, nextOpen };
}
