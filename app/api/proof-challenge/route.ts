import { PEER_ADDRESS_HEADER, otherMethods, respond } from '../../_lib/http';
import { getServices } from '../../_lib/services';

export const dynamic = 'force-dynamic';

/** A new proof-of-work challenge: the page solves it in the background and spends it on its first report. */
export function GET(request: Request): Promise<Response> {
  return respond(() => getServices().proofChallenge(request.headers.get(PEER_ADDRESS_HEADER) ?? 'unknown'));
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
