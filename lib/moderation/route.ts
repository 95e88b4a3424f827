// The frame of every moderation route handler: the token first, then the work.
import { respond } from '../http';
import { getServices, type Services } from '../services';
import { checkModeratorToken } from './moderator-token';

export function moderate(request: Request, work: (services: Services) => Promise<unknown>): Promise<Response> {
  return respond(async () => {
    const services = getServices();
    checkModeratorToken(request.headers.get('authorization'), services.moderation.token);
    return work(services);
  });
}
