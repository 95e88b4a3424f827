// The report form without JavaScript: the form's POST, stored through the
// same front door as every other report (validation, rate limits, the same
// device-key hashing), answered with a redirect to the checkpoint's page that
// says what happened and opens where it says it (lib/ui/no-script-form.ts).
// The device key lives in an HttpOnly cookie made on the first report; like
// every key it is stored only as its keyed hash and never logged.
import { cookies } from 'next/headers';
import { toAppError } from '../../../../lib/errors';
import { otherMethods, PEER_ADDRESS_HEADER, readFormBody } from '../../../_lib/http';
import { checkpointIdSchema, deviceKeySchema } from '../../../../lib/reports/input';
import { isFromOwnPage } from '../../../../lib/security/origins';
import { getServices } from '../../../_lib/services';
import { anchorOf, DEVICE_COOKIE, queryOf, type NoScriptResult } from '../../../../lib/ui/no-script-form';
import { randomDeviceKey, randomUuid } from '../../../../lib/ui/random-id';
import { buildReport, fieldOfPath, FORM_NAMES, stateFromForm } from '../../../../lib/ui/report-form';
import { crowdSignal } from '../../../../lib/enums';

export const dynamic = 'force-dynamic';

const YEAR_SECONDS = 365 * 24 * 3600;

async function deviceKey(): Promise<{ key: string; made: boolean }> {
  const value = (await cookies()).get(DEVICE_COOKIE)?.value;
  if (value && deviceKeySchema.safeParse(value).success) return { key: value, made: false };
  return { key: randomDeviceKey(), made: true };
}

export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id: checkpointId } = await context.params;
  const page = `/checkpoints/${encodeURIComponent(checkpointId)}`;
  const device = await deviceKey();
  const answer = (result: NoScriptResult) => {
    // 303: the browser follows with a GET, so a reload of the result sends nothing again.
    const headers = new Headers({ location: `${page}?${queryOf(result).toString()}#${anchorOf(result)}`, 'cache-control': 'no-store' });
    if (device.made) headers.append('set-cookie', `${DEVICE_COOKIE}=${device.key}; Path=/; Max-Age=${YEAR_SECONDS}; HttpOnly; SameSite=Lax`);
    return new Response(null, { status: 303, headers });
  };
  if (!checkpointIdSchema.safeParse(checkpointId).success) return answer({ outcome: 'refused', code: 'unknown_checkpoint' });
  // Only Kordon's own page may post it: another site's page must not make its visitors' browsers report.
  if (!isFromOwnPage(request.headers)) return new Response('Forbidden', { status: 403, headers: { 'cache-control': 'no-store' } });

  let form: URLSearchParams;
  try {
    form = await readFormBody(request);
  } catch (error) {
    return answer({ outcome: 'refused', code: toAppError(error).code, field: 'form' });
  }
  const { state, id, wrong } = stateFromForm(form, { direction: 'out', mode: 'car' });
  if (wrong) return answer({ outcome: 'refused', code: 'invalid_input', field: wrong, state });
  const reportId = id && /^[0-9a-f-]{36}$/i.test(id) ? id : randomUuid();
  const built = buildReport(state, { id: reportId, checkpointId, now: new Date() });
  // A one-tap button pressed: its signal goes with whatever else the form holds.
  const signal = crowdSignal.safeParse(form.get(FORM_NAMES.signal));
  if (built.ok && signal.success) built.report.signal = signal.data;
  // Not a number at all: the page says so, rather than the field's range.
  if (!built.ok) return answer({ outcome: 'refused', code: 'not_a_number', field: built.field, state });
  try {
    // A page without scripts cannot make a proof of work: past its address's allowance its report is held, not refused.
    const submitted = await getServices().submitReport(built.report, { deviceKey: device.key, address: request.headers.get(PEER_ADDRESS_HEADER) ?? 'unknown', cannotProve: true });
    if (submitted.held) return answer({ outcome: 'held' });
    return answer({
      outcome: submitted.duplicate ? 'duplicate' : 'accepted',
      ...(built.report.signal ? { signal: built.report.signal } : submitted.estimate.waitMinutes === null ? { waitUnknown: true } : {}),
    });
  } catch (error) {
    const refusal = toAppError(error);
    if (refusal.code === 'internal') getServices().logger.error({ err: error }, 'a report from the form without scripts failed');
    const first = refusal.fields?.[0]?.path;
    return answer({
      outcome: 'refused',
      code: refusal.code,
      field: first ? fieldOfPath(first) : 'form',
      ...(refusal.retryAfterSeconds !== undefined ? { retryAfterSeconds: refusal.retryAfterSeconds } : {}),
      ...(refusal.limit !== undefined ? { limit: refusal.limit } : {}),
      state,
    });
  }
}

/** Any other method gets a coded 405 naming the ones this route takes. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
