'use client';
// Everything about one checkpoint: a bottom sheet on phones, a side panel on
// wide screens. Rendered on the server for /checkpoints/<id> as well.
import type { NoScriptResult } from '../../lib/ui/no-script-form';
import type { CheckpointDetail, CheckpointSummary } from '../../lib/checkpoints';
import type { CrowdSignalKind, Direction, Mode, Verdict } from '../../lib/enums';
import type { ReportCreated } from '../../lib/events';
import type { PublicReport } from '../../lib/reports/store';
import { formatAgo, formatNumber, formatWait } from '../../lib/i18n/format';
import type { Language } from '../../lib/i18n/languages';
import { MESSAGES } from '../../lib/i18n/messages';
import { PAGE_MESSAGES } from '../../lib/i18n/page-messages';
import { regionName } from '../../lib/i18n/regions';
import { estimateKey, type EstimateMap } from '../../lib/ui/estimate-store';
import { usualFor, waitLabel } from '../../lib/ui/estimate-words';
import { bandOf, shownEstimate } from '../../lib/ui/wait-bands';
import { holdOf, isHeldBack, type OutboxEntry } from '../../lib/ui/outbox';
import { randomUuid } from '../../lib/ui/random-id';
import { holdText, type Hold } from '../../lib/ui/report-errors';
import type { WatchEntry } from '../../lib/ui/watch-list';
import { DIRECTIONS } from '../../lib/vocabulary';
import type { ReportInput } from '../../lib/reports/input';
import { AlertChoice } from './AlertChoice';
import { CrowdSignals } from './CrowdSignals';
import { StillRight } from './StillRight';
import { EstimateSummary } from './EstimateSummary';
import { ReportForm } from './ReportForm';
import { ShareButton } from './ShareButton';
import type { SubmitOutcome } from './useRealtime';
import { useMounted } from './useMounted';
import { WaitChart } from './WaitChart';
import { reportText } from '../../lib/ui/report-text';

export function CheckpointPanel(props: {
  checkpoint: CheckpointSummary;
  detail: CheckpointDetail | null;
  estimates: EstimateMap;
  direction: Direction;
  mode: Mode;
  lang: Language;
  now: Date;
  watch: WatchEntry | undefined;
  onToggleWatch: () => void;
  onAlertChange: (hours: number | null) => void;
  onClose: () => void;
  submit: (report: ReportInput) => Promise<SubmitOutcome>;
  enqueue: (report: ReportInput, hold?: Hold) => void;
  connected: boolean;
  /** This checkpoint's reports waiting in the outbox. */
  pending: readonly OutboxEntry[];
  onReportAccepted: (created: ReportCreated) => void;
  formResult: NoScriptResult | null;
}) {
  const { checkpoint, detail, lang, now } = props;
  const m = MESSAGES[lang];
  const other = lang === 'ru' ? 'en' : 'ru';
  const estimate = props.estimates[estimateKey(checkpoint.id, props.direction, props.mode)];
  const series = detail?.history.find((s) => s.direction === props.direction && s.mode === props.mode);
  // The chart ends at the live number, not at the last fetch.
  const points = series
    ? [
        ...series.points.slice(0, -1),
        estimate && !estimate.stale
          ? { at: now.toISOString(), waitMinutes: estimate.waitMinutes, low: estimate.low, high: estimate.high, reports: estimate.reports }
          : series.points.at(-1)!,
      ]
    : [];
  const modeHere = checkpoint.modes.includes(props.mode);
  /** A light report on the wait shown; kept in the outbox when it cannot go now. */
  const sayVerdict = async (verdict: Verdict, shownMinutes: number): Promise<boolean> => {
    const report: ReportInput = { id: randomUuid(), checkpointId: checkpoint.id, direction: props.direction, mode: props.mode, verdict, shownMinutes: Math.round(shownMinutes) };
    if (!props.connected) {
      props.enqueue(report);
      return true;
    }
    const outcome = await props.submit(report);
    if (outcome.ok) props.onReportAccepted(outcome.data);
    else if (outcome.error.code === 'timeout' || isHeldBack(outcome.error.code)) props.enqueue(report, holdOf(outcome.error, new Date()));
    else return false;
    return true;
  };
  const usual = usualFor((detail ?? checkpoint).usual, props);
  // The star and the close work by script: greyed until the page's scripts run.
  const off = !useMounted();

  return (
    <section className="panel checkpoint-panel" aria-labelledby="panel-title" data-checkpoint={checkpoint.id}>
      <header className="panel-head">
        <div>
          <h2 id="panel-title" tabIndex={-1}>{checkpoint.name[lang]}</h2>
          <p className="muted" lang={other}>
            {checkpoint.name[other]}
          </p>
        </div>
        <button
          type="button"
          className="star"
          disabled={off}
          aria-pressed={Boolean(props.watch)}
          aria-label={props.watch ? m.unwatch : m.watch}
          title={props.watch ? m.unwatch : m.watch}
          onClick={props.onToggleWatch}
        >
          {props.watch ? '★' : '☆'}
        </button>
        <button type="button" className="close" disabled={off} aria-label={m.close} title={m.close} onClick={props.onClose}>
          ×
        </button>
      </header>

      <ShareButton title={checkpoint.name[lang]} lang={lang} />

      {(checkpoint.status !== 'open' || checkpoint.statusNote) && (
        <p className="status-banner" data-status={checkpoint.status} role="status">
          <strong>{m.statusBanner[checkpoint.status]}</strong>
          {checkpoint.statusNote && <span className="status-note">{checkpoint.statusNote}</span>}
        </p>
      )}
      <p className="panel-context">{`${m.directions[props.direction]} · ${m.modes[props.mode]}`}</p>
      {modeHere && <CrowdSignals estimate={estimate} lang={lang} now={now} />}
      {modeHere ? (
        <>
          <EstimateSummary estimate={estimate} usual={usual} openingHours={checkpoint.openingHours} mode={props.mode} lang={lang} now={now} />
          {estimate?.waitMinutes != null && (
            <StillRight key={`${props.direction}/${props.mode}`} lang={lang} onSay={(verdict) => sayVerdict(verdict, estimate.waitMinutes!)} />
          )}
        </>
      ) : (
        <p className="muted">{`${m.modes[props.mode]}: ${m.modeNotHere}`}</p>
      )}
      {props.watch && <AlertChoice entry={props.watch} lang={lang} onChange={props.onAlertChange} />}

      <ReportForm
        // A mode a moderator opens or closes starts the form again, on the mode followed if it is now allowed.
        key={`${checkpoint.id}/${props.direction}/${props.mode}/${checkpoint.modes.join()}`}
        checkpointId={checkpoint.id}
        modes={checkpoint.modes}
        direction={props.direction}
        mode={props.mode}
        lang={lang}
        submit={props.submit}
        enqueue={props.enqueue}
        pendingIds={props.pending.map((entry) => entry.report.id)}
        storedIds={props.detail?.recentReports.map((report) => report.id) ?? []}
        connected={props.connected}
        onAccepted={props.onReportAccepted}
        waitKnown={(direction, mode) => props.estimates[estimateKey(checkpoint.id, direction, mode)]?.waitMinutes != null}
        initial={props.formResult}
      />

      {props.pending.length > 0 && (
        <>
          <h3>{m.pendingReports}</h3>
          <ul className="recent-reports pending-reports">
            {props.pending.map(({ report, queuedAt, hold }) => (
              <li key={report.id} data-report={report.id}>
                <span className="muted">{`${formatAgo(queuedAt, now, lang)} · ${m.directionsShort[report.direction]} · ${m.modes[report.mode]}`}</span>
                <span>
                  {reportText(
                    {
                      waitMinutes: report.waitMinutes ?? null,
                      queueVehicles: report.queueVehicles ?? null,
                      queueKm: report.queueKm ?? null,
                      joinedAt: report.joinedAt ?? null,
                      crossedAt: report.crossedAt ?? null,
                      letThrough: report.letThrough ?? null,
                      letThroughMinutes: report.letThroughMinutes ?? null,
                      signal: report.signal ?? null,
                      verdict: report.verdict ?? null,
                      shownMinutes: report.shownMinutes ?? null,
                    },
                    lang,
                  )}
                </span>
                {hold && <span className="muted pending-hold">{holdText(hold, lang)}</span>}
              </li>
            ))}
          </ul>
        </>
      )}

      {detail ? <WaitChart points={points} lang={lang} /> : <p className="muted">{m.loading}</p>}

      <h3>{m.allEstimates}</h3>
      <table className="all-estimates">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">{m.mode}</span>
            </th>
            {DIRECTIONS.map((d) => (
              <th key={d} scope="col">
                {m.directionsShort[d]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {checkpoint.modes.map((mode) => (
            <tr key={mode}>
              <th scope="row">{m.modes[mode]}</th>
              {DIRECTIONS.map((d) => {
                const { wait, quality } = shownEstimate(props.estimates[estimateKey(checkpoint.id, d, mode)]);
                return (
                  <td key={d} data-band={bandOf(wait).id} data-quality={quality}>
                    {waitLabel(wait, quality, lang)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>

      <h3>{m.recentReports}</h3>
      {detail && detail.recentReports.length === 0 && <p className="muted">{m.recentEmpty}</p>}
      {detail && detail.recentReports.length > 0 && (
        <ul className="recent-reports">
          {detail.recentReports.map((report) => (
            <li key={report.id}>
              <span className="muted">{`${formatAgo(report.createdAt, now, lang)} · ${m.directionsShort[report.direction]} · ${m.modes[report.mode]}`}</span>
              <span>{reportText(report, lang)}</span>
            </li>
          ))}
        </ul>
      )}

      <dl className="facts-list">
        <dt>{m.russianSide}</dt>
        <dd>{`${checkpoint.russianSide.name[lang]} (${regionName(checkpoint.russianSide.region, lang)})`}</dd>
        <dt>{m.neighbourSide}</dt>
        <dd>
          {checkpoint.neighbourSide.name.local === checkpoint.neighbourSide.name.en
            ? checkpoint.neighbourSide.name.en
            : `${checkpoint.neighbourSide.name.local} · ${checkpoint.neighbourSide.name.en}`}
          {` (${regionName(checkpoint.neighbourSide.region, lang)})`}
        </dd>
        <dt>{m.accessLabel}</dt>
        <dd>{m.access[checkpoint.access]}</dd>
        <dt>{m.modesLabel}</dt>
        <dd>{checkpoint.modes.map((mode) => m.modes[mode]).join(', ')}</dd>
        <dt>{PAGE_MESSAGES[lang].positionLabel}</dt>
        <dd className="position" data-quality={checkpoint.coordinateQuality}>
          {PAGE_MESSAGES[lang].position[checkpoint.coordinateQuality]}
        </dd>
      </dl>
      {props.detail?.note && (
        <p className="note muted">
          {lang === 'en' ? '' : `${m.catalogueNote} `}
          <span lang="en">{props.detail.note}</span>
        </p>
      )}
    </section>
  );
}
