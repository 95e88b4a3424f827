'use client';
// The estimate in words: the wait with its band, the likely range, how sure,
// which way it is moving, and how fresh.
import type { Estimate } from '../../lib/estimates/types';
import { formatAgo, formatNumber, formatWait } from '../../lib/i18n/format';
import type { Language } from '../../lib/i18n/languages';
import { MESSAGES } from '../../lib/i18n/messages';
import { bandOf, shownWait } from '../../lib/ui/wait-bands';

export function EstimateSummary(props: { estimate: Estimate | undefined; lang: Language; now: Date }) {
  const m = MESSAGES[props.lang];
  const { estimate, lang } = props;
  const wait = shownWait(estimate);
  const band = bandOf(wait);
  return (
    <div className="estimate" data-band={band.id} aria-live="polite">
      <p className="estimate-wait">
        <span className="swatch" style={{ background: band.fill }} aria-hidden="true" />
        <span data-testid="panel-wait">{wait === null ? m.noRecentData : m.waitAbout(formatWait(wait, lang))}</span>
      </p>
      {estimate && wait !== null && (
        <ul className="estimate-facts">
          {estimate.low !== null && estimate.high !== null && <li>{m.range(formatWait(estimate.low, lang), formatWait(estimate.high, lang))}</li>}
          {estimate.queueVehicles !== null && <li>{m.queue(formatNumber(estimate.queueVehicles, lang))}</li>}
          <li>{`${m.confidenceLabel}: ${m.confidence[estimate.confidence]} · ${m.reportsCount(estimate.reports)}`}</li>
          {estimate.trend && <li>{`${m.trendLabel}: ${m.trend[estimate.trend]}`}</li>}
        </ul>
      )}
      {estimate?.lastReportAt && <p className="muted">{m.updatedAgo(formatAgo(estimate.lastReportAt, props.now, lang))}</p>}
    </div>
  );
}
