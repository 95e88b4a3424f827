import { z } from 'zod';
import { parseQuery, otherMethods } from '../../../_lib/http';
import { listModerationActions } from '../../../../lib/moderation/moderate';
import { moderate } from '../../../_lib/moderation';

export const dynamic = 'force-dynamic';

const query = z.strictObject({ limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(1000).optional() });

/** The audit log, newest first. */
export async function GET(request: Request): Promise<Response> {
  return moderate(request, async ({ prisma }) => ({
    actions: await listModerationActions(prisma, { limit: parseQuery(query, new URL(request.url).searchParams).limit ?? 100 }),
  }));
}

/** Any other method gets a coded 405 naming the ones this route takes. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
