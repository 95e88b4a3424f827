import { PEER_ADDRESS_HEADER, otherMethods, readJsonBody, readProofHeader, respond } from '../../../_lib/http';
import { getServices } from '../../../_lib/services';

export const dynamic = 'force-dynamic';

/**
 * Body `{ subscription, language, watches }`: this browser's subscription and its whole watch list, replacing what was
 * stored; `X-Device-Proof`, a proof of work, buys a new subscription past the address's allowance.
 */
export async function PUT(request: Request): Promise<Response> {
  const proof = readProofHeader(request.headers.get('x-device-proof'));
  return respond(async () => getServices().push.save(await readJsonBody(request), request.headers.get(PEER_ADDRESS_HEADER) ?? 'unknown', proof));
}

/** Body `{ endpoint }`: the browser unsubscribed, or erased Kordon; the subscription and its watches go. */
export async function DELETE(request: Request): Promise<Response> {
  return respond(async () => getServices().push.remove(await readJsonBody(request)));
}

export const { GET, POST, PATCH, OPTIONS } = otherMethods('PUT', 'DELETE');
