'use client';
// What the map will show, as text, in the page's first response: the
// crossings with a wait (or a crowd signal) for the chosen border, direction
// and mode, shortest first, each a link to its page, and folded under them the
// crossings with no recent report (where a person in a quiet queue finds their
// own to report from). It stands in the map's place until the
// map's script has loaded, so a phone on a weak link reads the numbers at
// once, and it is the page's view where the map is not wanted (lite-view.ts).
import type { MouseEvent } from 'react';
import type { CheckpointSummary } from '../../lib/checkpoints';
import type { BorderCode, Direction, Mode } from '../../lib/enums';
import { BORDER_CODES } from '../../lib/vocabulary';
import type { Language } from '../../lib/i18n/languages';
import { MESSAGES } from '../../lib/i18n/messages';
import { estimateKey, type EstimateMap } from '../../lib/ui/estimate-store';
import { crowdSaysOf } from '../../lib/ui/marker-look';
import { shownAge, waitLabel } from '../../lib/ui/estimate-words';
import { bandOf, shownEstimate } from '../../lib/ui/wait-bands';

export function FirstEstimates(props: {
  checkpoints: readonly CheckpointSummary[];
  estimates: EstimateMap;
  border: BorderCode | null;
  direction: Direction;
  mode: Mode;
  lang: Language;
  now: Date;
  /** Opens a crossing in the page, once its script runs (before, the link loads the crossing's page). */
  onOpen?: ((id: string) => void) | undefined;
  /** Set where the page opened without the map (a poor link, data saver, or the person's choice). */
  onShowMap?: (() => void) | undefined;
}) {
  const m = MESSAGES[props.lang];
  const crossings = props.checkpoints
    .filter((checkpoint) => (props.border === null || checkpoint.border === props.border) && checkpoint.modes.includes(props.mode))
    .map((checkpoint) => {
      const estimate = props.estimates[estimateKey(checkpoint.id, props.direction, props.mode)];
      const look = shownEstimate(estimate);
      // An old number says how old, in words as on its marker (a grey dashed pill alone is easy to read as now), and
      // so does a live one that stands on reports of three hours ago or more.
      const age = shownAge(estimate, look.quality, props.now, props.lang);
      return { checkpoint, ...look, age, said: crowdSaysOf(estimate, props.now, props.lang) };
    });
  const hasNews = (row: (typeof crossings)[number]) => row.wait !== null || row.said !== null;
  const rows = crossings
    .filter(hasNews)
    // Live numbers first, then old ones, then crossings only the crowd's words speak of; the shortest wait first.
    .sort((a, b) => Number(a.wait === null) - Number(b.wait === null) || Number(a.quality === 'old') - Number(b.quality === 'old') || (a.wait ?? 0) - (b.wait ?? 0));
  // The rest, by border and by the name on the Russian side, which is what a person in the queue knows it by.
  const quiet = BORDER_CODES.map((border) => ({
    border,
    checkpoints: crossings
      .filter((row) => !hasNews(row) && row.checkpoint.border === border)
      .map((row) => row.checkpoint)
      .sort((a, b) => a.russianSide.name[props.lang].localeCompare(b.russianSide.name[props.lang], props.lang)),
  })).filter((group) => group.checkpoints.length > 0);
  const quietCount = quiet.reduce((sum, group) => sum + group.checkpoints.length, 0);
  const opens = (id: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (!props.onOpen || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    props.onOpen(id);
  };
  return (
    <section className="first-estimates" aria-labelledby="first-estimates-title">
      <h2 id="first-estimates-title">{m.firstEstimates(m.directions[props.direction], m.modes[props.mode])}</h2>
      {rows.length === 0 ? (
        <p>{m.firstEstimatesNone}</p>
      ) : (
        <ul>
          {rows.map(({ checkpoint, wait, quality, age, said }) => (
            <li key={checkpoint.id} data-checkpoint={checkpoint.id}>
              <span className="pin-inline" data-band={bandOf(wait).id} data-quality={quality}>
                {waitLabel(wait, quality, props.lang)}
              </span>{' '}
              <a href={`/checkpoints/${checkpoint.id}`} onClick={opens(checkpoint.id)}>
                {checkpoint.name[props.lang]}
              </a>
              {age && <span className="first-age">{age}</span>}
              {said && (
                <span className="signal-tag" title={m.signalsTitle}>
                  {' '}
                  {said}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <p className="report-invite">{m.reportInvite}</p>
      {quietCount > 0 && (
        // A native disclosure: it opens before the page's scripts arrive, and without them.
        <details className="quiet-crossings">
          <summary>{m.quietCrossings(quietCount)}</summary>
          {quiet.map((group) => (
            <div key={group.border}>
              {props.border === null && <h3>{m.borders[group.border]}</h3>}
              <div className="quiet-links">
                {group.checkpoints.map((checkpoint) => (
                  <a key={checkpoint.id} href={`/checkpoints/${checkpoint.id}`} onClick={opens(checkpoint.id)} data-checkpoint={checkpoint.id}>
                    {checkpoint.russianSide.name[props.lang]}
                  </a>
                ))}
              </div>
            </div>
          ))}
        </details>
      )}
      <p>
        <a href="/list">{m.firstEstimatesMore}</a>
      </p>
      {props.onShowMap && (
        <p>
          {m.liteNote}{' '}
          <button type="button" className="link" onClick={props.onShowMap}>
            {m.showMap}
          </button>
        </p>
      )}
    </section>
  );
}
