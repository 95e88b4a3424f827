// From what a thumb entered to the report the server validates. The browser
// checks only that numbers are numbers; ranges and rules are the server's
// schema's to judge, so there is one source of truth for them.
import type { Direction, Mode } from '../enums';
import { parseDecimal } from '../i18n/format';
import { DIRECTIONS, MODES, oneOf } from '../vocabulary';
import type { ReportInput } from '../reports/input';

export interface ReportFormState {
  direction: Direction;
  mode: Mode;
  /** Text as typed (hours, "3,5" or "3.5"); empty when not given. */
  waitHours: string;
  vehiclesAhead: string;
  crossed: boolean;
  tookHours: string;
  /** "N let through in the last M minutes": N as typed, M as chosen. */
  letThrough: string;
  letThroughMinutes: number;
}

export type FormField = 'waitHours' | 'vehiclesAhead' | 'tookHours' | 'letThrough' | 'direction' | 'mode' | 'form';
/** The fields that take a number, each with its quick choices. */
export type NumberField = 'waitHours' | 'vehiclesAhead' | 'letThrough' | 'tookHours';

/** The names the form's inputs post under, when it is sent without scripts (lib/ui/no-script-form.ts). */
export const FORM_NAMES = {
  id: 'id',
  direction: 'report-direction',
  mode: 'report-mode',
  waitHours: 'waitHours',
  vehiclesAhead: 'vehiclesAhead',
  letThrough: 'letThrough',
  letThroughMinutes: 'report-let-through-minutes',
  crossed: 'crossed',
  tookHours: 'tookHours',
  /** A one-tap crowd signal, the value of the button pressed. */
  signal: 'signal',
} as const;

/** The name a number field's quick choices post under, beside the field's own. */
export const quickName = (field: NumberField) => `${FORM_NAMES[field]}-quick`;

/** Ids on the form that a page sent without scripts opens at: its title, its status line (lib/ui/no-script-form.ts). */
export const FORM_ANCHORS = { title: 'report-form-title', status: 'report-status' } as const;

/** The periods offered for "let through in the last …", in minutes; an hour is the first choice. */
export const LET_THROUGH_PERIODS = [30, 60, 120, 300] as const;

export type BuiltReport = { ok: true; report: ReportInput } | { ok: false; field: FormField };

const HOUR = 3_600_000;

export function buildReport(state: ReportFormState, options: { id: string; checkpointId: string; now: Date }): BuiltReport {
  const report: ReportInput = { id: options.id, checkpointId: options.checkpointId, direction: state.direction, mode: state.mode };
  if (state.waitHours.trim() !== '') {
    const hours = parseDecimal(state.waitHours);
    if (hours === null) return { ok: false, field: 'waitHours' };
    report.waitMinutes = Math.round(hours * 60);
  }
  if (state.vehiclesAhead.trim() !== '') {
    const vehicles = parseDecimal(state.vehiclesAhead);
    if (vehicles === null) return { ok: false, field: 'vehiclesAhead' };
    report.queueVehicles = vehicles;
  }
  if (state.letThrough.trim() !== '') {
    const count = parseDecimal(state.letThrough);
    if (count === null) return { ok: false, field: 'letThrough' };
    report.letThrough = count;
    report.letThroughMinutes = state.letThroughMinutes;
  }
  if (state.crossed) {
    const hours = parseDecimal(state.tookHours);
    if (hours === null) return { ok: false, field: 'tookHours' };
    report.crossedAt = options.now.toISOString();
    report.joinedAt = new Date(options.now.getTime() - hours * HOUR).toISOString();
  }
  return { ok: true, report };
}

/** Which input a server error path belongs to. */
export function fieldOfPath(path: string): FormField {
  const head = path.split('.')[0];
  switch (head) {
    case 'waitMinutes':
      return 'waitHours';
    case 'queueVehicles':
    case 'queueKm':
      return 'vehiclesAhead';
    case 'joinedAt':
    case 'crossedAt':
      return 'tookHours';
    case 'letThrough':
    case 'letThroughMinutes':
      return 'letThrough';
    case 'direction':
      return 'direction';
    case 'mode':
      return 'mode';
    default:
      return 'form';
  }
}

/** Text a person typed, as far as a form field may hold it. */
const typed = (value: string | null) => (value ?? '').slice(0, 32);

/**
 * The form's fields as the browser posted them (or as they stand on the page), the direction and mode checked,
 * the rest as typed. Without zod: the page reads its own form with it (useFormAsFound), and the server's schema
 * judges the report built from it.
 */
export function stateFromForm(form: URLSearchParams, fallback: { direction: Direction; mode: Mode }): { state: ReportFormState; id: string | null; wrong: FormField | null } {
  const direction = oneOf(DIRECTIONS, form.get(FORM_NAMES.direction));
  const mode = oneOf(MODES, form.get(FORM_NAMES.mode));
  const minutes = Number(form.get(FORM_NAMES.letThroughMinutes));
  // Without scripts a quick choice and a typed number can both be sent: the number typed says exactly what was meant.
  const number = (field: NumberField) => {
    const written = typed(form.get(FORM_NAMES[field]));
    return written.trim() !== '' ? written : typed(form.get(quickName(field)));
  };
  const state: ReportFormState = {
    direction: direction ?? fallback.direction,
    mode: mode ?? fallback.mode,
    waitHours: number('waitHours'),
    vehiclesAhead: number('vehiclesAhead'),
    letThrough: number('letThrough'),
    letThroughMinutes: (LET_THROUGH_PERIODS as readonly number[]).includes(minutes) ? minutes : 60,
    // Without scripts the crossing's hours are always shown: a number there is the tick.
    crossed: form.get(FORM_NAMES.crossed) !== null || number('tookHours').trim() !== '',
    tookHours: number('tookHours'),
  };
  const wrong = !direction ? 'direction' : !mode ? 'mode' : null;
  return { state, id: form.get(FORM_NAMES.id), wrong };
}
