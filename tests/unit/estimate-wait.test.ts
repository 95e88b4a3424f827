import { describe, expect, it } from 'vitest';
import { estimateWait } from '../../lib/estimates/estimate-wait';
import { observe, queueLength } from '../../lib/estimates/observations';
import type { EstimatorReport } from '../../lib/estimates/types';
import { SAYS_NOTHING } from '../helpers/estimator-reports';

const NOW = new Date('2022-09-26T12:00:00Z');
const MINUTE = 60_000;
const minutesAgo = (minutes: number, now = NOW) => new Date(now.getTime() - minutes * MINUTE);
let deviceCounter = 0;

function report(fields: Partial<EstimatorReport> & { ago?: number }): EstimatorReport {
  const { ago = 5, ...rest } = fields;
  return { deviceKey: `device-${deviceCounter++}`, createdAt: minutesAgo(ago), ...SAYS_NOTHING, ...rest };
}

const crossing = (tookMinutes: number, ago: number) => report({ joinedAt: minutesAgo(ago + tookMinutes), crossedAt: minutesAgo(ago), ago });

const estimate = (reports: EstimatorReport[], options: { now?: Date; capacityPerDay?: number | null } = {}) =>
  estimateWait({ checkpoint: { id: 'verkhny-lars', capacityPerDay: options.capacityPerDay ?? null }, direction: 'out', mode: 'car', reports, now: options.now ?? NOW });

describe('estimateWait: the number', () => {
  it('gives a crossing of under five minutes no weight, and ends a crossing no later than it was received', () => {
    const honest = [report({ waitMinutes: 60, ago: 20 }), report({ waitMinutes: 60, ago: 10 })];
    const alone = estimate(honest);
    const tap = report({ joinedAt: minutesAgo(5), crossedAt: new Date(minutesAgo(5).getTime() + 1), ago: 5 });
    const pick = ({ waitMinutes, low, high, confidence }: ReturnType<typeof estimate>) => ({ waitMinutes, low, high, confidence });
    expect(pick(estimate([...honest, tap]))).toEqual(pick(alone));
    // Crossed "two minutes from now" by a fast clock: the same as crossed when it was sent.
    const sent = report({ joinedAt: minutesAgo(125), crossedAt: minutesAgo(5), ago: 5 });
    const ahead = { ...sent, crossedAt: minutesAgo(3) };
    expect(estimate([ahead]).waitMinutes).toBe(estimate([sent]).waitMinutes);
    expect(observe([ahead], 'car')).toEqual(observe([sent], 'car'));
  });

  it('with no reports gives no number, stale, low confidence', () => {
    expect(estimate([])).toMatchObject({
      checkpointId: 'verkhny-lars', direction: 'out', mode: 'car', waitMinutes: null, low: null, high: null, queueVehicles: null,
      reports: 0, lastReportAt: null, updatedAt: NOW.toISOString(), confidence: 'low', stale: true, trend: null,
      throughputPerHour: null, throughputSource: null,
    });
  });

  it('with one stated wait shows it, inside a band, and does not claim high confidence', () => {
    const result = estimate([report({ waitMinutes: 180 })]);
    expect(result.waitMinutes).toBe(180);
    expect(result.low!).toBeLessThan(180);
    expect(result.high!).toBeGreaterThan(180);
    expect(result).toMatchObject({ reports: 1, stale: false, lastReportAt: minutesAgo(5).toISOString() });
    expect(result.confidence).not.toBe('high');
  });

  it('holds a steady queue steady with two reports an hour, where the newest report alone would swing', () => {
    // Twelve hours of 6 h and 8 h alternating every half hour: truth about 7 h.
    const reports = Array.from({ length: 24 }, (_, i) => report({ waitMinutes: i % 2 ? 360 : 480, ago: 5 + i * 30 }));
    const hourly = [0, 60, 120, 180, 240].map((back) => {
      const now = minutesAgo(back);
      return estimate(reports.filter((r) => r.createdAt <= now), { now }).waitMinutes!;
    });
    for (const value of hourly) expect(value).toBeGreaterThan(360);
    for (const value of hourly) expect(value).toBeLessThan(480);
    for (let i = 1; i < hourly.length; i += 1) expect(Math.abs(hourly[i]! - hourly[i - 1]!) / hourly[i - 1]!).toBeLessThan(0.1);
  });

  it('follows a queue that clears: low within 45 minutes of reports saying so', () => {
    const before = Array.from({ length: 12 }, (_, i) => report({ waitMinutes: 300, queueVehicles: i % 3 === 0 ? 300 : null, ago: 60 + i * 25 }));
    const cleared = [45, 35, 25, 15, 5].map((ago) => report({ waitMinutes: 20, queueVehicles: 10, ago }));
    expect(estimate(before).waitMinutes).toBeGreaterThan(240);
    const result = estimate([...before, ...cleared]);
    expect(result.waitMinutes!).toBeLessThan(60);
  });

  it('stretches its band toward where the recent reports lean: a queue growing faster than it follows stays inside', () => {
    // Every 15 min for 6 h the stated wait grows by an hour an hour: 60 min, then 75, … 405 min five minutes ago.
    // Said 30 minutes after it was so (hearsay), the truth now is about 440 min; the estimate lags it.
    const series = (wait: (ago: number) => number) => Array.from({ length: 24 }, (_, i) => 360 - 15 * i).map((ago) => report({ waitMinutes: wait(ago), ago }));
    const growing = estimate(series((ago) => 60 + (360 - ago)));
    expect(growing.waitMinutes!).toBeLessThan(405);
    expect(growing.high!).toBeGreaterThanOrEqual(440);
    // Where nothing leans, nothing stretches: the same reports flat at 400 min give a band about the estimate.
    const flat = estimate(series(() => 400));
    expect(flat.high! - flat.waitMinutes!).toBeLessThan(growing.high! - growing.waitMinutes!);
    expect(flat.high! - flat.waitMinutes!).toBeLessThan(60);
  });

  it('resists an absurd value: one liar among honest reports moves nothing', () => {
    const honest = [110, 120, 120, 130, 125].map((waitMinutes, i) => report({ waitMinutes, ago: 5 + i * 3 }));
    const clean = estimate(honest);
    const attacked = estimate([...honest, report({ waitMinutes: 10080, ago: 1 }), report({ waitMinutes: 0, ago: 2 })]);
    expect(Math.abs(attacked.waitMinutes! - clean.waitMinutes!)).toBeLessThanOrEqual(10);
    expect(attacked.high!).toBeLessThan(400);
  });

  it('lets one device saying something absurd after the level is set neither stretch the band nor shake the confidence', () => {
    // Four hours of agreeing reports, then one device's 7 days (or 10 minutes): a quarrel needs two voices.
    const honest = [300, 260, 230, 110, 80, 50, 20].map((ago, i) => report({ waitMinutes: 240, ago, deviceKey: `steady-${i}` }));
    const clean = estimate(honest);
    expect(clean.confidence).toBe('high');
    for (const lie of [10080, 10]) {
      const attacked = estimate([...honest, report({ waitMinutes: lie, ago: 10 })]);
      expect(attacked.confidence, `${lie}`).toBe('high');
      expect(attacked.high!, `${lie}`).toBeLessThanOrEqual(clean.high!);
      expect(attacked.low!, `${lie}`).toBeGreaterThanOrEqual(clean.low! - 40);
    }
  });

  it('counts a device once, by its latest report, however often it reports', () => {
    const flooder = Array.from({ length: 200 }, (_, i) => report({ deviceKey: 'flooder', waitMinutes: 5000, ago: 1 + i * 0.1 }));
    const honest = [118, 120, 122].map((waitMinutes) => report({ waitMinutes, ago: 20 }));
    const result = estimate([...flooder, ...honest]);
    expect(result.reports).toBe(4);
    expect(result.waitMinutes!).toBeLessThanOrEqual(130);
    const changedMind = estimate([report({ deviceKey: 'a', waitMinutes: 600, ago: 12 }), report({ deviceKey: 'a', waitMinutes: 60, ago: 5 })]);
    expect(changedMind).toMatchObject({ waitMinutes: 60, reports: 1 });
  });

  it('moves on three fresh devices at the speed the evidence warrants, and says it is unsure', () => {
    const established = Array.from({ length: 12 }, (_, i) => report({ waitMinutes: 600, ago: 10 + i * 20 }));
    const before = estimate(established, { capacityPerDay: 1200 });
    expect(before.confidence).toBe('high');
    const three = [2, 1.5, 1].map((ago) => report({ waitMinutes: 90, ago }));
    const after = estimate([...established, ...three], { capacityPerDay: 1200 });
    // Three reports within a minute of a report that said 10 h do not make it 1.5 h…
    expect(after.waitMinutes!).toBeGreaterThan(240);
    // …but the band holds both, and the conflict, not the count, sets the confidence.
    expect(after.low!).toBeLessThanOrEqual(100);
    expect(after.high!).toBeGreaterThanOrEqual(500);
    expect(after.confidence).toBe('low');
  });

  it('takes a crossing as the wait of someone who joined then, carried to the present', () => {
    expect(estimate([crossing(240, 5)]).waitMinutes).toBe(240);
    // Reports that said 10 h while crossings of people who joined since say 4 h: the present moves.
    const said = [300, 290, 280, 270].map((ago) => report({ waitMinutes: 600, ago }));
    const crossed = [20, 15, 10, 5].map((ago) => crossing(240, ago));
    expect(estimate([...said, ...crossed]).waitMinutes!).toBeLessThan(400);
  });

  it('keeps an old estimate as old: stale, the value of its newest report, never carried forward as live', () => {
    const reports = [report({ waitMinutes: 840, ago: 20 }), report({ waitMinutes: 840, ago: 10 })];
    const later = new Date(NOW.getTime() + 13 * 60 * MINUTE);
    const old = estimate(reports, { now: later });
    expect(old).toMatchObject({ stale: true, waitMinutes: 840, confidence: 'low', trend: null, lastReportAt: minutesAgo(10).toISOString() });
    expect(estimate(reports, { now: new Date(NOW.getTime() + 25 * 60 * MINUTE) })).toMatchObject({ waitMinutes: null, stale: true });
  });

  it('goes stale sooner where the wait is short and can change fast', () => {
    const short = [report({ waitMinutes: 20, ago: 10 })];
    const long = [report({ waitMinutes: 1200, ago: 10 })];
    const later = new Date(NOW.getTime() + 4 * 60 * MINUTE);
    expect(estimate(short, { now: later }).stale).toBe(true);
    expect(estimate(long, { now: later }).stale).toBe(false);
  });

  it('is confident with many fresh, agreeing reports and not with few or scattered ones', () => {
    const many = [100, 110, 120, 120, 130, 115, 120, 110].map((waitMinutes, i) => report({ waitMinutes, ago: 2 + i * 4 }));
    expect(estimate(many).confidence).toBe('high');
    expect(estimate([report({ waitMinutes: 120, ago: 100 })]).confidence).not.toBe('high');
    const scattered = [20, 400, 60, 900, 150, 30].map((waitMinutes, i) => report({ waitMinutes, ago: 2 + i * 4 }));
    expect(estimate(scattered).confidence).not.toBe('high');
  });

  it('is never more than low on one device\'s word, however many numbers it gave', () => {
    const alone = [report({ waitMinutes: 240, queueVehicles: 120, deviceKey: 'one-phone', ago: 2 })];
    expect(estimate(alone, { capacityPerDay: 720 })).toMatchObject({ waitMinutes: expect.any(Number), confidence: 'low' });
    // The same phone again an hour later is still one person.
    const again = [...alone, report({ waitMinutes: 240, queueVehicles: 110, deviceKey: 'one-phone', ago: 60 })];
    expect(estimate(again, { capacityPerDay: 720 }).confidence).toBe('low');
    // A second phone that agrees makes it more than one person's word.
    expect(estimate([...again, report({ waitMinutes: 240, ago: 30 })], { capacityPerDay: 720 }).confidence).not.toBe('low');
  });

  it('says which way the queue goes when the reports show it', () => {
    const rising = Array.from({ length: 10 }, (_, i) => report({ waitMinutes: 60 + (9 - i) * 30, ago: 5 + i * 20 }));
    expect(estimate(rising).trend).toBe('rising');
    const falling = Array.from({ length: 10 }, (_, i) => report({ waitMinutes: 360 - (9 - i) * 30, ago: 5 + i * 20 }));
    expect(estimate(falling).trend).toBe('falling');
    const steady = Array.from({ length: 10 }, (_, i) => report({ waitMinutes: i % 2 ? 115 : 125, ago: 5 + i * 20 }));
    expect(estimate(steady).trend).toBe('steady');
  });

  it('reads the arrow as a rate over two hours, so a rise that the last hour alone half hides still shows', () => {
    const before = Array.from({ length: 10 }, (_, i) => report({ waitMinutes: 120, ago: 60 + i * 20 }));
    // A stated wait tells of the road half an hour before it is sent: the first of these lands before the last hour,
    // so over one hour the estimate moved 156 → 177 min (under 15 % of it) and the arrow said "steady".
    const rose = [...before, ...[50, 30, 10].map((ago) => report({ waitMinutes: 200, ago }))];
    expect(estimate(rose)).toMatchObject({ waitMinutes: 177, trend: 'rising' });
    // One report that says more, among hours of agreeing ones, is a correction, not a trend.
    expect(estimate([...before, report({ waitMinutes: 200, ago: 10 })]).trend).toBe('steady');
    // Where the first report came less than two hours ago, the rate is over the time since.
    const fresh = [60, 90, 120, 150, 180].map((waitMinutes, i) => report({ waitMinutes, ago: 90 - i * 20 }));
    expect(estimate(fresh).trend).toBe('rising');
  });

  it('shows no arrow while its reports span less than an hour: three of this minute say nothing of which way it goes', () => {
    const now = [600, 540, 660].map((waitMinutes) => report({ waitMinutes, ago: 1 }));
    expect(estimate(now)).toMatchObject({ stale: false, trend: null });
    // A stated wait tells of the road half an hour before it was sent: one sent 40 minutes ago reaches back 70.
    expect(estimate([...now, report({ waitMinutes: 600, ago: 40 })]).trend).toBe('steady');
    expect(estimate([...now, report({ waitMinutes: 600, ago: 20 })]).trend).toBeNull();
  });

  it('shows no arrow when nobody reported in the last two hours: past the newest report the number only drifts', () => {
    // One report of this morning, still shown: "steady" would be the model speaking, not the queue.
    expect(estimate([report({ waitMinutes: 600, ago: 11 * 60 })])).toMatchObject({ stale: false, waitMinutes: expect.any(Number), trend: null });
    // Hours of agreeing reports that ended two and a half hours ago: the same.
    const ended = Array.from({ length: 8 }, (_, i) => report({ waitMinutes: i % 2 ? 115 : 125, ago: 150 + i * 20 }));
    expect(estimate(ended)).toMatchObject({ stale: false, trend: null });
    // One more, an hour ago, and the two hours have something to say.
    expect(estimate([...ended, report({ waitMinutes: 120, ago: 60 })]).trend).toBe('steady');
  });

  it('never says more than the 7-day cap, however long a queue is reported', () => {
    const result = estimate([report({ queueVehicles: 20000, ago: 5 })], { capacityPerDay: 200 });
    expect(result.waitMinutes!).toBeLessThanOrEqual(10080);
    expect(result.high!).toBeLessThanOrEqual(10080);
  });

  it('ignores reports from after `now`, and gives the same answer for the same input', () => {
    const reports = [report({ waitMinutes: 90, ago: 10 }), report({ waitMinutes: 5000, ago: -30 })];
    expect(estimate(reports).waitMinutes).toBe(90);
    expect(estimate(reports)).toEqual(estimate(reports));
  });
});

describe('estimateWait: throughput, from everything that carries it', () => {
  const perHour = (reports: EstimatorReport[], capacityPerDay: number | null = null) => estimate(reports, { capacityPerDay });

  it('starts from the catalogue capacity (below it: a design figure), or a weak default', () => {
    expect(perHour([report({ waitMinutes: 60 })], 2400)).toMatchObject({ throughputPerHour: 70, throughputSource: 'catalogue' });
    expect(perHour([report({ waitMinutes: 60 })])).toMatchObject({ throughputSource: 'default' });
  });

  it('learns it from "N let through in M minutes": 50 in 5 h is 10 an hour', () => {
    const result = perHour([report({ letThrough: 50, letThroughMinutes: 300 }), report({ waitMinutes: 600, ago: 10 })]);
    expect(result.throughputSource).toBe('reports');
    expect(result.throughputPerHour!).toBeGreaterThan(9);
    expect(result.throughputPerHour!).toBeLessThan(12);
  });

  it('with only "N let through", gives no wait but the rate, while it is recent: the panel says it, not "no fresh data"', () => {
    const alone = perHour([report({ letThrough: 50, letThroughMinutes: 300, ago: 20 })]);
    expect(alone).toMatchObject({ waitMinutes: null, low: null, high: null, queueVehicles: null, stale: true, reports: 1, throughputSource: 'reports' });
    expect(alone.throughputPerHour!).toBeGreaterThan(9);
    expect(alone.throughputPerHour!).toBeLessThan(12);
    // Older than the window a report counts in (6 h): old news, as with no report at all.
    expect(perHour([report({ letThrough: 50, letThroughMinutes: 300, ago: 7 * 60 })])).toMatchObject({ waitMinutes: null, reports: 0, throughputPerHour: null, throughputSource: null });
    // "None let through" is a stop, not a rate.
    expect(perHour([report({ letThrough: 0, letThroughMinutes: 60 })])).toMatchObject({ throughputPerHour: null, throughputSource: null });
  });

  it('takes "none let through" as a post that is stopped, not as its rate: the throughput it learned stays', () => {
    const learned = [report({ letThrough: 50, letThroughMinutes: 60, ago: 120 }), report({ waitMinutes: 60, ago: 100 })];
    const before = perHour(learned);
    const after = perHour([...learned, ...[30, 20, 10].map((ago) => report({ letThrough: 0, letThroughMinutes: 60, ago }))]);
    expect(after.throughputPerHour).toBe(before.throughputPerHour);
  });

  it('learns it from a stated wait beside a count: 300 cars, 20 hours', () => {
    const result = perHour([report({ waitMinutes: 1200, queueVehicles: 300 }), report({ waitMinutes: 1200, queueVehicles: 300, ago: 15 })]);
    expect(result.throughputSource).toBe('reports');
    expect(result.throughputPerHour!).toBeGreaterThan(10);
    expect(result.throughputPerHour!).toBeLessThan(22);
  });

  it('learns it from one device advancing: 300 ahead, then 250 two hours later, is 25 an hour', () => {
    const device = 'advancing';
    const result = perHour([report({ deviceKey: device, queueVehicles: 300, ago: 125 }), report({ deviceKey: device, queueVehicles: 250, ago: 5 })]);
    expect(result.throughputSource).toBe('reports');
    expect(result.throughputPerHour!).toBeGreaterThan(18);
    expect(result.throughputPerHour!).toBeLessThan(35);
    // Its first count says how long the queue was when it joined: about 12 h at that rate.
    expect(result.waitMinutes!).toBeGreaterThan(400);
  });

  it('learns it from crossings matched with the queue reported when they joined', () => {
    // 300 ahead when they joined; crossed after 10 h: 30 an hour, against a default of 42.
    const joinedAgo = 610;
    const counts = [joinedAgo + 5, joinedAgo, joinedAgo - 5].map((ago) => report({ queueVehicles: 300, ago }));
    const crossed = [10, 8, 6].map((ago) => crossing(600, ago));
    const result = perHour([...counts, ...crossed]);
    expect(result.throughputSource).toBe('reports');
    expect(result.throughputPerHour!).toBeGreaterThan(22);
    expect(result.throughputPerHour!).toBeLessThan(38);
  });

  it('turns "500 ahead" and "50 let through in 5 h" into about two days where the catalogue has no capacity', () => {
    const result = perHour([report({ queueVehicles: 500, ago: 10 }), report({ letThrough: 50, letThroughMinutes: 300, ago: 5 })]);
    expect(result.waitMinutes!).toBeGreaterThan(40 * 60);
    expect(result.waitMinutes!).toBeLessThan(60 * 60);
    expect(result.queueVehicles).toBe(500);
  });

  it('gives the queue it works out to two significant digits, as it gives the throughput: a model figure, not a count', () => {
    // Three counts around 1,423 and a stated wait: the model's μ × W falls between them, never a count anyone made.
    const result = perHour([report({ queueVehicles: 1423, ago: 30 }), report({ queueVehicles: 1390, ago: 20 }), report({ waitMinutes: 1200, ago: 10 })], 2000);
    expect(result.queueVehicles).not.toBeNull();
    expect(result.queueVehicles! % 100).toBe(0);
    expect(result.queueVehicles!).toBeGreaterThan(900);
    expect(result.queueVehicles!).toBeLessThan(2000);
  });

  it('turns a queue length into a wait through it (vehicles, and km at 7 m a car)', () => {
    const byCount = perHour([report({ queueVehicles: 240 })], 1440 / 0.7);
    expect(byCount.waitMinutes).toBe(240);
    expect(queueLength({ queueVehicles: null, queueKm: 2 }, 'truck')).toBe(100);
    expect(queueLength({ queueVehicles: null, queueKm: 1.4 }, 'car')).toBe(200);
  });

  it('reads "0 km" as a queue too short to give in km, not as an empty one: counts of 40 cars are not pulled to nothing', () => {
    const reports = [report({ queueVehicles: 40, ago: 40 }), report({ queueKm: 0, ago: 30 }), report({ queueVehicles: 40, ago: 20 }), report({ queueKm: 0, ago: 10 })];
    const result = perHour(reports, 1440 / 0.7);
    // 40 cars at one a minute; people round km to the half, so 0 km is anything under about 35 cars.
    expect(result.waitMinutes!).toBeGreaterThanOrEqual(30);
    expect(result.low!).toBeLessThan(30);
  });
});

describe('observe', () => {
  it('gives a device at most one observation of each kind, and dates a crossing from its join', () => {
    const device = 'one';
    const observations = observe(
      [
        report({ deviceKey: device, waitMinutes: 60, ago: 30 }),
        report({ deviceKey: device, waitMinutes: 90, ago: 20 }),
        report({ deviceKey: device, joinedAt: minutesAgo(200), crossedAt: minutesAgo(10), ago: 10 }),
        report({ deviceKey: device, letThrough: 5, letThroughMinutes: 60, ago: 5 }),
        report({ deviceKey: device, letThrough: 8, letThroughMinutes: 60, ago: 4 }),
      ],
      'car',
    );
    expect(observations.map((o) => `${o.kind}/${o.source}`).sort()).toEqual(['rate/letThrough', 'wait/crossed', 'wait/stated']);
    expect(observations.find((o) => o.source === 'crossed')!.at).toBe(minutesAgo(200).getTime());
    const rate = observations.find((o) => o.kind === 'rate' && o.source === 'letThrough');
    expect(rate && rate.kind === 'rate' && Math.exp(rate.y) * 60).toBeCloseTo(8, 5);
  });

  it('takes a later, lower count from the same device within minutes as a correction, not an advance', () => {
    const device = 'corrects';
    const observations = observe([report({ deviceKey: device, queueVehicles: 3000, ago: 10 }), report({ deviceKey: device, queueVehicles: 300, ago: 5 })], 'car');
    expect(observations).toHaveLength(1);
    expect(observations[0]).toMatchObject({ kind: 'queue', vehicles: 300 });
  });
});
