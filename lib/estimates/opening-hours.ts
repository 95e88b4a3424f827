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

/** One formatter per zone: making one costs far more than using it, and the report path uses them every call. */
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string) => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

/** Offset of `timeZone` from UTC at `at`, in ms (local = UTC + offset), asked of Intl. */
function offsetFromIntl(timeZone: string, at: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return local - Math.floor(at / 1000) * 1000;
}

/**
 * Offsets by zone and quarter hour. Asking Intl was most of an estimate's cost at a post with hours (every call
 * lays out 11 days of them), and the same days come up call after call. A zone's offset changes only at a
 * transition, and every transition of today's zones falls on a quarter hour of UTC (offsets are whole quarter
 * hours, and clocks change on one), so the offset at a quarter hour's start holds all through it.
 */
const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, Map<number, number>>();
const OFFSETS_KEPT = 20_000;

/** The offset of `timeZone` from UTC at `at` (ms since the epoch), in ms: local = UTC + offset. */
export function offsetAt(timeZone: string, at: number): number {
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  const quarter = Math.floor(at / QUARTER_HOUR);
  let offset = zone.get(quarter);
  if (offset === undefined) {
    // Kept bounded: a long-running node meets new days for ever.
    if (zone.size >= OFFSETS_KEPT) zone.clear();
    offset = offsetFromIntl(timeZone, quarter * QUARTER_HOUR);
    zone.set(quarter, offset);
  }
  return offset;
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

/**
 * Converts between wall time and open time over a span. Open time all but stops while the post is shut: it
 * runs at `SHUT_RATE` then, so that reports made while shut keep their order (the queue may still change:
 * people arrive), at a cost of a few seconds a night in every conversion.
 */
export interface OpenClock {
  /** Open time at wall time `t` (ms; equal to wall time at the span's start). */
  toOpen(t: number): number;
  /** The wall time at which open time reaches `tau`. */
  toWall(tau: number): number;
  /** Wall hours the post was shut between two open times. */
  shutHours(fromTau: number, toTau: number): number;
  /** Whether the post is open at wall time `t`. */
  isOpen(t: number): boolean;
  /** The first opening at or after `t` (t itself while open). */
  nextOpen(t: number): number;
  /** When the post shuts next, if it is open at `t`; null while it is shut. */
  closesAfter(t: number): number | null;
}

const SHUT_RATE = 1e-4;
const HOUR = 60 * MINUTE;

export function openClock(hours: OpeningHours, start: number, end: number): OpenClock {
  const intervals = openIntervals(hours, start, end);
  // Piecewise-linear: [wall from, wall to, open time at from, rate], from `start` to `end`.
  const segments: [number, number, number, number][] = [];
  let wall = start;
  let tau = start;
  const add = (to: number, rate: number) => {
    if (to <= wall) return;
    segments.push([wall, to, tau, rate]);
    tau += (to - wall) * rate;
    wall = to;
  };
  for (const [from, to] of intervals) {
    add(Math.min(Math.max(from, start), end), SHUT_RATE);
    add(Math.min(to, end), 1);
  }
  add(end, SHUT_RATE);
  // Found by bisection: an estimate converts every report's times and every step of its filter.
  const wallEnds = segments.map(([, w1]) => w1);
  const openEnds = segments.map(([w0, w1, t0, rate]) => t0 + (w1 - w0) * rate);
  /** The first segment whose end is at or after `value`, or segments.length. */
  const segmentOf = (ends: readonly number[], value: number) => {
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid]! >= value) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const toOpen = (t: number) => {
    if (t <= start) return t;
    const segment = segments[segmentOf(wallEnds, t)];
    if (!segment) return tau + (t - end);
    const [w0, , t0, rate] = segment;
    return t0 + (t - w0) * rate;
  };
  const toWall = (x: number) => {
    if (x <= start) return x;
    const segment = segments[segmentOf(openEnds, x)];
    if (!segment) return end + (x - tau);
    const [w0, , t0, rate] = segment;
    return w0 + (x - t0) / rate;
  };
  const isOpen = (t: number) => intervals.some(([from, to]) => t >= from && t < to);
  const nextOpen = (t: number) => (isOpen(t) ? t : (intervals.find(([from]) => from >= t)?.[0] ?? t));
  const closesAfter = (t: number) => intervals.find(([from, to]) => t >= from && t < to)?.[1] ?? null;
  const shutHours = (a: number, b: number) => (b <= a ? 0 : Math.max(0, toWall(b) - toWall(a) - (b - a)) / (1 - SHUT_RATE) / HOUR);
  return { toOpen, toWall, shutHours, isOpen, nextOpen, closesAfter };
}
