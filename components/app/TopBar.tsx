'use client';
// The bar: the name and the connection's state, then the watch list, the
// language and a menu. Three buttons of a thumb's size fit a 320 px phone
// whatever the connection says (the state wraps under the name).
import type { Language } from '../../lib/i18n/languages';
import { MESSAGES } from '../../lib/i18n/messages';
import { ConnectionIndicator } from './ConnectionIndicator';
import { useMounted } from './useMounted';
import type { ConnectionState } from './useRealtime';

export function TopBar(props: {
  lang: Language;
  connection: ConnectionState;
  pending: number;
  watchedCount: number;
  watchOpen: boolean;
  onToggleWatch: () => void;
  onSwitchLanguage: () => void;
}) {
  const m = MESSAGES[props.lang];
  const other = props.lang === 'ru' ? 'en' : 'ru';
  // The two buttons work by script: greyed until the page's scripts run (the menu is plain HTML).
  const off = !useMounted();
  return (
    <header className="topbar">
      <div className="brand-block">
        <h1 className="brand-heading">
          <a className="brand" href="/">
            <strong>{m.appName}</strong>
            <span className="tagline">{m.tagline}</span>
          </a>
        </h1>
        <ConnectionIndicator state={props.connection} lang={props.lang} pending={props.pending} />
      </div>
      <nav className="topbar-actions" aria-label={m.menu}>
        <button type="button" disabled={off} aria-expanded={props.watchOpen} aria-controls="side" aria-label={m.watched} onClick={props.onToggleWatch}>
          <span aria-hidden="true">★</span>
          <span className="shrink-label" aria-hidden="true">{` ${m.watched}`}</span>
          {props.watchedCount ? ` ${props.watchedCount}` : ''}
        </button>
        {/* Its name holds what it shows ("EN" on a phone), so that a person who speaks to the phone can say it. */}
        <button type="button" disabled={off} lang={other} aria-label={`${m.switchLanguageLabel}, ${other.toUpperCase()}`} onClick={props.onSwitchLanguage}>
          <span className="wide-only">{m.switchLanguage}</span>
          <span className="narrow-only">{other.toUpperCase()}</span>
        </button>
        {/* A menu that needs no script: the links are plain links. */}
        <details className="menu">
          <summary aria-label={m.menu}>
            <span aria-hidden="true">☰</span>
            <span className="shrink-label" aria-hidden="true">{` ${m.menu}`}</span>
          </summary>
          <ul>
            <li>
              <a href="/list">{m.firstEstimatesMore}</a>
            </li>
            <li>
              <a href="/privacy">{m.privacy}</a>
            </li>
            <li>
              <a href="/erase" className="erase-link">
                {m.eraseMenuItem}
              </a>
            </li>
          </ul>
        </details>
      </nav>
    </header>
  );
}
