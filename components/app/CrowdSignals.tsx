// What the queue says in one tap, once several people have said it: shown
// apart from a moderator's status, with how many confirmed it and when.
import type { Estimate } from '../../lib/estimates/types';
import { formatAgo } from '../../lib/i18n/format';
import type { Language } from '../../lib/i18n/languages';
import { MESSAGES } from '../../lib/i18n/messages';
import { liveSignals } from '../../lib/estimates/signals';

export function CrowdSignals(props: { estimate: Estimate | undefined; lang: Language; now: Date }) {
  const said = liveSignals(props.estimate, props.now);
  if (said.length === 0) return null;
  const m = MESSAGES[props.lang];
  return (
    <section className="crowd-signals" aria-labelledby="crowd-signals-title" data-testid="crowd-signals">
      <h3 id="crowd-signals-title">{m.signalsTitle}</h3>
      <ul>
        {said.map((signal) => (
          <li key={signal.kind} data-signal={signal.kind}>
            {m.signalSaid(m.signals[signal.kind].long, signal.devices, formatAgo(signal.confirmedAt, props.now, props.lang))}
          </li>
        ))}
      </ul>
      {said.some((signal) => signal.kind === 'draft_checks') && <p className="muted">{m.draftCare}</p>}
      <p className="muted">{m.signalsNote}</p>
    </section>
  );
}
