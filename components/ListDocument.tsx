// /list as a whole document: every checkpoint with its estimate for a
// direction and mode chosen with a plain GET form. It carries no script at all
// (server/list-page.ts renders it to HTML), so it costs a weak link a few KB,
// works where JavaScript is off, and is the same for every reader of a
// language, so a cache in front may keep it.
import type { Direction, Mode } from '../lib/enums';
import type { Language } from '../lib/i18n/languages';
import { formatWait } from '../lib/i18n/format';
import { MESSAGES } from '../lib/i18n/messages';
import { TRIP_MESSAGES } from '../lib/i18n/trip-messages';
import { LIST_SORTS, type ListOrder, type ListSort } from '../lib/ui/list-order';
import { DIRECTIONS, MODES } from '../lib/vocabulary';
import { THEME_COLOURS } from '../lib/ui/theme';
import { CheckpointList } from './CheckpointList';

export interface ListDocumentProps {
  lang: Language;
  order: ListOrder;
  direction: Direction;
  mode: Mode;
  sort: ListSort;
  /**
   * What was typed as the start, the place it was found as (null: not found), whether that place only has a similar
   * name (a typo), and whether a routing service gave the drives.
   */
  from: { query: string; found: string | null; guessed: boolean; routed: boolean } | null;
  now: Date;
  /** The shared stylesheet (app/base.css), inlined: one request fewer, and no script needed to find it. */
  css: string;
}

export function ListDocument(props: ListDocumentProps) {
  const { lang, direction, mode } = props;
  const m = MESSAGES[lang];
  const o = TRIP_MESSAGES[lang].listOrder;
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        {THEME_COLOURS.map(({ media, color }) => (
          <meta key={media} name="theme-color" media={media} content={color} />
        ))}
        <title>{`${m.listTitle} — ${m.appName}`}</title>
        <link rel="icon" href="/favicon.svg" />
        <link rel="manifest" href="/manifest.webmanifest" />
        <style dangerouslySetInnerHTML={{ __html: props.css }} />
      </head>
      <body>
        <main className="list-page">
          <p>
            <a href="/">{`← ${m.map}`}</a>
          </p>
          <h1>{`${m.appName} · ${m.listTitle}`}</h1>
          <p className="report-invite">{m.reportInvite}</p>
          {/* The fragment survives a GET form's submission: the answer, not the form again, is what the page opens on. */}
          <form method="get" action="/list#results" className="list-filter">
            <label>
              {m.direction}{' '}
              <select name="direction" defaultValue={direction}>
                {DIRECTIONS.map((d) => (
                  <option key={d} value={d}>
                    {m.directions[d]}
                  </option>
                ))}
              </select>
            </label>{' '}
            <label>
              {m.mode}{' '}
              <select name="mode" defaultValue={mode}>
                {MODES.map((value) => (
                  <option key={value} value={value}>
                    {m.modes[value]}
                  </option>
                ))}
              </select>
            </label>{' '}
            <label>
              {o.sortLabel}{' '}
              <select name="sort" defaultValue={props.sort}>
                {LIST_SORTS.map((value) => (
                  <option key={value} value={value}>
                    {o.sorts[value]}
                  </option>
                ))}
              </select>
            </label>{' '}
            <label className="list-from">
              {o.fromLabel}{' '}
              <input type="search" name="from" defaultValue={props.from?.query ?? ''} placeholder={o.fromPlaceholder} maxLength={80} autoComplete="off" />
            </label>{' '}
            <button type="submit">{m.show}</button>
          </form>
          <div id="results">
            {props.from && <p className="list-start">{props.from.found ? (props.from.guessed ? o.fromGuessed(props.from.query, props.from.found) : o.from(props.from.found)) : o.fromNotFound(props.from.query)}</p>}
            {!props.from && (props.sort === 'distance' || props.sort === 'total') && <p className="list-start">{o.needsFrom}</p>}
            {/* As in the page's planner: the first crossing, then what may beat it, then the rest; how it is counted last. */}
            <CheckpointList
              order={props.order}
              lang={lang}
              direction={direction}
              mode={mode}
              now={props.now}
              afterFirst={
                props.order.kind === 'ranked' &&
                props.order.nearerUnreported && (
                  <p className="nearer-unreported">
                    {TRIP_MESSAGES[lang].trip.nearerUnreported(props.order.nearerUnreported.count, props.order.nearerUnreported.nearest.name[lang], formatWait(props.order.nearerUnreported.driveMinutes, lang))}
                  </p>
                )
              }
            />
            {props.from && <p className="facts">{props.from.routed ? o.privateNote : `${o.privateNote} ${TRIP_MESSAGES[lang].trip.driveMethod}`}</p>}
          </div>
          <p>
            <a href="/privacy">{m.privacy}</a>
          </p>
        </main>
      </body>
    </html>
  );
}
