import { getCheckpoint } from '../../../../lib/checkpoints';
import { respond } from '../../../../lib/http';
import { getServices } from '../../../../lib/services';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return respond(async () => ({ checkpoint: await getCheckpoint({ prisma: getServices().prisma, id }) }));
}
