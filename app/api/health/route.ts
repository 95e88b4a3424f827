import { otherMethods } from '../../../lib/http';
import { getServices } from '../../../lib/services';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const health = await getServices().checkDatabase();
  const headers = { 'cache-control': 'no-store' };
  if (health.ok) return Response.json({ status: 'ok' }, { headers });
  return Response.json({ status: 'unavailable', reason: health.reason }, { status: 503, headers });
}

/** Any other method gets a coded 405 naming the ones this route takes. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
