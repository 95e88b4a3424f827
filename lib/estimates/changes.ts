// Telling a change of the queue from a few liars: a CUSUM of the level
// innovations of distinct devices, in each direction. A change is declared
// only when several devices keep disagreeing with the level, most reports of
// the last hour say so, for a while, and the report at hand says so too; it
// may then move the level only as far as the queue could have moved since
// the last report that agreed with it.
import type { FilterState } from './kalman';
import { copyState } from './kalman';
import type { Observation } from './observations';
import { PARAMETERS as P } from './parameters';
import { median } from './stats';

const HOUR = 3_600_000;
const C = P.change;
const CLIP_Z = C.clipZ;
const DRIFT = C.drift;

/** A run of disagreement in one direction: from where it began, with what it said. */
export interface Run {
  /** Index of its first observation, and the filter's state just before it. */
  index: number;
  before: FilterState;
  /** When the last level observation before it was made: the queue could move only since then. */
  agreedAt: number | null;
  devices: Set<string>;
  /** What each of its reports said against the level (log units). */
  innovations: number[];
}

export interface Change {
  run: Run;
  /** How far the level moves (log units), and how far the run pointed. */
  moved: number;
  shift: number;
}

/** A level observation as the detector remembers it. */
export interface LevelNote {
  index: number;
  at: number;
  z: number;
  /** The innovation itself (log), for how far the recent reports lean from the estimate. */
  value: number;
}

type Side = 'up' | 'down';

/** One pass's change detection; `notes` holds every level observation read, in order. */
export class ChangeDetector {
  readonly notes: LevelNote[] = [];
  private readonly sums: Record<Side, number> = { up: 0, down: 0 };
  private readonly runs: Record<Side, Run | null> = { up: null, down: null };
  private lastLevelAt: number | null = null;

  /**
   * `shutHours`: hours a post with opening hours was shut between two moments of its open clock. The queue is
   * not served then, but the wait may change (people arrive), so that time counts in how far a change may go.
   */
  constructor(
    private readonly firstAt: number,
    private readonly shutHours: (from: number, to: number) => number = () => 0,
  ) {}

  /** Time between two moments as far as the queue could change in it: open time, and the shut hours too. */
  private elapsed(from: number, to: number): number {
    return to - from + this.shutHours(from, to) * HOUR;
  }

  /**
   * Takes a level observation just read (its innovation, the state before it in `before`, which is
   * copied only if a run starts here) and says whether it completes a change. `counts` false: a run
   * read again after a change, which only remembers, since only new reports may make the next change.
   */
  observe(index: number, o: Observation, innovation: { value: number; z: number }, before: FilterState, counts: boolean): Change | null {
    this.notes.push({ index, at: o.at, z: innovation.z, value: innovation.value });
    if (!counts) {
      this.lastLevelAt = o.at;
      return null;
    }
    const clipped = Math.max(-CLIP_Z, Math.min(CLIP_Z, innovation.z));
    this.step('up', clipped, index, o, innovation.value, before);
    this.step('down', -clipped, index, o, innovation.value, before);
    this.lastLevelAt = o.at;
    const side: Side | null = this.sums.up > C.threshold ? 'up' : this.sums.down > C.threshold ? 'down' : null;
    const run = side && this.runs[side];
    if (!side || !run || run.devices.size < C.minDevices || !this.majoritySays(side, o.at, innovation.z)) return null;
    return this.moveOf(run, o.at, side);
  }

  /** After a change: the run is read again from its start, and what it said is forgotten. */
  restart(change: Change): void {
    this.sums.up = 0;
    this.sums.down = 0;
    this.runs.up = null;
    this.runs.down = null;
    this.lastLevelAt = change.run.agreedAt;
    while (this.notes.length > 0 && this.notes[this.notes.length - 1]!.index >= change.run.index) this.notes.pop();
  }

  /**
   * Disagreement building up that has not made a change: where it points, if it is strong and two devices say it
   * (one device's 7 days is a liar until another agrees; it must not make a solid estimate read low).
   */
  pendingLevel(state: FilterState): number | null {
    const side: Side = this.sums.up >= this.sums.down ? 'up' : 'down';
    const run = this.runs[side];
    return run && run.devices.size >= 2 && this.sums[side] >= C.threshold / 2 ? state.x[0] + median(run.innovations) : null;
  }

  private step(side: Side, signed: number, index: number, o: Observation, value: number, before: FilterState): void {
    const sum = Math.max(0, this.sums[side] + signed - DRIFT);
    if (sum === 0) this.runs[side] = null;
    else {
      const run = (this.runs[side] ??= { index, before: copyState(before), agreedAt: this.lastLevelAt, devices: new Set(), innovations: [] });
      run.devices.add(o.device);
      run.innovations.push(value);
    }
    this.sums[side] = sum;
  }

  /** Whether most reports of the last hour, for a while, and this one, say the level moved to `side`. */
  private majoritySays(side: Side, at: number, z: number): boolean {
    const sign = side === 'up' ? 1 : -1;
    // A change is declared when a report says so, not on one that agrees with the old level.
    if (sign * z < C.minZ) return false;
    let lately = 0;
    let saying = 0;
    let firstSaying = at;
    for (let k = this.notes.length - 1; k >= 0 && this.elapsed(this.notes[k]!.at, at) <= C.majorityWindowMs; k -= 1) {
      lately += 1;
      if (sign * this.notes[k]!.z >= C.minZ) {
        saying += 1;
        firstSaying = this.notes[k]!.at;
      }
    }
    // A few liars among honest reports can keep a CUSUM up, and three in a row can make a run of their
    // own, but not a majority; and a burst of liars ends, while a queue that has cleared stays clear.
    return 2 * saying > lately && this.elapsed(firstSaying, at) >= C.minSpanMs;
  }

  /** How far a run may move the level: what the queue could have done since the last report that agreed. */
  private moveOf(run: Run, at: number, side: Side): Change {
    const shift = median(run.innovations);
    const base = Math.exp(run.before.x[0]);
    const hours = this.elapsed(run.agreedAt ?? this.firstAt, at) / HOUR;
    const minutes = C.maxMinutesPerHour * hours;
    // A throughput that doubles or halves (booths opened or shut) moves a wait by that factor at once,
    // but reports that agree with each other and not with one made minutes before are weak evidence of it.
    const reachable = Math.max(
      Math.log(C.maxFactor) * Math.min(1, (hours * HOUR) / C.factorAfterMs),
      side === 'up' ? Math.log((base + minutes) / base) : Math.log(base / Math.max(P.logOffsetMinutes, base - minutes)),
    );
    const sign = side === 'up' ? 1 : -1;
    return { run, shift, moved: sign * Math.min(Math.abs(shift), reachable) };
  }
}
