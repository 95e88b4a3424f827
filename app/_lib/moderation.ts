// The frame of every moderation route handler: who the token belongs to first, then the work, in their name.
import { respond } from './http';
import { getServices, type Services } from './services';

export function moderate(request: Request, work: (services: Services, moderator: string) => Promise<unknown>): Promise<Response> {
  return respond(async () => {
    const services = getServices();
    const moderator = await services.moderation.identify(request.headers.get('authorization'));
    return work(services, moderator);
  });
}
