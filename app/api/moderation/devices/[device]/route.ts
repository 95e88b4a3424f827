import { readJsonBody, otherMethods } from '../../../../_lib/http';
import { moderate } from '../../../../_lib/moderation';

export const dynamic = 'force-dynamic';

/** Body `{ hidden, reason }`: every report of one device (its keyed hash, as listed) at once. */
export async function POST(request: Request, context: { params: Promise<{ device: string }> }): Promise<Response> {
  const { device } = await context.params;
  return moderate(request, async ({ moderation }, moderator) => ({ affected: (await moderation.hideReports({ devices: [device] }, await readJsonBody(request), moderator)).affected }));
}

/** Any other method gets a coded 405 naming the ones this route takes. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
