'use client';
import type { Language } from '../../lib/i18n/languages';
import { MESSAGES } from '../../lib/i18n/messages';
import { ConnectionIndicator } from './ConnectionIndicator';
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
  return (
    <header className="topbar">
      <a className="brand" href="/">
        <strong>{m.appName}</strong>
        <span className="tagline">{m.tagline}</span>
      </a>
      <ConnectionIndicator state={props.connection} lang={props.lang} pending={props.pending} />
      <nav className="topbar-actions">
        <button type="button" aria-expanded={props.watchOpen} aria-controls="side" onClick={props.onToggleWatch}>
          <span aria-hidden="true">★</span>
          <span className="shrink-label">{` ${m.watched}`}</span>
          {props.watchedCount ? ` ${props.watchedCount}` : ''}
        </button>
        <a href="/list">{m.list}</a>
        <button type="button" lang={other} aria-label={m.switchLanguageLabel} onClick={props.onSwitchLanguage}>
          <span className="wide-only">{m.switchLanguage}</span>
          <span className="narrow-only">{other.toUpperCase()}</span>
        </button>
      </nav>
    </header>
  );
}
