import { describe, expect, it } from 'vitest';
import type { Estimate } from '../../lib/estimates/types';
import { estimateKey, mergeEstimates } from '../../lib/ui/estimate-store';
import { buildReport, fieldOfPath, type ReportFormState } from '../../lib/ui/report-form';
import { bandOf } from '../../lib/ui/wait-bands';
import { shownAge } from '../../lib/ui/estimate-words';
import { markerLook } from '../../lib/ui/marker-look';
import { alertsToFire, parseWatchList, toggleWatch, type WatchEntry } from '../../lib/ui/watch-list';

function estimate(overrides: Partial<Estimate> = {}): Estimate {
  return {
    checkpointId: 'kyakhta', direction: 'out', mode: 'car', waitMinutes: 300, low: 200, high: 400, queueVehicles: null,
    reports: 3, lastReportAt: '2026-11-25T10:00:00Z', updatedAt: '2026-11-25T10:00:00Z', confidence: 'medium',
    stale: false, trend: null, throughputPerHour: 40, throughputSource: 'default', version: 1, ...overrides,
  };
}

describe('the colour scale', () => {
  it('puts each wait in its band, and no number in grey', () => {
    expect([0, 59, 60, 239, 240, 719, 720, 1439, 1440, 10080].map((m) => bandOf(m).id)).toEqual([
      'under1', 'under1', 'under4', 'under4', 'under12', 'under12', 'under24', 'under24', 'over24', 'over24',
    ]);
    expect(bandOf(null).id).toBe('none');
  });
});

describe('how old a shown number is', () => {
  const now = new Date('2026-12-07T15:00:00Z');
  const reported = (hoursAgo: number) => ({ lastReportAt: new Date(now.getTime() - hoursAgo * 3_600_000).toISOString() });
  it('is said beside an old number, and beside a live one only once its newest report is three hours old', () => {
    expect(shownAge(reported(13), 'old', now, 'ru')).toBe('13 ч назад');
    expect(shownAge(reported(2.9), 'unsure', now, 'ru')).toBeNull();
    expect(shownAge(reported(2.9), 'solid', now, 'ru')).toBeNull();
    expect(shownAge(reported(8), 'unsure', now, 'ru')).toBe('8 ч назад');
    expect(shownAge(reported(3), 'solid', now, 'en')).toBe('3 h ago');
    expect(shownAge(undefined, 'solid', now, 'ru')).toBeNull();
  });

  it('reads on a marker for a screen reader too', () => {
    const estimate = { ...reported(8), waitMinutes: 600, low: 330, high: 1080, confidence: 'low', stale: false, signals: [] } as unknown as Estimate;
    const look = markerLook({ name: 'Кяхта – Алтанбулаг', shortName: 'Кяхта', wait: 600, quality: 'unsure', closed: false, modeHere: true, estimate, now, lang: 'ru' });
    expect(look).toMatchObject({ label: '≈ 10 ч', age: '8 ч назад' });
    expect(look.description).toBe('Кяхта – Алтанбулаг: около 10 ч (точность низкая), последнее сообщение 8 ч назад');
  });
});

describe('live estimates in the browser', () => {
  it('keeps the highest version, so a late push changes nothing', () => {
    const first = mergeEstimates({}, [estimate({ version: 2, waitMinutes: 100 })]);
    const stale = mergeEstimates(first, [estimate({ version: 1, waitMinutes: 999 })]);
    expect(stale).toBe(first);
    const newer = mergeEstimates(first, [estimate({ version: 3, waitMinutes: 50 })]);
    expect(newer[estimateKey('kyakhta', 'out', 'car')]?.waitMinutes).toBe(50);
  });
});

describe('the watch list', () => {
  it('reads back what it stored and drops what is malformed', () => {
    const list = toggleWatch([], { id: 'kyakhta', direction: 'in', mode: 'truck' });
    expect(parseWatchList(JSON.stringify(list))).toEqual(list);
    expect(parseWatchList('not json')).toEqual([]);
    expect(parseWatchList('{"id":"x"}')).toEqual([]);
    expect(parseWatchList(JSON.stringify([{ id: 'Bad Id', direction: 'out', mode: 'car' }, { id: 'ok', direction: 'up', mode: 'car' }, list[0], list[0]]))).toEqual(list);
    expect(toggleWatch(list, { id: 'kyakhta', direction: 'out', mode: 'car' })).toEqual([]);
  });

  it('alerts once as the wait drops below the threshold, not while it stays there', () => {
    const entry: WatchEntry = { id: 'kyakhta', direction: 'out', mode: 'car', alertBelowHours: 4 };
    const at = (minutes: number | null, version: number, stale = false) => mergeEstimates({}, [estimate({ waitMinutes: minutes, version, stale })]);
    expect(alertsToFire([entry], at(300, 1), at(200, 2))).toEqual([{ entry, waitMinutes: 200, unsure: false }]);
    // On thin evidence it still fires, and says so.
    const thin = mergeEstimates({}, [estimate({ waitMinutes: 200, version: 2, confidence: 'low' })]);
    expect(alertsToFire([entry], at(300, 1), thin)).toEqual([{ entry, waitMinutes: 200, unsure: true }]);
    expect(alertsToFire([entry], at(200, 2), at(150, 3))).toEqual([]);
    expect(alertsToFire([entry], at(200, 2), at(300, 3))).toEqual([]);
    // From "no recent data" straight to a short wait is news too.
    expect(alertsToFire([entry], at(100, 1, true), at(100, 2))).toHaveLength(1);
    expect(alertsToFire([{ ...entry, alertBelowHours: null }], at(300, 1), at(200, 2))).toEqual([]);
    // At a post with opening hours: the night's countdown to the opening (14 h → 3 h, the queue an hour all along) is
    // no news; the queue's own wait dropping is, told as the whole wait.
    const shut = (minutes: number, openMinutes: number, version: number) => mergeEstimates({}, [estimate({ waitMinutes: minutes, openMinutes, version, stale: false })]);
    expect(alertsToFire([entry], shut(840, 60, 1), shut(180, 60, 2))).toEqual([]);
    expect(alertsToFire([entry], shut(900, 300, 1), shut(780, 180, 2))).toEqual([{ entry, waitMinutes: 780, unsure: false }]);
  });
});

describe('the report form', () => {
  const state: ReportFormState = { direction: 'out', mode: 'car', waitHours: '', vehiclesAhead: '', crossed: false, tookHours: '', letThrough: '', letThroughMinutes: 60 };
  const options = { id: '00000000-0000-4000-8000-000000000000', checkpointId: 'kyakhta', now: new Date('2026-11-25T12:00:00Z') };

  it('turns hours into minutes and "I just crossed" into join and cross times', () => {
    const built = buildReport({ ...state, waitHours: '3,5', vehiclesAhead: '120', crossed: true, tookHours: '6' }, options);
    expect(built).toEqual({
      ok: true,
      report: {
        id: options.id, checkpointId: 'kyakhta', direction: 'out', mode: 'car', waitMinutes: 210, queueVehicles: 120,
        crossedAt: '2026-11-25T12:00:00.000Z', joinedAt: '2026-11-25T06:00:00.000Z',
      },
    });
  });

  it('sends "N let through in the last M minutes" with the period chosen', () => {
    expect(buildReport({ ...state, letThrough: '50', letThroughMinutes: 300 }, options)).toEqual({
      ok: true,
      report: { id: options.id, checkpointId: 'kyakhta', direction: 'out', mode: 'car', letThrough: 50, letThroughMinutes: 300 },
    });
    expect(buildReport({ ...state, letThrough: 'lots' }, options)).toEqual({ ok: false, field: 'letThrough' });
    expect(fieldOfPath('letThroughMinutes')).toBe('letThrough');
  });

  it('leaves ranges to the server, but names a field that is not a number', () => {
    expect(buildReport({ ...state, waitHours: '200' }, options)).toMatchObject({ ok: true, report: { waitMinutes: 12000 } });
    expect(buildReport({ ...state, vehiclesAhead: 'many' }, options)).toEqual({ ok: false, field: 'vehiclesAhead' });
    expect(buildReport({ ...state, crossed: true }, options)).toEqual({ ok: false, field: 'tookHours' });
  });

  it('maps the server’s field paths to the inputs', () => {
    expect(['waitMinutes', 'queueVehicles', 'queueKm', 'joinedAt', 'crossedAt', 'mode', ''].map(fieldOfPath)).toEqual([
      'waitHours', 'vehiclesAhead', 'vehiclesAhead', 'tookHours', 'tookHours', 'mode', 'form',
    ]);
  });
});

describe('marker colours', () => {
  // WCAG 2 relative luminance and contrast ratio.
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const contrast = (a: string, b: string) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light! + 0.05) / (dark! + 0.05);
  };

  it('gives the text on every band at least 4.5:1 contrast', async () => {
    const { BANDS } = await import('../../lib/ui/wait-bands');
    for (const band of BANDS) expect(contrast(band.fill, band.text), band.id).toBeGreaterThanOrEqual(4.5);
  });

  it('uses the same colours in the stylesheet as in the scale', async () => {
    const { BANDS } = await import('../../lib/ui/wait-bands');
    const { readFileSync } = await import('node:fs');
    const css = readFileSync('app/base.css', 'utf8');
    for (const band of BANDS) expect(css).toContain(`--band-${band.id}: ${band.fill};`);
  });

  it('paints the browser\'s own bar in the top bar\'s colour, light and dark', async () => {
    const { BAR_COLOURS } = await import('../../lib/ui/theme');
    const { readFileSync } = await import('node:fs');
    const css = readFileSync('app/base.css', 'utf8');
    const dark = css.slice(css.indexOf('@media (prefers-color-scheme: dark)'));
    expect(css.slice(0, css.indexOf('@media (prefers-color-scheme: dark)'))).toContain(`--bar: ${BAR_COLOURS.light};`);
    expect(dark).toContain(`--bar: ${BAR_COLOURS.dark};`);
  });
});
