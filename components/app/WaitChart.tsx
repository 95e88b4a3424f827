'use client';
// The wait over the last 24 h or 7 days as a small SVG: the likely range as a
// band, the estimate as a line, gaps where there was no data. Hand-drawn
// rather than a chart library: it is one shape, and the page must stay light.
import { useState } from 'react';
import type { HistoryPoint } from '../../lib/estimates/aggregates';
import { formatClock, formatDay, formatWait } from '../../lib/i18n/format';
import type { Language } from '../../lib/i18n/languages';
import { MESSAGES } from '../../lib/i18n/messages';
import { onPhoneClock } from './server-clock';
import { useMounted } from './useMounted';

const WIDTH = 320;
const HEIGHT = 150;
const PAD = { left: 40, right: 8, top: 10, bottom: 22 };

type Period = '24h' | '7d';

function segments(points: readonly HistoryPoint[], pick: (p: HistoryPoint) => number | null): HistoryPoint[][] {
  const runs: HistoryPoint[][] = [];
  let run: HistoryPoint[] = [];
  for (const point of points) {
    if (pick(point) === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push(point);
  }
  if (run.length) runs.push(run);
  return runs;
}

export function WaitChart(props: { points: readonly HistoryPoint[]; lang: Language }) {
  const [period, setPeriod] = useState<Period>('24h');
  // Axis times are in the reader's time zone, which the server does not know.
  const mounted = useMounted();
  const m = MESSAGES[props.lang];
  const points = period === '24h' ? props.points.slice(-24) : props.points;
  const values = points.flatMap((p) => [p.waitMinutes, p.high].filter((v): v is number => v !== null));
  const first = points[0];
  const last = points.at(-1);

  const tabs = (
    <div className="chart-periods" role="group" aria-label={m.chart}>
      {(['24h', '7d'] as const).map((p) => (
        <button key={p} type="button" disabled={!mounted} aria-pressed={period === p} onClick={() => setPeriod(p)}>
          {p === '24h' ? m.chart24h : m.chart7d}
        </button>
      ))}
    </div>
  );

  if (!first || !last || values.length === 0) {
    return (
      <figure className="chart">
        <figcaption>{m.chart}</figcaption>
        {tabs}
        <p className="muted">{m.chartEmpty}</p>
      </figure>
    );
  }

  const t0 = new Date(first.at).getTime();
  const t1 = Math.max(new Date(last.at).getTime(), t0 + 1);
  const top = Math.max(60, ...values) * 1.1;
  const x = (p: HistoryPoint) => PAD.left + ((new Date(p.at).getTime() - t0) / (t1 - t0)) * (WIDTH - PAD.left - PAD.right);
  const y = (minutes: number) => HEIGHT - PAD.bottom - (minutes / top) * (HEIGHT - PAD.top - PAD.bottom);
  const line = (run: HistoryPoint[]) => run.map((p, i) => `${i ? 'L' : 'M'}${x(p).toFixed(1)},${y(p.waitMinutes!).toFixed(1)}`).join('');
  const band = (run: HistoryPoint[]) =>
    `${run.map((p, i) => `${i ? 'L' : 'M'}${x(p).toFixed(1)},${y(p.high!).toFixed(1)}`).join('')}` +
    `${[...run].reverse().map((p) => `L${x(p).toFixed(1)},${y(p.low!).toFixed(1)}`).join('')}Z`;

  const shown = points.map((p) => p.waitMinutes).filter((v): v is number => v !== null);
  const summary = m.chartSummary(
    period === '24h' ? m.chart24h : m.chart7d,
    formatWait(Math.min(...shown), props.lang),
    formatWait(Math.max(...shown), props.lang),
    last.waitMinutes === null ? m.noRecentData : formatWait(last.waitMinutes, props.lang),
  );
  // On the phone's own clock, which the reader sets the axis beside.
  const axisLabel = (p: HistoryPoint) => (period === '24h' ? formatClock(onPhoneClock(p.at), props.lang) : formatDay(onPhoneClock(p.at), props.lang));
  const middle = points[Math.floor(points.length / 2)]!;

  return (
    <figure className="chart">
      <figcaption>{m.chart}</figcaption>
      {tabs}
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary}>
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} className="axis" />
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(top / 1.1)} y2={y(top / 1.1)} className="grid" />
        <text x={PAD.left - 4} y={y(0)} className="tick" textAnchor="end" dominantBaseline="middle">0</text>
        <text x={PAD.left - 4} y={y(top / 1.1)} className="tick" textAnchor="end" dominantBaseline="middle">
          {formatWait(top / 1.1, props.lang)}
        </text>
        {segments(points, (p) => (p.low === null || p.high === null ? null : p.low)).map((run, i) => (
          <path key={`b${i}`} d={band(run)} className="band" />
        ))}
        {segments(points, (p) => p.waitMinutes).map((run, i) =>
          run.length === 1 ? (
            <circle key={`l${i}`} cx={x(run[0]!)} cy={y(run[0]!.waitMinutes!)} r={2.5} className="dot" />
          ) : (
            <path key={`l${i}`} d={line(run)} className="line" />
          ),
        )}
        {[first, middle, last].map((p, i) => (
          <text key={i} x={x(p)} y={HEIGHT - 6} className="tick" textAnchor={i === 0 ? 'start' : i === 2 ? 'end' : 'middle'}>
            {mounted ? axisLabel(p) : ''}
          </text>
        ))}
      </svg>
    </figure>
  );
}
