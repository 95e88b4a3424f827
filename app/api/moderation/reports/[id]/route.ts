import { readJsonBody, otherMethods } from '../../../../_lib/http';
import { moderate } from '../../../../_lib/moderation';

export const dynamic = 'force-dynamic';

/** Body `{ hidden, reason }`: hides one report (or shows it again) and recomputes its estimate. */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return moderate(request, async ({ moderation }, moderator) => ({ affected: (await moderation.hideReports({ reportId: id }, await readJsonBody(request), moderator)).affected }));
}

/** Any other method gets a coded 405 naming the ones this route takes. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
