'use client';
// "Tell me when the wait drops below N hours" for one watched checkpoint.
import type { Language } from '../../lib/i18n/languages';
import { MESSAGES } from '../../lib/i18n/messages';
import type { WatchEntry } from '../../lib/ui/watch-list';

const CHOICES = [1, 2, 3, 4, 6, 8, 12, 24];

export function AlertChoice(props: { entry: WatchEntry; lang: Language; onChange: (hours: number | null) => void }) {
  const m = MESSAGES[props.lang];
  const id = `alert-${props.entry.id}`;
  return (
    <p className="alert-choice">
      <label htmlFor={id}>{m.alert.label}</label>{' '}
      <select id={id} value={props.entry.alertBelowHours ?? ''} onChange={(event) => props.onChange(event.target.value ? Number(event.target.value) : null)}>
        <option value="">{m.alert.none}</option>
        {CHOICES.map((hours) => (
          <option key={hours} value={hours}>
            {`< ${hours}`}
          </option>
        ))}
      </select>
    </p>
  );
}
