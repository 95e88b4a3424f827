// What one report said, in a line of the reader's language: the panel's
// recent reports and the moderator page show the same words.
import type { CrowdSignalKind, Verdict } from '../enums';
import { formatNumber, formatWait } from '../i18n/format';
import type { Language } from '../i18n/languages';
import { MESSAGES } from '../i18n/messages';
import type { PublicReport } from '../reports/store';

type ReportNumbers = Pick<PublicReport, 'waitMinutes' | 'queueVehicles' | 'queueKm' | 'joinedAt' | 'crossedAt' | 'letThrough' | 'letThroughMinutes'> &
  Partial<Pick<PublicReport, 'signal' | 'verdict' | 'shownMinutes'>>;

export function reportText(report: ReportNumbers, lang: Language): string {
  const m = MESSAGES[lang];
  const parts: string[] = [];
  if (report.waitMinutes !== null) parts.push(m.reportWait(formatWait(report.waitMinutes, lang)));
  if (report.queueVehicles !== null) parts.push(m.reportQueue(formatNumber(report.queueVehicles, lang)));
  if (report.queueKm !== null) parts.push(m.reportQueueKm(formatNumber(report.queueKm, lang, 1)));
  if (report.joinedAt && report.crossedAt) {
    const took = (new Date(report.crossedAt).getTime() - new Date(report.joinedAt).getTime()) / 60_000;
    parts.push(m.reportCrossed(formatWait(took, lang)));
  }
  if (report.letThrough !== null && report.letThroughMinutes !== null) {
    parts.push(m.reportLetThrough(formatNumber(report.letThrough, lang), formatWait(report.letThroughMinutes, lang)));
  }
  if (report.signal && report.signal in m.signals) parts.push(m.signals[report.signal as CrowdSignalKind].long);
  if (report.verdict && report.verdict in m.verdicts && report.shownMinutes != null) {
    parts.push(m.reportVerdict(m.verdicts[report.verdict as Verdict], formatWait(report.shownMinutes, lang)));
  }
  return parts.join(', ');
}
