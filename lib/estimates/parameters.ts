// Every tunable number of the estimator, with the reason for its value.
// docs/estimates.md explains them; bench/simulate measures them.
import type { Mode } from '../enums';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The hours whose devices an estimate's `reports` counts (pages say "3 reports in 6 h"). */
export const REPORTS_WINDOW_HOURS = 6;

export const PARAMETERS = {
  /** Reports this old or newer are read (callers load this much); older ones are forgotten. */
  lookbackMs: 24 * HOUR,
  /** `reports` counts the devices of this window, and a queue length shows only if someone gave one in it. */
  currentWindowMs: REPORTS_WINDOW_HOURS * HOUR,
  /** Waits are modelled as log(minutes + offset): errors are multiplicative, and 0 is allowed. */
  logOffsetMinutes: 10,

  /** Noise of one report of each kind, as a standard deviation of log values (research: ±25–35 %). */
  noise: {
    /** Stated waits are hearsay and rounded to the hour. */
    stated: 0.4,
    /** A count of vehicles ahead, rounded to tens or hundreds. */
    count: 0.3,
    /** A queue length in km, turned into vehicles at METRES_PER_VEHICLE: one more guess. */
    km: 0.35,
    /** "Still right?" on a wait shown: a light word, looser than a stated wait. */
    verdict: 0.5,
    /** "Crossed after N h": a measured wait, rounded to the half hour. */
    crossed: 0.15,
    /** "N let through in M min": a count, plus Poisson noise 1/(N + 1) on top. */
    letThrough: 0.25,
    /** One device's own counts as it advances: the way it counts is shared, the step noise is its own. */
    position: 0.08,
    /** Rounding and guessing in absolute terms ("10 min", "20 cars"): what makes small values imprecise in log terms. */
    floorMinutes: 8,
    floorVehicles: 5,
    /** People round a queue's length to half a km: a length is unsure by a quarter of one, however short. */
    floorKm: 0.25,
  },

  prior: {
    /** Before any report: a wait of about 2 h, known to within a factor of 7 (log sd 2). */
    waitMinutes: 120,
    waitSd: 2,
    /** A catalogue capacity is a design figure or a good day's count: the rate is centred below it. */
    catalogueShare: 0.7,
    /** …and known to within a factor of about 1.8 (log sd 0.6). */
    catalogueSd: 0.6,
    /** With no capacity the default is a guess: a factor of 4.5 (log sd 1.5), so one report outweighs it. */
    defaultSd: 1.5,
  },

  /** How fast the truth can move (the model's process noise). */
  process: {
    /** The wait wanders by about this many minutes per √hour: absolute, so a 20 h queue moves slowly in log terms. */
    waitMinutesPerSqrtHour: 20,
    /** Sustained growth or clearing, minutes of wait per hour: the stationary size of the trend. */
    trendMinutesPerHour: 30,
    /** A trend fades with this time constant: a queue does not grow at one rate for ever. */
    trendHours: 3,
    /** Throughput drifts by about this much (log) per √hour: booths open, shifts change. */
    throughputPerSqrtHour: 0.08,
  },

  /** An innovation beyond this many standard deviations is capped at it: one report cannot drag the level… */
  robustZ: 2.5,
  /** …and beyond this it moves nothing (a liar's 10,080 min); only the change detector counts it. */
  rejectZ: 5,

  /** Change detection: a CUSUM of standardised innovations of distinct devices. */
  change: {
    /** Each innovation counts up to this many standard deviations (one absurd value is not a change). */
    clipZ: 4,
    /** Innovations within this of zero count against a change (the CUSUM's drift). */
    drift: 1,
    /** A change is declared when the sum passes this. */
    threshold: 4,
    /** …and at least this many devices say so, and most reports of the last hour, each this many standard deviations off. */
    minDevices: 3,
    minZ: 2,
    majorityWindowMs: HOUR,
    /** …over at least this long. */
    minSpanMs: 20 * MINUTE,
    /** The wait cannot have moved faster than this (minutes per hour) since the last report that agreed… */
    maxMinutesPerHour: 180,
    /** …or by more than this factor (the throughput doubled or halved), allowed in full once this long has passed. */
    maxFactor: 2,
    factorAfterMs: 30 * MINUTE,
  },

  /** A stated wait describes the queue about this long before it is sent: hearsay lags the road (research). */
  hearsayAgeMs: 30 * MINUTE,

  /** A device's later, lower counts at least this much later are its advance, not a correction. */
  advanceAfterMs: 20 * MINUTE,

  /** `low`/`high` are the central 80 % of the estimate's distribution (z of the 90th percentile). */
  bandZ: 1.2816,
  /** Recent innovations far larger than the model expects widen the band (the crowd disagrees now)… */
  disagreementWindowMs: 2 * HOUR,
  /** …and over the whole window they scale it within these bounds, once there are this many reports. */
  noiseScale: { min: 0.3, max: 4, minReports: 6 },

  /**
   * Confidence by the band's relative sd, against no less than 30 min (docs/estimates.md gives the measured error);
   * at a post with opening hours, low whenever the band is this many minutes wider on the clock than in open time:
   * it holds a night, and whether the wait ends tonight or tomorrow is a toss-up.
   */
  confidence: { highSd: 0.2, mediumSd: 0.4, floorMinutes: 30, nightInBandMinutes: 60 },

  /**
   * A burst of new voices: at least `minDevices` devices first seen within `spanMs` of each other that
   * carry more than `share` of the recent weight (each device weighs by its newest report, halving every
   * `halfLifeMs`). One machine rotating device keys looks like this; so does a bus of honest people
   * arriving at a quiet crossing, which is why it caps the confidence rather than moving the number.
   */
  burst: { spanMs: 10 * MINUTE, minDevices: 3, share: 0.5, halfLifeMs: HOUR },

  /** Stale once time alone, since the newest report, has added this much uncertainty (log sd)… */
  staleSd: 0.7,
  /** …and its band wider than this many minutes, or once the newest report is this old. */
  staleMinWidthMinutes: 120,
  staleAfterMs: 12 * HOUR,

  /**
   * The trend compares the estimate now with the one this long ago, as an hourly rate: over two hours an
   * estimate's steps as reports come average out (bench/simulate: the arrow right at 92 % of points, not 87 %
   * over one hour; where a queue holds it says it moves half as often)…
   */
  trendWindowMs: 2 * HOUR,
  /** …and a move of less than this many minutes an hour, or this share of the wait an hour, is "steady". */
  trendMinutes: 15,
  trendShare: 0.15,
} as const;

/** Metres of queue per vehicle in one lane: 6–8 m per stopped car in 2022 queues (research/estimation.md). */
export const METRES_PER_VEHICLE: Record<Mode, number> = {
  car: 7,
  truck: 20,
  bus: 15,
  bicycle: 2.5,
  pedestrian: 0.8,
};

/** Throughput prior (vehicles or people a day) where the catalogue gives no capacity. */
export const DEFAULT_CAPACITY_PER_DAY: Record<Mode, number> = {
  car: 1000,
  truck: 400,
  bus: 60,
  bicycle: 300,
  pedestrian: 1500,
};

/** The prior of the throughput, per minute, as a log-normal: the catalogue's capacity (cars only) or the default. */
export function throughputPrior(mode: Mode, capacityPerDay: number | null): { perMinute: number; logSd: number; source: 'catalogue' | 'default' } {
  // The catalogue counts vehicles, mostly cars: it sets the car prior only.
  if (mode === 'car' && capacityPerDay) {
    return { perMinute: (capacityPerDay * PARAMETERS.prior.catalogueShare) / (24 * 60), logSd: PARAMETERS.prior.catalogueSd, source: 'catalogue' };
  }
  return { perMinute: DEFAULT_CAPACITY_PER_DAY[mode] / (24 * 60), logSd: PARAMETERS.prior.defaultSd, source: 'default' };
}
