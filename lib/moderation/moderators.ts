// Who may moderate: each moderator has a token of their own, kept by the
// server only as a SHA-256 hash, one per line of a file beside the data
// ("name<TAB>sha256:<hex>"), so that tokens can be added and revoked while the
// server runs, even on the embedded database, and the audit log names who acted.
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors';

export interface Moderator {
  name: string;
  /** `sha256:<hex>` of the token. */
  tokenHash: string;
}

/** A moderator's name as the audit log shows it: letters, digits, spaces, dots, hyphens, underscores. */
export const MODERATOR_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,39}$/u;
const LINE = /^(.+)\tsha256:([0-9a-f]{64})$/;

export const hashToken = (token: string) => `sha256:${createHash('sha256').update(token).digest('hex')}`;

/** The file's moderators; lines that are blank, comments (#) or malformed are skipped. */
export function parseModerators(text: string): Moderator[] {
  return text.split('\n').flatMap((line) => {
    const match = LINE.exec(line.trim());
    if (!match || !MODERATOR_NAME.test(match[1]!)) return [];
    return [{ name: match[1]!, tokenHash: `sha256:${match[2]!}` }];
  });
}

export function formatModerators(moderators: readonly Moderator[]): string {
  return `# Kordon's moderators: name<TAB>sha256 of their token (npm run moderators -- add|revoke|list)\n${moderators.map((m) => `${m.name}\t${m.tokenHash}`).join('\n')}\n`;
}

/**
 * The moderator an `Authorization: Bearer <token>` belongs to. No token is 401, an unknown one 403, and
 * neither says whether any moderator exists. Every entry is compared, in constant time, so the time taken
 * says nothing of which one matched.
 */
export function identifyModerator(authorization: string | null, moderators: readonly Moderator[]): string {
  const presented = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  if (!presented) throw new AppError('unauthorized', 'Moderation needs a token: Authorization: Bearer <token>.');
  const hash = Buffer.from(hashToken(presented));
  let found: string | null = null;
  for (const moderator of moderators) {
    const candidate = Buffer.from(moderator.tokenHash);
    if (candidate.length === hash.length && timingSafeEqual(candidate, hash) && found === null) found = moderator.name;
  }
  if (found === null) throw new AppError('forbidden', 'This token may not moderate.');
  return found;
}
