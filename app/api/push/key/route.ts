import { otherMethods, respond } from '../../../_lib/http';
import { getServices } from '../../../_lib/services';

export const dynamic = 'force-dynamic';

/** The VAPID public key the page subscribes to push with. */
export function GET(): Promise<Response> {
  return respond(async () => ({ publicKey: getServices().push.publicKey }));
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
