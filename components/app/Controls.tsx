'use client';
// Which border to look at, which way, and how: the three choices the map shows;
// and the way into "where should I go?" (components/trip/TripPlanner.tsx).
import type { BorderCode, Direction, Mode } from '../../lib/enums';
import type { Language } from '../../lib/i18n/languages';
import { MESSAGES } from '../../lib/i18n/messages';
import { BORDER_CODES, DIRECTIONS, MODES } from '../../lib/vocabulary';
import { useMounted } from './useMounted';

export function Controls(props: {
  lang: Language;
  border: BorderCode | null;
  direction: Direction;
  mode: Mode;
  onBorder: (border: BorderCode | null) => void;
  onDirection: (direction: Direction) => void;
  onMode: (mode: Mode) => void;
  /** The trip planner ("where should I go?"). */
  tripOpen: boolean;
  onTrip: () => void;
}) {
  const m = MESSAGES[props.lang];
  // Every choice here works by script. Until the page's scripts run (seconds on a slow link) they are greyed: a
  // direction picked then would do nothing, and be undone when they run.
  const off = !useMounted();
  return (
    <section className="controls" aria-label={m.viewChoices}>
      <div className="border-tabs" role="group" aria-label={m.bordersLabel}>
        <button type="button" disabled={off} aria-pressed={props.border === null} onClick={() => props.onBorder(null)}>
          {m.allBorders}
        </button>
        {BORDER_CODES.map((code) => (
          <button key={code} type="button" disabled={off} data-border={code} aria-pressed={props.border === code} onClick={() => props.onBorder(code)}>
            {m.borders[code]}
          </button>
        ))}
      </div>
      <fieldset className="segmented direction-switch">
        <legend className="visually-hidden">{m.direction}</legend>
        {DIRECTIONS.map((direction) => (
          <label key={direction}>
            <input type="radio" name="direction" value={direction} disabled={off} checked={props.direction === direction} onChange={() => props.onDirection(direction)} />
            <span>
              <span className="wide-only">{m.directions[direction]}</span>
              <span className="narrow-only">{m.directionsShort[direction]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <button type="button" className="trip-button" disabled={off} aria-expanded={props.tripOpen} aria-controls="side" onClick={props.onTrip}>
        {m.tripOpen}
      </button>
      <label className="mode-switch">
        <span className="visually-hidden">{m.mode}</span>
        <select name="mode" disabled={off} value={props.mode} onChange={(event) => props.onMode(event.target.value as Mode)}>
          {MODES.map((mode) => (
            <option key={mode} value={mode}>
              {m.modes[mode]}
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}
