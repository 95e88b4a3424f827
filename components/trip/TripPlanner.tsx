'use client';
// "Where should I go?": a start (a town typed and found in the offline
// gazetteer, the device's location if the person asks, or a point tapped on
// the map), then every crossing for the chosen direction and mode ranked by
// drive + wait. Everything happens on the device: the gazetteer comes whole
// from /api/gazetteer, the same for everyone, and no request carries the
// start. Loaded only when opened.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CheckpointSummary } from '../../lib/checkpoints';
import type { Direction, Mode } from '../../lib/enums';
import { formatNumber, formatWait, formatAgo } from '../../lib/i18n/format';
import { postZone } from '../../lib/ui/post-hours';
import type { Language } from '../../lib/i18n/languages';
import { MESSAGES } from '../../lib/i18n/messages';
import { TRIP_MESSAGES } from '../../lib/i18n/trip-messages';
import { indexPlaces, searchPlaces, similarPlaces, type Gazetteer, type SearchIndex } from '../../lib/trip/places';
import { nearerUnreported, rankCrossings } from '../../lib/trip/rank';
import type { EstimateMap } from '../../lib/ui/estimate-store';
import { estimateKey } from '../../lib/ui/estimate-store';
import { noWaitText, onlyRate, usualFor, usualText, waitLabel } from '../../lib/ui/estimate-words';
import { crowdSaysOf } from '../../lib/ui/marker-look';
import { bandOf } from '../../lib/ui/wait-bands';
import { AnswerFirst } from '../AnswerFirst';

export interface TripStart {
  name: string;
  lat: number;
  lon: number;
}

/** Fetched once a visit, whoever opens the planner. */
let gazetteer: Promise<SearchIndex> | null = null;
function loadGazetteer(): Promise<SearchIndex> {
  gazetteer ??= fetch('/api/gazetteer')
    .then((response) => {
      if (!response.ok) throw new Error(`gazetteer ${response.status}`);
      return response.json() as Promise<Gazetteer>;
    })
    .then(indexPlaces);
  gazetteer.catch(() => (gazetteer = null));
  return gazetteer;
}

export default function TripPlanner(props: {
  lang: Language;
  checkpoints: readonly CheckpointSummary[];
  estimates: EstimateMap;
  direction: Direction;
  mode: Mode;
  now: Date;
  start: TripStart | null;
  onStart: (start: TripStart | null) => void;
  /** Set when the map is on the page: the next tap on it chooses the start. */
  onPickOnMap?: (() => void) | undefined;
  onOpen: (id: string) => void;
  onClose: () => void;
}) {
  const m = MESSAGES[props.lang];
  const t = TRIP_MESSAGES[props.lang].trip;
  const [index, setIndex] = useState<SearchIndex | null>(null);
  const [failed, setFailed] = useState(false);
  const [query, setQuery] = useState('');
  const [openToAllOnly, setOpenToAllOnly] = useState(false);
  const [locating, setLocating] = useState<'idle' | 'asking' | 'failed'>('idle');

  useEffect(() => {
    if (props.start) return;
    let live = true;
    loadGazetteer().then(
      (loaded) => live && setIndex(loaded),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [props.start]);

  const found = useMemo(() => (index ? searchPlaces(index, query) : []), [index, query]);
  // Nothing starts so: a typo on a phone's keyboard ("Волгогад") is offered what it likely meant, said as a guess.
  const similar = useMemo(() => (index && found.length === 0 ? similarPlaces(index, query, 5) : []), [index, query, found]);
  const offered = found.length > 0 ? found : similar;
  const ranked = useMemo(
    () =>
      props.start
        ? rankCrossings({ start: props.start, checkpoints: props.checkpoints, estimates: props.estimates, direction: props.direction, mode: props.mode, openToAllOnly, now: props.now })
        : [],
    [props.start, props.checkpoints, props.estimates, props.direction, props.mode, openToAllOnly],
  );
  const nearer = nearerUnreported(ranked);

  // A start just chosen here: the answer is the ranking. Its heading takes the focus (the field or the place tapped
  // is gone), and where the first crossing is out of the sheet's view (at 200 % zoom the start, its "Изменить" and the
  // filter filled the sheet and the first crossing began 132 px below it) the sheet scrolls to the ranking. A planner
  // opened with its start (back from a crossing) is left as it was.
  const rankingHeading = useRef<HTMLHeadingElement>(null);
  const startBefore = useRef(props.start);
  useEffect(() => {
    const chosen = startBefore.current === null && props.start !== null;
    startBefore.current = props.start;
    const heading = rankingHeading.current;
    if (!chosen || !heading) return;
    heading.focus({ preventScroll: true });
    const side = heading.closest('.side');
    const first = heading.parentElement?.querySelector('.trip-ranking li');
    if (side && first && first.getBoundingClientRect().bottom > side.getBoundingClientRect().bottom) heading.scrollIntoView({ block: 'start' });
  }, [props.start]);

  const choose = (place: (typeof offered)[number]) => props.onStart({ name: props.lang === 'ru' ? place.ru : place.en, lat: place.lat, lon: place.lon });

  const locate = () => {
    setLocating('asking');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating('idle');
        props.onStart({ name: t.here, lat: position.coords.latitude, lon: position.coords.longitude });
      },
      () => setLocating('failed'),
      { enableHighAccuracy: false, maximumAge: 10 * 60_000, timeout: 20_000 },
    );
  };

  const rankedRow = (row: (typeof ranked)[number]) => {
    const estimate = props.estimates[estimateKey(row.checkpoint.id, props.direction, props.mode)];
    const hours = formatWait(row.drive.minutes, props.lang);
    const km = formatNumber(Math.round(row.drive.km / 10) * 10, props.lang);
    // Where nobody has reported lately, what the wait usually is at this time is what there is to go on (as /list says).
    const usual = usualText(usualFor(row.checkpoint.usual, props), props.lang);
    // What the queue says in one tap ("закрыт"), as on its marker and in the list of waits: where a person chooses, not
    // only where they look. Words of the crowd, not a moderator's status: they do not move the crossing in the ranking.
    const said = crowdSaysOf(estimate, props.now, props.lang);
    return (
      <li key={row.checkpoint.id} data-checkpoint={row.checkpoint.id} data-group={row.group}>
        <button type="button" className="trip-open" onClick={() => props.onOpen(row.checkpoint.id)}>
          <span className="trip-total" data-group={row.group}>
            {row.group === 'closed' ? t.closed : row.total === null ? '—' : waitLabel(row.total, row.quality, props.lang)}
          </span>
          <span className="trip-facts">
            <strong>{row.checkpoint.name[props.lang]}</strong>
            {row.aboutEqualToPrevious && <span className="trip-equal">{t.aboutEqual}</span>}
            <span className="muted">{row.drive.source === 'routing' ? t.driveRouted(km, hours) : t.drive(km, hours)}</span>
            {row.group === 'unknown' || row.wait === null ? (
              // Only "N let through" reported: the rate is what is known, as the panel says.
              <span className="muted">{onlyRate(estimate) ? noWaitText(estimate, props.lang) : t.noWait}</span>
            ) : row.group === 'old' && estimate?.lastReportAt ? (
              <span className="muted">{t.oldWait(formatWait(row.wait, props.lang), formatAgo(estimate.lastReportAt, props.now, props.lang))}</span>
            ) : (
              <span className="trip-wait">
                <span className="pin-inline" data-band={bandOf(row.wait).id} data-quality={row.quality}>
                  {waitLabel(row.wait, row.quality, props.lang)}
                </span>{' '}
                {t.waitPart}
                {estimate?.lastReportAt ? ` · ${m.lastReport(formatAgo(estimate.lastReportAt, props.now, props.lang))}` : ''}
              </span>
            )}
            {said && (
              <span className="trip-said signal-tag" title={m.signalsTitle}>
                {said}
              </span>
            )}
            {usual && row.group !== 'closed' && <span className="muted trip-usual">{usual}</span>}
            {row.hoursCounted && row.checkpoint.openingHours && (
              <span className="trip-access">{t.hoursCounted(row.checkpoint.openingHours.open, row.checkpoint.openingHours.close, postZone(row.checkpoint.openingHours.timeZone, props.lang))}</span>
            )}
            {row.checkpoint.access !== 'multilateral' && <span className="trip-access">{t.access[row.checkpoint.access]}</span>}
            {row.checkpoint.statusNote && <span className="trip-access">{row.checkpoint.statusNote}</span>}
          </span>
        </button>
      </li>
    );
  };

  return (
    <section className="panel trip-panel" aria-labelledby="trip-title">
      <header className="panel-head">
        <h2 id="trip-title" tabIndex={-1}>{t.title}</h2>
        <button type="button" className="close" aria-label={m.close} title={m.close} onClick={props.onClose}>
          ×
        </button>
      </header>
      {props.start ? (
        <>
          <p className="trip-start">
            <span>{t.from(props.start.name)}</span>{' '}
            <button type="button" className="link" onClick={() => props.onStart(null)}>
              {t.change}
            </button>
          </p>
          <label className="check trip-filter">
            <input type="checkbox" checked={openToAllOnly} onChange={(event) => setOpenToAllOnly(event.target.checked)} />
            {t.openToAllOnly}
          </label>
          <h3 ref={rankingHeading} tabIndex={-1} className="trip-ranked">
            {t.ranked(m.directions[props.direction], m.modes[props.mode])}
          </h3>
          <AnswerFirst
            rows={ranked}
            row={rankedRow}
            className="trip-ranking"
            afterFirst={
              nearer && (
                <p className="nearer-unreported" data-testid="trip-nearer">
                  {t.nearerUnreported(nearer.count, nearer.nearest.checkpoint.name[props.lang], formatWait(nearer.nearest.drive.minutes, props.lang))}
                </p>
              )
            }
          />
          {/* How it is counted, under the answer: above it, a small phone showed the method and no crossing. */}
          <p className="muted trip-method">{t.driveMethod}</p>
        </>
      ) : (
        <>
          <label className="field-label" htmlFor="trip-search">
            {t.searchLabel}
          </label>
          <input
            id="trip-search"
            className="trip-search"
            type="search"
            autoComplete="off"
            enterKeyHint="search"
            placeholder={t.placeholder}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            // The keyboard's search key takes the first place offered: "Новосибирск", then search, is the whole choice
            // (and the start shown names what it took, so a guess from a typo is seen at once).
            onKeyDown={(event) => {
              if (event.key !== 'Enter' || event.nativeEvent.isComposing || !offered[0]) return;
              event.preventDefault();
              choose(offered[0]);
            }}
          />
          <p className="muted trip-private">{t.privateNote}</p>
          {failed ? <p className="field-error">{t.failed}</p> : !index ? <p className="muted">{t.loading}</p> : null}
          {index && query.trim().length >= 2 && offered.length === 0 && <p className="muted">{t.none}</p>}
          {similar.length > 0 && <p className="muted">{t.didYouMean}</p>}
          <ul className="trip-places">
            {offered.map((place) => (
              <li key={`${place.ru}/${place.lat}/${place.lon}`}>
                <button type="button" onClick={() => choose(place)}>
                  <strong>{props.lang === 'ru' ? place.ru : place.en}</strong>{' '}
                  <span className="muted">{`${props.lang === 'ru' ? place.en : place.ru} · ${place.country}`}</span>
                </button>
              </li>
            ))}
          </ul>
          <p className="trip-other">
            {typeof navigator !== 'undefined' && 'geolocation' in navigator && (
              <button type="button" onClick={locate} disabled={locating === 'asking'}>
                {t.useLocation}
              </button>
            )}
            {props.onPickOnMap && (
              <button type="button" onClick={props.onPickOnMap}>
                {t.pickOnMap}
              </button>
            )}
          </p>
          {locating === 'failed' && <p className="field-error">{t.locationFailed}</p>}
          <p className="muted trip-attribution">{t.attribution}</p>
        </>
      )}
    </section>
  );
}
