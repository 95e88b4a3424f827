'use client';
import type { Language } from '../../lib/i18n/languages';
import { MESSAGES } from '../../lib/i18n/messages';
import { BANDS } from '../../lib/ui/wait-bands';

export function Legend(props: { lang: Language }) {
  const m = MESSAGES[props.lang];
  return (
    <div className="legend" role="group" aria-label={m.legend}>
      <strong>{m.legend}</strong>
      <ul>
        {BANDS.map((band) => (
          <li key={band.id}>
            <span className="swatch" style={{ background: band.fill }} aria-hidden="true" />
            <span className="wide-only">{m.bands[band.id]}</span>
            <span className="narrow-only">{m.bandsShort[band.id]}</span>
          </li>
        ))}
        {(['unsure', 'old'] as const).map((quality) => (
          <li key={quality} className="legend-quality">
            <span className="swatch" data-quality={quality} aria-hidden="true">
              {quality === 'unsure' ? m.unsureMark : ''}
            </span>
            <span>{m.quality[quality]}</span>
          </li>
        ))}
      </ul>
      <a className="privacy-link" href="/privacy">
        {m.privacy}
      </a>
    </div>
  );
}
