import { otherMethods } from '../../../_lib/http';
import { listAlerts } from '../../../../lib/moderation/alerts';
import { moderate } from '../../../_lib/moderation';

export const dynamic = 'force-dynamic';

/** Estimates a burst of new devices carries now: what to look at first. */
export async function GET(request: Request): Promise<Response> {
  return moderate(request, async ({ prisma, now }) => ({ alerts: await listAlerts(prisma, { now: now() }) }));
}

/** Any other method gets a coded 405 naming the ones this route takes. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
