import { otherMethods, respond } from '../../_lib/http';
import { getServices } from '../../_lib/services';

export const dynamic = 'force-dynamic';

/** A new proof-of-work challenge: the page solves it in the background and spends it on its first report. */
export function GET(): Promise<Response> {
  return respond(() => getServices().proofChallenge());
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
