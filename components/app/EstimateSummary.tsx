'use client';
// The estimate in words: the wait with its band, how sure it is, the likely
// range, which way it is moving, how many are let through, how fresh, and
// what it usually is at this time. An old estimate is shown as old.
import type { UsualWait } from '../../lib/estimates/aggregates';
import type { OpeningHours } from '../../lib/estimates/opening-hours';
import { REPORTS_WINDOW_HOURS } from '../../lib/estimates/parameters';
import type { Estimate } from '../../lib/estimates/types';
import type { Mode } from '../../lib/enums';
import { formatAgo, formatNumber, formatWait } from '../../lib/i18n/format';
import type { Language } from '../../lib/i18n/languages';
import { MESSAGES } from '../../lib/i18n/messages';
import { onlyRate, throughputText, usualText, waitLabel } from '../../lib/ui/estimate-words';
import { closingText, hoursText } from '../../lib/ui/post-hours';
import { bandOf, shownEstimate } from '../../lib/ui/wait-bands';

export function EstimateSummary(props: {
  estimate: Estimate | undefined;
  usual: UsualWait | undefined;
  openingHours: OpeningHours | null;
  mode: Mode;
  lang: Language;
  now: Date;
}) {
  const m = MESSAGES[props.lang];
  const { estimate, lang } = props;
  const { wait, quality } = shownEstimate(estimate);
  const band = bandOf(wait);
  const usual = usualText(props.usual, lang);
  const hours = hoursText(props.openingHours, estimate, lang);
  // Never for an old estimate: closingAtStake leaves stale ones out.
  const closing = closingText(props.openingHours, estimate, lang);
  const ago = estimate?.lastReportAt ? formatAgo(estimate.lastReportAt, props.now, lang) : null;
  const throughput = throughputText(estimate, props.mode, lang);
  // No wait, but a recent "N let through": the rate is news, and the wait needs someone to say the queue.
  const rateOnly = wait === null && onlyRate(estimate);
  // "около 4 ч"; "≈ 4 ч" when unsure (the same mark as its marker); "14 ч — 5 часов назад" when old.
  const headline =
    wait === null
      ? rateOnly
        ? m.waitUnknown
        : m.noRecentData
      : quality === 'old'
        ? m.oldEstimate(formatWait(wait, lang), ago ?? '')
        : quality === 'unsure'
          ? waitLabel(wait, quality, lang)
          : m.waitAbout(formatWait(wait, lang));
  return (
    <div className="estimate" data-band={band.id} data-quality={quality} aria-live="polite">
      <p className="estimate-wait">
        <span
          className="swatch"
          data-quality={quality}
          style={quality === 'solid' ? { background: band.fill } : { borderColor: band.fill }}
          aria-hidden="true"
        />
        <span data-testid="panel-wait">{headline}</span>
      </p>
      {quality === 'old' && <p className="old-note">{m.oldNote}</p>}
      {estimate && wait !== null && (
        <ul className="estimate-facts">
          {estimate.low !== null && estimate.high !== null && <li>{m.range(formatWait(estimate.low, lang), formatWait(estimate.high, lang))}</li>}
          {estimate.queueVehicles !== null && <li>{m.queue(formatNumber(estimate.queueVehicles, lang))}</li>}
          {throughput && <li data-testid="panel-throughput">{throughput}</li>}
          {quality !== 'old' && <li>{`${m.confidenceLabel}: ${m.confidence[estimate.confidence]} · ${m.reportsCount(estimate.reports, REPORTS_WINDOW_HOURS)}`}</li>}
          {estimate.trend && <li>{`${m.trendLabel}: ${m.trend[estimate.trend]}`}</li>}
        </ul>
      )}
      {estimate && rateOnly && (
        <>
          <ul className="estimate-facts">
            <li data-testid="panel-throughput">{throughput}</li>
            <li>{m.reportsCount(estimate.reports, REPORTS_WINDOW_HOURS)}</li>
          </ul>
          <p className="muted" data-testid="panel-need-queue">
            {m.needQueue}
          </p>
        </>
      )}
      {hours && (
        <p className="opening-hours" data-testid="panel-hours">
          {hours}
        </p>
      )}
      {closing && (
        <p className="closing-at-stake" data-testid="panel-closing">
          {closing}
        </p>
      )}
      {usual && (
        <p className="usual" data-testid="panel-usual">
          {usual}
        </p>
      )}
      {ago && quality !== 'old' && <p className="muted">{m.lastReport(ago)}</p>}
    </div>
  );
}
