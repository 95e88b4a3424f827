import { readJsonBody, otherMethods } from '../../../../_lib/http';
import { moderate } from '../../../../_lib/moderation';

export const dynamic = 'force-dynamic';

/** Body `{ status: "open" | "restricted" | "closed", note }`: every client shows both at once. */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return moderate(request, async ({ moderation }, moderator) => ({ checkpoint: await moderation.setStatus(id, await readJsonBody(request), moderator) }));
}

/** Any other method gets a coded 405 naming the ones this route takes. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
