// The 2022-based scenarios of ../shared/research/scenarios-2022.md, plus the simulated day the
// estimator was first tuned on. Each is a true queue (arrivals and what the post lets through), who
// reports and how, and the changes whose following is timed. Minute 0 is local midnight.
import type { QueueSpec, Truth } from './queue';
import type { AttackSpec, ReportingSpec } from './reporters';
import type { Mode } from '../../lib/enums';
import type { OpeningHours } from '../../lib/estimates/opening-hours';

export interface Scenario {
  id: string;
  name: string;
  /** The catalogue's capacity for the crossing (vehicles a day), or null where it has none. */
  capacityPerDay: number | null;
  /** The catalogue's opening hours, where the post does not work round the clock. */
  openingHours?: OpeningHours;
  mode: Mode;
  start: number;
  queue: QueueSpec;
  reporting: ReportingSpec;
  /** First scored minute (the estimator needs a report or two first). */
  scoreFrom: number;
  /** Changes whose following is timed: minutes until the estimate is within 25 % and stays (a minute, or one found in the truth). */
  events?: { minute: number | ((truth: Truth) => number); label: string }[];
  attacks?: { name: string; attack: AttackSpec }[];
}

const H = 60;
/** The first minute from `from` on at which the true wait passes `test`. */
const firstMinute = (truth: Truth, from: number, test: (wait: number) => boolean) => {
  for (let m = from; m <= truth.minutes; m += 1) if (test(truth.wait(m))) return m;
  return truth.minutes;
};
const perMinute = (perDay: number) => perDay / (24 * H);
const hourOf = (minute: number) => minute / H;
/** A daily wave: +amplitude at `peakHour`, −amplitude twelve hours away. */
const daily = (minute: number, amplitude: number, peakHour: number) => 1 + amplitude * Math.cos((2 * Math.PI * (hourOf(minute) - peakHour)) / 24);
/** The report mix of the research note: 40 % stated waits, 30 % counts, 10 % km, 20 % crossings. */
const MIX = { stated: 0.4, count: 0.3, km: 0.1, crossed: 0.2 };
const CAR_METRES = 7;
const TRUCK_METRES = 20;

/** Attacks of scenario 7, laid on a crossing: 5 % liars, one flooding device, one address rotating keys. */
function attacksOf(fromMinute: number): Scenario['attacks'] {
  const tenMinutes = () => 10;
  return [
    { name: '5 % liars (10 min)', attack: { liarShare: 0.05, liarMinutes: 10 } },
    { name: 'one device, 500 reports in an hour (10 min)', attack: { flood: { reports: 500, fromMinute, waitMinutes: tenMinutes } } },
    {
      name: 'one address rotating device keys at the cap (10 per 10 min, 500 reports in an hour, 10 min)',
      attack: { rotation: { reports: 500, fromMinute, devicesPer10Minutes: 10, waitMinutes: tenMinutes } },
    },
  ];
}

const upperLars: Scenario = {
  id: '1-upper-lars',
  name: '1 Upper Lars, the onset: 2 h → 20 h over three days, throughput 2,000 → 3,000 a day on day 4',
  capacityPerDay: 2000,
  mode: 'car',
  start: Date.UTC(2022, 8, 21),
  queue: {
    minutes: 96 * H,
    initialQueue: 2 * H * perMinute(2000),
    arrivals: (m) => (perMinute(2000) + 2300 / (72 * H)) * daily(m, 0.25, 15),
    service: (m) => (m < 72 * H ? perMinute(2000) : perMinute(3000)),
  },
  reporting: { perHour: (m) => 5 + 25 * Math.min(1, m / (72 * H)), mix: MIX, withStatedWait: 0.25, metresPerVehicle: CAR_METRES },
  scoreFrom: 2 * H,
  events: [{ minute: 72 * H, label: 'more booths (day 4)' }],
  attacks: attacksOf(50 * H),
};

const CUT = 58 * H;
const finland: Scenario = {
  id: '2-vaalimaa',
  name: '2 Vaalimaa: weekend rush of 3–5 h with a daily rhythm, then the 30 Sep cut (under 30 min within ~2 h)',
  // The design capacity; the real rate of 2022 (3,000 a day here) was well below it.
  capacityPerDay: 5000,
  mode: 'car',
  start: Date.UTC(2022, 8, 24),
  queue: {
    minutes: 72 * H,
    initialQueue: 640,
    arrivals: (m) => (m < CUT ? perMinute(3000) * daily(m, 0.26, 15) : perMinute(3000) * 0.3),
    service: () => perMinute(3000),
    // From the cut, guards turn tourist-visa holders back along the queue: most of it leaves within two hours.
    leaving: (m) => (m >= CUT && m < CUT + 2 * H ? 0.012 : 0),
  },
  // The cut is news: people keep reporting ("they turn people back, the queue is gone").
  reporting: { perHour: (m) => (m < CUT ? 15 * daily(m, 0.33, 15) : 12), mix: MIX, withStatedWait: 0.25, metresPerVehicle: CAR_METRES },
  scoreFrom: 2 * H,
  events: [
    { minute: CUT, label: 'the 30 Sep cut' },
    // The reports can only say "cleared" once it has: timed from when the true wait fell under 30 min.
    { minute: (truth) => firstMinute(truth, CUT, (wait) => wait < 30), label: 'the queue cleared (true wait under 30 min)' },
  ],
};

const mashtakovoTrucks: Scenario = {
  id: '3a-mashtakovo-trucks',
  name: '3a Mashtakovo trucks: ~7 km (20 m a truck), 10–20 an hour, a wait near a day, ~1 report an hour, mostly km',
  capacityPerDay: null,
  mode: 'truck',
  start: Date.UTC(2022, 9, 3),
  queue: { minutes: 48 * H, initialQueue: 350, arrivals: (m) => 0.25 * daily(m, 0.2, 14), service: (m) => (15 + 4 * Math.sin((2 * Math.PI * m) / (11 * H))) / H },
  reporting: { perHour: () => 1, mix: { stated: 0.1, count: 0.15, km: 0.6, crossed: 0.15 }, metresPerVehicle: TRUCK_METRES },
  scoreFrom: 3 * H,
};

const mashtakovoCars: Scenario = {
  id: '3b-mashtakovo-cars',
  name: '3b Mashtakovo cars at the same crossing: 3 h clearing to under an hour',
  capacityPerDay: null,
  mode: 'car',
  start: Date.UTC(2022, 9, 3),
  queue: { minutes: 48 * H, initialQueue: 150, arrivals: (m) => (m < 12 * H ? 0.55 : 0.72 * daily(m, 0.25, 15)), service: () => 0.8 },
  reporting: { perHour: () => 3, mix: MIX, withStatedWait: 0.25, metresPerVehicle: CAR_METRES },
  scoreFrom: 2 * H,
};

const smallKazakh: Scenario = {
  id: '4-small-kz',
  name: '4 A small Kazakh crossing with no capacity figure: ~300 cars, 20–30 let through an hour, 1–2 reports an hour',
  capacityPerDay: null,
  mode: 'car',
  start: Date.UTC(2022, 8, 26),
  queue: {
    minutes: 48 * H,
    initialQueue: 300,
    arrivals: (m) => (25 / H) * daily(m, 0.15, 14),
    service: (m) => (25 + 5 * Math.sin((2 * Math.PI * m) / (10 * H))) / H,
  },
  reporting: {
    perHour: () => 1.5,
    mix: MIX,
    withStatedWait: 0.25,
    metresPerVehicle: CAR_METRES,
    // Two reporters post their place three times each as they advance.
    positional: { devices: 2, reportsEach: 3, firstMinute: 6 * H, lastMinute: 36 * H },
  },
  scoreFrom: 3 * H,
  attacks: attacksOf(30 * H),
};

const mongolia: Scenario = {
  id: '5-kyakhta',
  name: '5 Kyakhta, sparse and steady: 6–8 h all day, 0.5–1 report an hour',
  // Catalogue capacity 1,000 a day; a quiet week later the post lets 500 through.
  capacityPerDay: 1000,
  mode: 'car',
  start: Date.UTC(2022, 9, 10),
  queue: { minutes: 48 * H, initialQueue: 146, arrivals: (m) => perMinute(500) * daily(m, 0.12, 14), service: () => perMinute(500) },
  reporting: { perHour: (m) => 0.75 * daily(m, 0.33, 14), mix: MIX, withStatedWait: 0.25, metresPerVehicle: CAR_METRES },
  scoreFrom: 3 * H,
};

const isOpen = (m: number) => {
  const hour = hourOf(m) % 24;
  return hour >= 8 && hour < 20;
};
const nightClosure: Scenario = {
  id: '6a-night-closure',
  name: '6a Open 08:00–20:00: the queue stands still overnight and reports stop; in the morning it moves again',
  capacityPerDay: null,
  // Minute 0 is local midnight and the start is a UTC midnight: local time is UTC here.
  openingHours: { timeZone: 'UTC', open: '08:00', close: '20:00' },
  mode: 'car',
  start: Date.UTC(2022, 8, 27),
  queue: {
    minutes: 72 * H,
    initialQueue: 150,
    arrivals: (m) => (hourOf(m) % 24 >= 6 && hourOf(m) % 24 < 22 ? 0.45 : 0.1),
    service: (m) => (isOpen(m) ? 40 / H : 0),
  },
  reporting: {
    perHour: () => 3,
    mix: MIX,
    withStatedWait: 0.25,
    metresPerVehicle: CAR_METRES,
    silent: (m) => hourOf(m) % 24 >= 21 || hourOf(m) % 24 < 7,
  },
  scoreFrom: 9 * H,
  events: [
    { minute: 32 * H, label: 'reopening, day 2' },
    { minute: 56 * H, label: 'reopening, day 3' },
  ],
};

const CLOSED_FROM = 38 * H;
const CLOSED_UNTIL = 41 * H;
const closure: Scenario = {
  id: '6b-three-hour-closure',
  name: '6b Closed for three hours (people report "not moving": 0 let through, or the one-tap "not moving"), then reopened',
  capacityPerDay: null,
  mode: 'car',
  start: Date.UTC(2022, 8, 28),
  queue: {
    minutes: 48 * H,
    initialQueue: 120,
    arrivals: (m) => 0.75 * daily(m, 0.2, 15),
    service: (m) => (m >= CLOSED_FROM && m < CLOSED_UNTIL ? 0 : 0.8),
  },
  reporting: { perHour: () => 4, mix: { ...MIX, letThrough: 0.15 }, withStatedWait: 0.25, metresPerVehicle: CAR_METRES, notMovingTaps: 4 },
  scoreFrom: 2 * H,
  events: [
    { minute: CLOSED_FROM, label: 'closed' },
    { minute: CLOSED_UNTIL, label: 'reopened' },
  ],
};

/** The day the first estimator was tuned on (bench/simulate before issue 10): 30 min → 7 h → clearing. */
const simulatedDay: Scenario = {
  id: '0-simulated-day',
  name: '0 The simulated day: 30 min → 7 h → clearing, ~8 reports an hour',
  capacityPerDay: 1440,
  mode: 'car',
  start: Date.UTC(2022, 8, 26),
  queue: {
    minutes: 24 * H,
    initialQueue: 30,
    arrivals: (m) => (m < 4 * H ? 0.9 : m < 10 * H ? 2.2 : m < 16 * H ? 1 : 0.25),
    service: () => 1,
  },
  reporting: { perHour: () => 8, mix: { stated: 3, count: 1.8, km: 1.2, crossed: 2 }, metresPerVehicle: CAR_METRES },
  scoreFrom: 1 * H,
  events: [{ minute: 16 * H, label: 'clearing starts' }],
};

export const SCENARIOS: Scenario[] = [simulatedDay, upperLars, finland, mashtakovoTrucks, mashtakovoCars, smallKazakh, mongolia, nightClosure, closure];

/** The simulated day's own attacks and voice rules (docs/estimates.md: why one voice per device). */
export const DAY_VARIANTS: { name: string; scenario: Scenario; attack: AttackSpec; voicePerNetwork?: boolean }[] = (() => {
  const carriers = [0.5, 0.3, 0.2];
  const at11 = 11 * H;
  const tenfold = (truth: number) => truth * 10;
  const day = simulatedDay;
  return [
    { name: 'prior 3× too low (capacity 480 a day)', scenario: { ...day, capacityPerDay: 480 }, attack: {} },
    { name: 'no capacity in the catalogue', scenario: { ...day, capacityPerDay: null }, attack: {} },
    { name: '20 % liars (10,080 min)', scenario: day, attack: { liarShare: 0.2, liarMinutes: 10080 } },
    { name: '5 devices × 200 reports at 10× the truth (11–12 h)', scenario: day, attack: { flood: { devices: 5, reports: 200, fromMinute: at11, waitMinutes: tenfold } } },
    { name: '1 address, a new key per report, no cap on devices', scenario: day, attack: { rotation: { reports: 1000, fromMinute: at11, devicesPer10Minutes: null, waitMinutes: tenfold } } },
    { name: '1 address rotating keys, the default cap (10 per 10 min)', scenario: day, attack: { rotation: { reports: 1000, fromMinute: at11, devicesPer10Minutes: 10, waitMinutes: tenfold } } },
    { name: 'honest, behind 3 carrier networks (50 / 30 / 20 %)', scenario: day, attack: { honestNetworks: carriers } },
    { name: 'behind 3 carriers, 5 % liars each on a network of its own', scenario: day, attack: { honestNetworks: carriers, liarShare: 0.05, liarMinutes: 10080 } },
    { name: 'one voice per network: behind 3 carriers', scenario: day, attack: { honestNetworks: carriers }, voicePerNetwork: true },
    { name: 'one voice per network: behind 3 carriers, 5 % liars', scenario: day, attack: { honestNetworks: carriers, liarShare: 0.05, liarMinutes: 10080 }, voicePerNetwork: true },
    { name: 'one voice per network: 1 address rotating keys (default cap)', scenario: day, attack: { rotation: { reports: 1000, fromMinute: at11, devicesPer10Minutes: 10, waitMinutes: tenfold } }, voicePerNetwork: true },
  ];
})();
