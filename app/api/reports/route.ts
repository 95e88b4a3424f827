import { PEER_ADDRESS_HEADER, readJsonBody, readProofHeader, respond, otherMethods } from '../../_lib/http';
import type { SubmittedReport } from '../../../lib/reports/submit-report';
import { getServices } from '../../_lib/services';

export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return respond(
    async () => {
      const body = await readJsonBody(request);
      return getServices().submitReport(body, {
        deviceKey: request.headers.get('x-device-key') ?? undefined,
        voice: request.headers.get('x-device-voice') ?? undefined,
        proof: readProofHeader(request.headers.get('x-device-proof')),
        address: request.headers.get(PEER_ADDRESS_HEADER) ?? 'unknown',
      });
    },
    { status: (body) => ((body as SubmittedReport).duplicate ? 200 : 201) },
  );
}

/** Any other method gets a coded 405 naming the ones this route takes. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
