import { z } from 'zod';
import { borderCode } from '../../../lib/enums';
import { parseQuery, respond, otherMethods } from '../../_lib/http';
import { getServices } from '../../_lib/services';

export const dynamic = 'force-dynamic';

const query = z.strictObject({
  border: z.preprocess((value) => (typeof value === 'string' ? value.toUpperCase() : value), borderCode).optional(),
});

export function GET(request: Request): Promise<Response> {
  return respond(
    async () => {
      const { border } = parseQuery(query, new URL(request.url).searchParams);
      return { checkpoints: await getServices().reads.checkpoints(border) };
    },
    { shared: request },
  );
}

/** Any other method gets a coded 405 naming the ones this route takes. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
