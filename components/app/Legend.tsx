'use client';
// What the colours and marks mean. On a phone (or a screen too short for it
// beside the zoom buttons) it folds into one button in a corner of the map, so
// that it covers no marker until asked; on a wide screen it is always open.
import { useState } from 'react';
import type { Language } from '../../lib/i18n/languages';
import { MESSAGES } from '../../lib/i18n/messages';
import { BANDS } from '../../lib/ui/wait-bands';
import { useMounted } from './useMounted';

export function Legend(props: { lang: Language }) {
  const m = MESSAGES[props.lang];
  const [open, setOpen] = useState(false);
  const ready = useMounted();
  return (
    <div className="legend" role="group" aria-label={m.legend} data-open={open}>
      <button type="button" className="legend-toggle" disabled={!ready} aria-expanded={open} onClick={() => setOpen((value) => !value)}>
        {open ? `× ${m.legendShow}` : m.legendShow}
      </button>
      <div className="legend-body">
        <strong>{m.legend}</strong>
        <ul>
          {BANDS.map((band) => (
            <li key={band.id}>
              <span className="swatch" style={{ background: band.fill }} aria-hidden="true" />
              <span>{m.bands[band.id]}</span>
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
      </div>
    </div>
  );
}
