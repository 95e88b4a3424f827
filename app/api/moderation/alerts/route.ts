import { otherMethods } from '../../../_lib/http';
import { listModerationAlerts } from '../../../../lib/moderation/alerts';
import { moderate } from '../../../_lib/moderation';

export const dynamic = 'force-dynamic';

/** Estimates a burst of new devices carries now, the largest share first: what to look at first; then what the crowd says in one tap, and reports held for a moderator. */
export async function GET(request: Request): Promise<Response> {
  return moderate(request, async ({ prisma, now }) => {
    const { bursts, signals, held } = await listModerationAlerts(prisma, { now: now() });
    return { alerts: [...bursts, ...signals, ...held] };
  });
}

/** Any other method gets a coded 405 naming the ones this route takes. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
