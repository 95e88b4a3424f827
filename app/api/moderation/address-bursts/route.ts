import { otherMethods } from '../../../_lib/http';
import { moderate } from '../../../_lib/moderation';

export const dynamic = 'force-dynamic';

/** Addresses (a prefix of their keyed hash) from which many new devices reported in the last hour, the most first. */
export async function GET(request: Request): Promise<Response> {
  return moderate(request, async ({ moderation }) => ({ bursts: await moderation.addressBursts() }));
}

/** Any other method gets a coded 405 naming the ones this route takes. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
