import { z } from 'zod';
import { parseQuery, otherMethods } from '../../../../../_lib/http';
import { listReportsForModeration } from '../../../../../../lib/moderation/moderate';
import { moderate } from '../../../../../_lib/moderation';

export const dynamic = 'force-dynamic';

const query = z.strictObject({ hours: z.coerce.number({ error: 'must be a number' }).int().min(1).max(24 * 30).optional() });

/** A checkpoint's reports, hidden ones and device hashes included, newest first (at most 500). */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return moderate(request, async ({ prisma, now }) => {
    const { hours = 24 } = parseQuery(query, new URL(request.url).searchParams);
    return { reports: await listReportsForModeration(prisma, { checkpointId: id, since: new Date(now().getTime() - hours * 3_600_000) }) };
  });
}

/** Any other method gets a coded 405 naming the ones this route takes. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
