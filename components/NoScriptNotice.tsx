import type { Language } from '../lib/i18n/languages';
import { MESSAGES } from '../lib/i18n/messages';

/** Without JavaScript there is no map: point to the server-rendered list. */
export function NoScriptNotice({ lang }: { lang: Language }) {
  const m = MESSAGES[lang];
  return (
    <noscript>
      {/* The choices, the indicator, the panel's buttons and the map's legend do nothing without scripts: hide them rather than mislead. */}
      <style>{'.controls, .connection, .topbar-actions button, .panel-head button, .chart-periods, .legend { display: none; }'}</style>
      <p className="noscript">
        {m.noscript} <a href="/list">{m.listTitle}</a>
      </p>
    </noscript>
  );
}
