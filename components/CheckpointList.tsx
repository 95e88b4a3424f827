// The server-rendered list of checkpoints by border with their current
// estimates: readable with JavaScript off, and the fallback for the map.
import type { Border } from '../lib/borders';
import type { CheckpointView } from '../lib/checkpoints';
import type { Direction, Mode } from '../lib/enums';
import { formatAgo, formatWait } from '../lib/i18n/format';
import type { Language } from '../lib/i18n/languages';
import { MESSAGES } from '../lib/i18n/messages';
import { usualText, waitLabel } from '../lib/ui/estimate-words';
import { bandOf, shownEstimate } from '../lib/ui/wait-bands';

export function CheckpointList(props: {
  borders: readonly Border[];
  checkpoints: readonly CheckpointView[];
  lang: Language;
  direction: Direction;
  mode: Mode;
  now: Date;
}) {
  const { lang } = props;
  const m = MESSAGES[lang];
  const other = lang === 'ru' ? 'en' : 'ru';
  return (
    <>
      <nav className="borders" aria-label={m.bordersLabel}>
        {props.borders.map((border) => (
          <a key={border.code} href={`#border-${border.code}`}>
            {border.name[lang]}
          </a>
        ))}
      </nav>
      {props.borders.map((border) => {
        const here = props.checkpoints.filter((checkpoint) => checkpoint.border === border.code);
        return (
          <section key={border.code} id={`border-${border.code}`} aria-labelledby={`heading-${border.code}`}>
            <h2 id={`heading-${border.code}`}>
              {`${border.name[lang]} `}
              <span className="facts">{`(${here.length})`}</span>
            </h2>
            <ul className="checkpoints">
              {here.map((checkpoint) => {
                const modeHere = checkpoint.modes.includes(props.mode);
                const estimate = checkpoint.estimates.find((e) => e.direction === props.direction && e.mode === props.mode);
                const { wait, quality } = modeHere ? shownEstimate(estimate) : { wait: null, quality: 'solid' as const };
                const usual = usualText(checkpoint.usual.find((u) => u.direction === props.direction && u.mode === props.mode), lang);
                return (
                  <li key={checkpoint.id} data-checkpoint={checkpoint.id}>
                    <span className="pin-inline" data-band={bandOf(wait).id} data-quality={quality}>
                      {!modeHere ? '×' : waitLabel(wait, quality, lang)}
                    </span>
                    <span>
                      <a className="name-primary" href={`/checkpoints/${checkpoint.id}`}>
                        {checkpoint.name[lang]}
                      </a>
                      <span className="name-other" lang={other}>
                        {checkpoint.name[other]}
                      </span>
                      <span className="facts">
                        {!modeHere
                          ? `${m.modes[props.mode]}: ${m.modeNotHere}`
                          : wait === null
                            ? m.noRecentData
                            : quality === 'old'
                              ? `${m.oldEstimate(formatWait(wait, lang), formatAgo(estimate!.lastReportAt!, props.now, lang))} · ${m.quality.old}`
                              : `${m.waitAbout(formatWait(wait, lang))}${quality === 'unsure' ? ` (${m.quality.unsure})` : ''} · ${m.reportsCount(estimate!.reports)}` +
                                (estimate!.lastReportAt ? ` · ${m.lastReport(formatAgo(estimate!.lastReportAt, props.now, lang))}` : '')}
                      </span>
                      {modeHere && usual && <span className="facts">{usual}</span>}
                      <span className="facts">
                        <span className={`status-${checkpoint.status}`}>{m.status[checkpoint.status]}</span>
                        {` — ${checkpoint.modes.map((mode) => m.modes[mode]).join(', ')}`}
                      </span>
                      {checkpoint.statusNote && <span className="facts status-note">{checkpoint.statusNote}</span>}
                    </span>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </>
  );
}
