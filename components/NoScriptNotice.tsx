import type { Language } from '../lib/i18n/languages';
import { MESSAGES } from '../lib/i18n/messages';

/** Without JavaScript there is no map: point to the server-rendered list. */
export function NoScriptNotice({ lang }: { lang: Language }) {
  const m = MESSAGES[lang];
  return (
    <noscript>
      {/* What does nothing without scripts is hidden rather than left to mislead: every type="button" (only a script
          gives it something to do), the view's choices, the indicator, the chart's periods and the map's legend. */}
      <style>{'button[type=button], .controls, .connection, .chart-periods, .legend { display: none; }'}</style>
      <p className="noscript">
        {m.noscript} <a href="/list">{m.listTitle}</a>
      </p>
    </noscript>
  );
}
