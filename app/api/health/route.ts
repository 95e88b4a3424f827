import { otherMethods } from '../../_lib/http';
import { getServices } from '../../_lib/services';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const services = getServices();
  const health = await services.checkDatabase();
  const headers = { 'cache-control': 'no-store' };
  // Redis away is not ill health: the node serves alone meanwhile, and says so.
  const redis = services.redisState();
  const sharing = redis === null ? {} : { redis };
  if (health.ok) return Response.json({ status: 'ok', ...sharing }, { headers });
  return Response.json({ status: 'unavailable', reason: health.reason, ...sharing }, { status: 503, headers });
}

/** Any other method gets a coded 405 naming the ones this route takes. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
