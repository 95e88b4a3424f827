// The server-rendered list of checkpoints with their current estimates, in
// the order lib/ui/list-order.ts chose: by border and region, or ranked from
// a start. Readable with JavaScript off; the no-script counterpart of the map
// and of the trip planner.
import type { ReactNode } from 'react';
import { AnswerFirst } from './AnswerFirst';
import type { Direction, Mode } from '../lib/enums';
import { REPORTS_WINDOW_HOURS } from '../lib/estimates/parameters';
import { formatAgo, formatNumber, formatWait } from '../lib/i18n/format';
import type { Language } from '../lib/i18n/languages';
import { MESSAGES } from '../lib/i18n/messages';
import { TRIP_MESSAGES } from '../lib/i18n/trip-messages';
import { estimateFor, noWaitText, usualFor, usualText, waitLabel } from '../lib/ui/estimate-words';
import { closingText, hoursText, postZone } from '../lib/ui/post-hours';
import type { ListOrder, ListRow } from '../lib/ui/list-order';
import { bandOf, shownEstimate } from '../lib/ui/wait-bands';
import { crowdSaysOf } from '../lib/ui/marker-look';

interface RowProps {
  row: ListRow;
  lang: Language;
  direction: Direction;
  mode: Mode;
  now: Date;
  /** Ranked from a start: say which border and region a crossing is on. */
  withPlace: boolean;
}

function Row({ row, lang, direction, mode, now, withPlace }: RowProps) {
  const m = MESSAGES[lang];
  const t = TRIP_MESSAGES[lang].trip;
  const other = lang === 'ru' ? 'en' : 'ru';
  const { checkpoint } = row;
  const modeHere = checkpoint.modes.includes(mode);
  const estimate = estimateFor(checkpoint.estimates, { direction, mode });
  const { wait, quality } = modeHere ? shownEstimate(estimate) : { wait: null, quality: 'solid' as const };
  const crowd = modeHere ? crowdSaysOf(estimate, now, lang) : null;
  const usual = usualText(usualFor(checkpoint.usual, { direction, mode }), lang);
  const hours = modeHere ? hoursText(checkpoint.openingHours, estimate, lang) : null;
  const closing = modeHere ? closingText(checkpoint.openingHours, estimate, lang) : null;
  return (
    <li data-checkpoint={checkpoint.id}>
      <span className="pin-inline" data-band={bandOf(wait).id} data-quality={quality}>
        {!modeHere ? '×' : waitLabel(wait, quality, lang)}
      </span>
      <span>
        <a className="name-primary" href={`/checkpoints/${checkpoint.id}`}>
          {checkpoint.name[lang]}
        </a>
        <span className="name-other" lang={other}>
          {checkpoint.name[other]}
        </span>
        {withPlace && <span className="facts">{`${m.borders[checkpoint.border]} · ${checkpoint.russianSide.name[lang]}`}</span>}
        {row.drive && (
          <span className="facts">
            {(row.drive.source === 'routing' ? t.driveRouted : t.drive)(formatNumber(Math.round(row.drive.km / 10) * 10, lang), formatWait(row.drive.minutes, lang))}
            {row.total !== null ? ` · ${t.total(formatWait(row.total, lang))}` : ''}
          </span>
        )}
        {row.drive && row.hoursCounted && checkpoint.openingHours && <span className="facts">{t.hoursCounted(checkpoint.openingHours.open, checkpoint.openingHours.close, postZone(checkpoint.openingHours.timeZone, lang))}</span>}
        {row.aboutEqualToPrevious && <span className="facts">{t.aboutEqual}</span>}
        <span className="facts">
          {!modeHere
            ? `${m.modes[mode]}: ${m.modeNotHere}`
            : wait === null
              ? noWaitText(estimate, lang)
              : quality === 'old'
                ? `${m.oldEstimate(formatWait(wait, lang), formatAgo(estimate!.lastReportAt!, now, lang))} · ${m.quality.old}`
                : `${m.waitAbout(formatWait(wait, lang))}${quality === 'unsure' ? ` (${m.quality.unsure})` : ''} · ${m.reportsCount(estimate!.reports, REPORTS_WINDOW_HOURS)}` +
                  (estimate!.lastReportAt ? ` · ${m.lastReport(formatAgo(estimate!.lastReportAt, now, lang))}` : '')}
        </span>
        {closing && <span className="facts closing-at-stake">{closing}</span>}
        {modeHere && usual && <span className="facts">{usual}</span>}
        {hours && <span className="facts">{hours}</span>}
        {crowd && <span className="facts signal-tag">{crowd}</span>}
        <span className="facts">
          <span className={`status-${checkpoint.status}`}>{m.status[checkpoint.status]}</span>
          {` — ${checkpoint.modes.map((value) => m.modes[value]).join(', ')}`}
        </span>
        {checkpoint.access !== 'multilateral' && <span className="facts status-restricted">{t.access[checkpoint.access]}</span>}
        {checkpoint.statusNote && <span className="facts status-note">{checkpoint.statusNote}</span>}
      </span>
    </li>
  );
}

export function CheckpointList(props: {
  order: ListOrder;
  lang: Language;
  direction: Direction;
  mode: Mode;
  now: Date;
  /** Shown under the first of a ranking, before the rest (numbered on from 2): what may beat the answer. */
  afterFirst?: ReactNode;
}) {
  const { order, lang } = props;
  const m = MESSAGES[lang];
  const rowProps = { lang, direction: props.direction, mode: props.mode, now: props.now };
  if (order.kind === 'ranked') {
    return (
      <AnswerFirst
        rows={order.rows}
        row={(ranked) => <Row key={ranked.checkpoint.id} row={ranked} withPlace {...rowProps} />}
        className="checkpoints ranked"
        afterFirst={props.afterFirst}
      />
    );
  }
  return (
    <>
      <nav className="borders" aria-label={m.bordersLabel}>
        {order.borders.map(({ border }) => (
          <a key={border.code} href={`#border-${border.code}`}>
            {border.name[lang]}
          </a>
        ))}
      </nav>
      {order.borders.map(({ border, regions }) => (
        <section key={border.code} id={`border-${border.code}`} aria-labelledby={`heading-${border.code}`}>
          <h2 id={`heading-${border.code}`}>
            {`${border.name[lang]} `}
            <span className="facts">{`(${regions.reduce((sum, region) => sum + region.rows.length, 0)})`}</span>
          </h2>
          {regions.map(({ region, rows }) => (
            <div key={region} className="region">
              <h3>{region}</h3>
              <ul className="checkpoints">
                {rows.map((row) => (
                  <Row key={row.checkpoint.id} row={row} withPlace={false} {...rowProps} />
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </>
  );
}
