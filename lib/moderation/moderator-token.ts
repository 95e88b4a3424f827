// Moderation endpoints answer only to the token set in MODERATOR_TOKEN.
// Without a token they say 401, with a wrong one 403, and nothing else: no
// data, and no hint whether moderation is configured at all.
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors';

const digest = (value: string) => createHash('sha256').update(value).digest();

export function checkModeratorToken(authorization: string | null, configured: string | undefined): void {
  const presented = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  if (!presented) throw new AppError('unauthorized', 'Moderation needs a token: Authorization: Bearer <token>.');
  // Compared as digests, in constant time, so the comparison leaks neither content nor length.
  if (!configured || !timingSafeEqual(digest(presented), digest(configured))) throw new AppError('forbidden', 'This token may not moderate.');
}
