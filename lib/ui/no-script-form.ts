// The report form without JavaScript: a plain POST of the form's fields to
// /checkpoints/<id>/report, answered by a redirect to the checkpoint's page
// (post/redirect/get) whose address says what happened, so that a reload
// sends nothing twice and the page can say it in the reader's language, with
// the values kept when a field was wrong. The report's id comes with the
// form, made when the page was rendered: a double submit is one report.
import { crowdSignal, type CrowdSignalKind } from '../enums';
import { FORM_ANCHORS, FORM_NAMES, stateFromForm, type FormField, type ReportFormState } from './report-form';
import { oneOf } from '../vocabulary';

/** The HttpOnly cookie that keeps the device key of a browser that reports without scripts. */
export const DEVICE_COOKIE = 'kordon_device';

export interface NoScriptResult {
  /** `held`: stored, but kept for a moderator (too many devices without a proof on its network): it does not count yet. */
  outcome: 'accepted' | 'duplicate' | 'held' | 'refused';
  /** The one-tap signal the stored report carried: the page says it was taken, not that the estimate moved. */
  signal?: CrowdSignalKind;
  /** Stored, and the estimate still has no wait (only "N let through" so far): the page says what it lacks. */
  waitUnknown?: boolean;
  /** The error's code, when refused. */
  code?: string;
  field?: FormField;
  retryAfterSeconds?: number;
  /** The limit that refused it (rate_limited, proof_required): the true reason. */
  limit?: string;
  /** What was sent, to fill the form again when refused. */
  state?: ReportFormState;
}

const FIELDS: readonly FormField[] = ['waitHours', 'vehiclesAhead', 'tookHours', 'letThrough', 'direction', 'mode', 'form'];
/** The query of the page that says what happened. */
export function queryOf(result: NoScriptResult): URLSearchParams {
  const query = new URLSearchParams({ report: result.outcome });
  if (result.signal) query.set('s', result.signal);
  if (result.waitUnknown) query.set('nw', '1');
  if (result.code) query.set('code', result.code);
  if (result.field) query.set('field', result.field);
  if (result.retryAfterSeconds !== undefined) query.set('retry', String(result.retryAfterSeconds));
  if (result.limit) query.set('limit', result.limit);
  const s = result.state;
  if (s) {
    query.set('d', s.direction);
    query.set('m', s.mode);
    if (s.waitHours) query.set('w', s.waitHours);
    if (s.vehiclesAhead) query.set('v', s.vehiclesAhead);
    if (s.letThrough) query.set('lt', s.letThrough);
    query.set('ltm', String(s.letThroughMinutes));
    if (s.crossed) query.set('c', '1');
    if (s.tookHours) query.set('t', s.tookHours);
  }
  return query;
}

/**
 * Where the page opens after a post: the form's status ("Принято, спасибо!"), or the form's top when a field was
 * wrong, so that the field and its error are what is read. A reload opens at the page's top, and the form sat a
 * screenful or two under it: the answer was out of sight, and a person could well send the report again.
 */
export function anchorOf(result: NoScriptResult): string {
  return result.outcome === 'refused' && result.field && result.field !== 'form' ? FORM_ANCHORS.title : FORM_ANCHORS.status;
}

/** What the page's address says happened, or null (a hand-edited address is no result). */
export function resultOf(query: Record<string, string | string[] | undefined>): NoScriptResult | null {
  const one = (key: string) => {
    const value = query[key];
    return typeof value === 'string' ? value : null;
  };
  const outcome = one('report');
  if (outcome !== 'accepted' && outcome !== 'duplicate' && outcome !== 'held' && outcome !== 'refused') return null;
  if (outcome === 'held') return { outcome };
  if (outcome !== 'refused') {
    const signal = crowdSignal.safeParse(one('s'));
    const waitUnknown = one('nw') === '1' ? { waitUnknown: true } : {};
    return signal.success ? { outcome, signal: signal.data, ...waitUnknown } : { outcome, ...waitUnknown };
  }
  const field = oneOf(FIELDS, one('field'));
  const limit = one('limit');
  const retry = Number(one('retry'));
  const form = new URLSearchParams();
  const copy: [string, string][] = [['d', FORM_NAMES.direction], ['m', FORM_NAMES.mode], ['w', FORM_NAMES.waitHours], ['v', FORM_NAMES.vehiclesAhead],
    ['lt', FORM_NAMES.letThrough], ['ltm', FORM_NAMES.letThroughMinutes], ['t', FORM_NAMES.tookHours]];
  for (const [short, name] of copy) {
    const value = one(short);
    if (value !== null) form.set(name, value);
  }
  if (one('c') === '1') form.set(FORM_NAMES.crossed, 'on');
  return {
    outcome,
    code: (one('code') ?? 'invalid_input').slice(0, 32),
    ...(field ? { field } : {}),
    ...(Number.isFinite(retry) && retry > 0 ? { retryAfterSeconds: Math.ceil(retry) } : {}),
    ...(limit && /^[a-z_]{1,32}$/.test(limit) ? { limit } : {}),
    state: stateFromForm(form, { direction: 'out', mode: 'car' }).state,
  };
}
