'use client';
// The watched checkpoints with their live estimates, each for the direction
// and mode it was starred with.
import type { CheckpointSummary } from '../../lib/checkpoints';
import type { Language } from '../../lib/i18n/languages';
import { MESSAGES } from '../../lib/i18n/messages';
import { estimateKey, type EstimateMap } from '../../lib/ui/estimate-store';
import { shownAge, waitLabel } from '../../lib/ui/estimate-words';
import { crowdSaysOf } from '../../lib/ui/marker-look';
import { bandOf, shownEstimate } from '../../lib/ui/wait-bands';
import type { WatchEntry } from '../../lib/ui/watch-list';
import { PUSH_MESSAGES } from '../../lib/i18n/push-messages';
import { AlertChoice } from './AlertChoice';
import type { PushControl } from './usePush';

export function WatchList(props: {
  entries: readonly WatchEntry[];
  checkpoints: ReadonlyMap<string, CheckpointSummary>;
  estimates: EstimateMap;
  lang: Language;
  now: Date;
  onOpen: (id: string) => void;
  onAlertChange: (id: string, hours: number | null) => void;
  onClose: () => void;
  /** Notifications for the list: kept in step by the app whether or not this panel is open (usePush). */
  push: PushControl;
}) {
  const m = MESSAGES[props.lang];
  const t = PUSH_MESSAGES[props.lang];
  const { push } = props;
  return (
    <section className="panel watch-panel" aria-labelledby="watch-title">
      <header className="panel-head">
        <h2 id="watch-title" tabIndex={-1}>{m.watched}</h2>
        <button type="button" className="close" aria-label={m.close} title={m.close} onClick={props.onClose}>
          ×
        </button>
      </header>
      {props.entries.length === 0 && <p className="muted">{m.watchedEmpty}</p>}
      <ul className="watch-list">
        {props.entries.map((entry) => {
          const checkpoint = props.checkpoints.get(entry.id);
          if (!checkpoint) return null;
          const estimate = props.estimates[estimateKey(entry.id, entry.direction, entry.mode)];
          const { wait, quality } = shownEstimate(estimate);
          // An old number says how old, as on its marker and in the list of waits, and so does an aging live one.
          const age = shownAge(estimate, quality, props.now, props.lang);
          // What the queue says in one tap ("закрыт"), as under its marker: a watched crossing is one a person may set off for.
          const said = crowdSaysOf(estimate, props.now, props.lang);
          const band = bandOf(wait);
          return (
            <li key={entry.id} data-checkpoint={entry.id}>
              <button type="button" className="watch-open" onClick={() => props.onOpen(entry.id)}>
                <span className="pin-inline" data-band={band.id} data-quality={quality}>
                  {waitLabel(wait, quality, props.lang)}
                </span>
                <span>
                  <strong>{checkpoint.name[props.lang]}</strong>
                  <span className="muted">{` ${m.borders[checkpoint.border]} · ${m.directionsShort[entry.direction]} · ${m.modes[entry.mode]}${age ? ` · ${age}` : ''}`}</span>
                  {said && (
                    <span className="watch-said signal-tag" title={m.signalsTitle}>
                      {' '}
                      {said}
                    </span>
                  )}
                </span>
              </button>
              <AlertChoice entry={entry} lang={props.lang} onChange={(hours) => props.onAlertChange(entry.id, hours)} />
            </li>
          );
        })}
      </ul>
      {props.entries.length > 0 && (
        <section className="push-choice" aria-labelledby="push-title" data-state={push.state}>
          <h3 id="push-title">{t.heading}</h3>
          {push.state === 'unsupported' ? (
            <p className="muted">{t.unsupported}</p>
          ) : (
            <>
              <p className="muted">{push.state === 'on' ? t.on : t.explain}</p>
              {push.state === 'denied' && <p role="status">{t.denied}</p>}
              {push.state === 'failed' && <p role="status">{t.failed}</p>}
              {push.unsent && (
                <p role="status" className="push-unsent" data-unsent={push.unsent}>
                  {push.unsent === 'retrying' ? t.unsent : t.refused}
                </p>
              )}
              <button type="button" className="push-toggle" disabled={push.state === 'busy' || push.state === 'denied'} onClick={() => void (push.state === 'on' ? push.disable() : push.enable())}>
                {push.state === 'on' ? t.disable : t.enable}
              </button>
              <p className="muted small">
                {t.privacy} <a href="/privacy">{m.privacy}</a>
              </p>
            </>
          )}
        </section>
      )}
    </section>
  );
}
