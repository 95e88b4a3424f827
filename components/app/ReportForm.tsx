'use client';
// Reporting in a few taps: direction and mode preselected, quick choices for
// the numbers, and the server's verdict shown next to the field it concerns.
// A retry keeps the report's id, so the server never counts it twice.
import { useEffect, useRef, useState, type FormEvent, type MouseEvent } from 'react';
import type { CrowdSignalKind, Direction, Mode } from '../../lib/enums';
import type { ReportCreated } from '../../lib/events';
import type { Language } from '../../lib/i18n/languages';
import { MESSAGES } from '../../lib/i18n/messages';
import { randomUuid } from '../../lib/ui/random-id';
import { formatWait } from '../../lib/i18n/format';
import type { NoScriptResult } from '../../lib/ui/no-script-form';
import { buildReport, FORM_ANCHORS, fieldOfPath, FORM_NAMES, LET_THROUGH_PERIODS, quickName, stateFromForm, type FormField, type NumberField, type ReportFormState } from '../../lib/ui/report-form';
import { fieldText, holdText, refusalText, type Hold } from '../../lib/ui/report-errors';
import { holdOf, isHeldBack } from '../../lib/ui/outbox';
import { CROWD_SIGNALS, DIRECTIONS } from '../../lib/vocabulary';
import type { SubmitOutcome } from './useRealtime';
import type { ReportInput } from '../../lib/reports/input';
import { QuickNumber } from './QuickNumber';
import { useFormAsFound } from './useFormAsFound';
import { useMounted } from './useMounted';

const WAIT_CHOICES = ['0,5', '1', '2', '4', '8', '12', '24'];
const VEHICLE_CHOICES = ['10', '50', '100', '300', '1000'];
const TOOK_CHOICES = ['1', '2', '4', '8', '12', '24', '48'];
const LET_THROUGH_CHOICES = ['0', '10', '20', '50', '100'];

/** What a sent report leaves: the numbers go, the choices (direction, mode, period) stay. */
const CLEARED = { waitHours: '', vehiclesAhead: '', crossed: false, tookHours: '', letThrough: '' } as const;

type Status =
  | { kind: 'idle' }
  | { kind: 'sending' }
  /** `waitUnknown`: stored, and the estimate still has no wait ("N let through" alone): say what it lacks, not "updated". */
  | { kind: 'accepted'; duplicate: boolean; waitUnknown?: boolean }
  | { kind: 'queued'; id: string; hold?: Hold }
  | { kind: 'signaled'; what: string }
  /** Stored for a moderator, not counted yet (a page without scripts on a network with too many new phones without a proof). */
  | { kind: 'heldForModerator' }
  | { kind: 'failed'; message: string; retry: boolean };

/** The schema path each form field's hint is kept under. */
const FIELD_PATHS: Record<FormField, string> = {
  waitHours: 'waitMinutes', vehiclesAhead: 'queueVehicles', tookHours: 'joinedAt', letThrough: 'letThrough', direction: 'direction', mode: 'mode', form: '(root)',
};

/** The form's first word after the page came back from a report sent without scripts. */
function statusOf(initial: NoScriptResult | null, lang: Language): Status {
  if (!initial) return { kind: 'idle' };
  if (initial.outcome === 'held') return { kind: 'heldForModerator' };
  if (initial.outcome === 'accepted' && initial.signal) return { kind: 'signaled', what: MESSAGES[lang].signals[initial.signal].tap };
  if (initial.outcome !== 'refused') return { kind: 'accepted', duplicate: initial.outcome === 'duplicate', waitUnknown: initial.waitUnknown === true };
  const code = initial.code === 'not_a_number' ? 'invalid_input' : (initial.code ?? 'invalid_input');
  return { kind: 'failed', message: refusalText({ code, retryAfter: initial.retryAfterSeconds, limit: initial.limit }, lang), retry: false };
}

export function ReportForm(props: {
  checkpointId: string;
  modes: readonly Mode[];
  direction: Direction;
  mode: Mode;
  lang: Language;
  submit: (report: ReportInput) => Promise<SubmitOutcome>;
  /** Keeps a report that cannot go now, to be sent when the connection is back or the hold lifts. */
  enqueue: (report: ReportInput, hold?: Hold) => void;
  /** Ids still in the outbox, and of this checkpoint's reports the server holds: a queued report's fate. */
  pendingIds: readonly string[];
  storedIds: readonly string[];
  connected: boolean;
  onAccepted: (created: ReportCreated) => void;
  /** Whether the estimate of a direction and mode has a wait now: a report the outbox sent later is thanked by it. */
  waitKnown: (direction: Direction, mode: Mode) => boolean;
  /** What a report sent without scripts came to, from the page's address after the form's redirect. */
  initial?: NoScriptResult | null;
}) {
  const m = MESSAGES[props.lang];
  const f = m.form;
  const initialMode = props.modes.includes(props.mode) ? props.mode : (props.modes[0] ?? props.mode);
  const initial = props.initial ?? null;
  const [state, setState] = useState<ReportFormState>(
    initial?.state ?? {
      direction: props.direction,
      mode: initialMode,
      waitHours: '',
      vehiclesAhead: '',
      crossed: false,
      tookHours: '',
      letThrough: '',
      letThroughMinutes: 60,
    },
  );
  const [reportId, setReportId] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>(() => statusOf(initial, props.lang));
  const [errors, setErrors] = useState<Partial<Record<FormField, string>>>(() =>
    initial?.outcome === 'refused' && initial.field
      ? {
          [initial.field]:
            initial.field === 'form' ? f.needSomething : initial.code === 'not_a_number' ? f.notANumber : (f.fieldHints[FIELD_PATHS[initial.field]] ?? f.notANumber),
        }
      : {},
  );
  // Without scripts the form posts itself: the id made here, with the page, keeps a double submit one report.
  const [formId] = useState(randomUuid);
  const mounted = useMounted();
  const formRef = useRef<HTMLFormElement>(null);
  // A direction picked, a number typed or a quick choice tapped while the page's scripts were on their way stays.
  useFormAsFound(formRef, (found) => {
    const { state: onPage } = stateFromForm(found, state);
    if ((Object.keys(onPage) as (keyof ReportFormState)[]).some((key) => onPage[key] !== state[key])) setState(onPage);
  });

  // A report the outbox sent says so here too; one it gave up on leaves the word to the page's notice.
  const queuedId = status.kind === 'queued' ? status.id : null;
  const gone = queuedId !== null && !props.pendingIds.includes(queuedId);
  const stored = queuedId !== null && props.storedIds.includes(queuedId);
  useEffect(() => {
    // The form keeps the direction and mode it sent for; the acknowledgement's estimate is in by now.
    if (gone) setStatus(stored ? { kind: 'accepted', duplicate: false, waitUnknown: !props.waitKnown(state.direction, state.mode) } : { kind: 'idle' });
  }, [gone, stored]);

  const edit = (change: Partial<ReportFormState>) => {
    setState((current) => ({ ...current, ...change }));
    // A changed report is a new report: it gets a new id.
    setReportId(null);
    setErrors({});
    if (status.kind !== 'sending') setStatus({ kind: 'idle' });
  };

  const send = async (event?: FormEvent) => {
    event?.preventDefault();
    if (status.kind === 'sending') return;
    const id = reportId ?? randomUuid();
    setReportId(id);
    const built = buildReport(state, { id, checkpointId: props.checkpointId, now: new Date() });
    if (!built.ok) {
      setErrors({ [built.field]: f.notANumber });
      setStatus({ kind: 'failed', message: f.errors.invalid_input!, retry: false });
      return;
    }
    setErrors({});
    await deliver(built.report);
  };

  /** One tap: what is happening at the post, for the direction and mode chosen, with no numbers. */
  const tap = (signal: CrowdSignalKind) => async (event: MouseEvent) => {
    event.preventDefault();
    if (status.kind === 'sending') return;
    await deliver({ id: randomUuid(), checkpointId: props.checkpointId, direction: state.direction, mode: state.mode, signal }, signal);
  };

  const deliver = async (report: ReportInput, signal?: CrowdSignalKind) => {
    // A sent (or kept) number report leaves an empty form; a tap leaves what was typed.
    const clear = () => {
      if (signal) return;
      setState((current) => ({ ...current, ...CLEARED }));
      setReportId(null);
    };
    const queue = (hold?: Hold) => {
      props.enqueue(report, hold);
      setStatus(hold ? { kind: 'queued', id: report.id, hold } : { kind: 'queued', id: report.id });
      clear();
    };
    if (!props.connected) return queue();
    setStatus({ kind: 'sending' });
    const outcome = await props.submit(report);
    if (outcome.ok) {
      setStatus(
        signal
          ? { kind: 'signaled', what: m.signals[signal].tap }
          : { kind: 'accepted', duplicate: outcome.data.duplicate, waitUnknown: outcome.data.estimate.waitMinutes === null },
      );
      clear();
      props.onAccepted(outcome.data);
      return;
    }
    const { code } = outcome.error;
    // No answer: the report may or may not have arrived. The outbox resends it under the same id.
    if (code === 'timeout') return queue();
    // Held back (a limit, or the device's proof not ready yet): kept, and sent by itself when allowed.
    if (isHeldBack(code)) return queue(holdOf(outcome.error, new Date()));
    const fieldErrors: Partial<Record<FormField, string>> = {};
    for (const field of 'fields' in outcome.error ? (outcome.error.fields ?? []) : []) {
      const target = fieldOfPath(field.path);
      fieldErrors[target] ??= target === 'form' ? f.needSomething : fieldText(field.path, props.lang);
    }
    setErrors(fieldErrors);
    // Refused input would be refused again; only server trouble is worth a retry.
    setStatus({ kind: 'failed', message: refusalText(outcome.error, props.lang), retry: code === 'internal' });
  };

  /** A number with its quick choices, bound to its field of the form's state. */
  const numberField = (field: NumberField, id: string, label: string, choices: readonly string[], inputMode: 'decimal' | 'numeric') => (
    <QuickNumber
      id={id}
      name={FORM_NAMES[field]}
      quickName={quickName(field)}
      label={label}
      groupLabel={f.quick(label)}
      choices={choices}
      value={state[field]}
      placeholder={f.other}
      inputMode={inputMode}
      error={errors[field]}
      onChange={(value) => edit({ [field]: value })}
    />
  );

  const errorOf = (field: FormField) =>
    errors[field] ? (
      <p className="field-error" id={`report-error-${field}`} role="alert">
        {errors[field]}
      </p>
    ) : null;

  return (
    <form
      ref={formRef}
      className="report-form"
      method="post"
      action={`/checkpoints/${encodeURIComponent(props.checkpointId)}/report`}
      onSubmit={send}
      noValidate
      aria-labelledby={FORM_ANCHORS.title}
    >
      <h3 id={FORM_ANCHORS.title}>{f.title}</h3>
      <input type="hidden" name={FORM_NAMES.id} value={formId} suppressHydrationWarning />
      <fieldset className="segmented">
        <legend>{m.direction}</legend>
        {DIRECTIONS.map((d) => (
          <label key={d}>
            <input type="radio" name="report-direction" value={d} checked={state.direction === d} onChange={() => edit({ direction: d })} />
            <span>{m.directionsShort[d]}</span>
          </label>
        ))}
      </fieldset>
      {errorOf('direction')}
      <fieldset className="segmented">
        <legend>{m.mode}</legend>
        {props.modes.map((mode) => (
          <label key={mode}>
            <input type="radio" name="report-mode" value={mode} checked={state.mode === mode} onChange={() => edit({ mode })} />
            <span>{m.modes[mode]}</span>
          </label>
        ))}
      </fieldset>
      {errorOf('mode')}

      <div className="field">
        {numberField('waitHours', 'report-wait', f.waitLabel, WAIT_CHOICES, 'decimal')}
      </div>
      <div className="field">
        {numberField('vehiclesAhead', 'report-vehicles', f.vehiclesLabel, VEHICLE_CHOICES, 'numeric')}
      </div>
      <div className="field">
        {numberField('letThrough', 'report-let-through', f.letThroughLabel, LET_THROUGH_CHOICES, 'numeric')}
        <fieldset className="period">
          <legend>{f.letThroughPeriodLabel}</legend>
          <div className="segmented">
            {LET_THROUGH_PERIODS.map((minutes) => (
              <label key={minutes}>
                <input
                  type="radio"
                  name="report-let-through-minutes"
                  value={minutes}
                  checked={state.letThroughMinutes === minutes}
                  onChange={() => edit({ letThroughMinutes: minutes })}
                />
                <span>{formatWait(minutes, props.lang)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      <div className="field">
        <label className="check">
          <input type="checkbox" name="crossed" checked={state.crossed} onChange={(event) => edit({ crossed: event.target.checked })} />
          {f.crossedLabel}
        </label>
        {/* Without scripts the box cannot open the field: it is there from the start. */}
        {(state.crossed || !mounted) && numberField('tookHours', 'report-took', f.tookLabel, TOOK_CHOICES, 'decimal')}
      </div>

      {errorOf('form')}
      <div className="submit-row">
        <button type="submit" className="primary" disabled={status.kind === 'sending'}>
          {status.kind === 'sending' ? f.sending : f.submit}
        </button>
        <p className="form-status" id={FORM_ANCHORS.status} role="status" data-status={status.kind}>
          {status.kind === 'accepted' && (status.duplicate ? f.duplicate : status.waitUnknown ? f.acceptedNoWait : f.accepted)}
          {status.kind === 'queued' && (status.hold ? holdText(status.hold, props.lang) : f.queued)}
          {status.kind === 'signaled' && f.signalAccepted(status.what)}
          {status.kind === 'heldForModerator' && f.heldForModerator}
          {status.kind === 'failed' && status.message}
          {status.kind === 'failed' && status.retry && (
            <>
              {' '}
              <button type="button" className="link" onClick={() => void send()}>
                {f.retry}
              </button>
            </>
          )}
        </p>
      </div>

      {/* After the form's own button, so that Enter in a field never sends a tap (without scripts the first submit button is the default). */}
      <fieldset className="field signal-field">
        <legend>{f.signalsLabel}</legend>
        <div className="signal-taps">
          {CROWD_SIGNALS.map((kind) => (
            <button key={kind} type="submit" name={FORM_NAMES.signal} value={kind} data-signal={kind} disabled={status.kind === 'sending'} onClick={tap(kind)}>
              {m.signals[kind].tap}
            </button>
          ))}
        </div>
      </fieldset>
    </form>
  );
}
