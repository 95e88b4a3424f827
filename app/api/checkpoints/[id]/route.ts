import { z } from 'zod';
import { MAX_HISTORY_HOURS } from '../../../../lib/checkpoints';
import { parseQuery, respond, otherMethods } from '../../../_lib/http';
import { getServices } from '../../../_lib/services';

export const dynamic = 'force-dynamic';

const query = z.strictObject({
  hours: z.coerce.number({ error: 'must be a number' }).int('must be whole hours').min(1).max(MAX_HISTORY_HOURS).optional(),
});

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return respond(
    async () => {
      const { hours } = parseQuery(query, new URL(request.url).searchParams);
      return { checkpoint: await getServices().reads.checkpoint(id, hours) };
    },
    { shared: request },
  );
}

/** Any other method gets a coded 405 naming the ones this route takes. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
