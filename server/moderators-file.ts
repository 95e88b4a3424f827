// The moderators the server answers to: MODERATOR_TOKEN (named after the
// variable) and those in MODERATORS_FILE, read again whenever the file
// changes, so that `npm run moderators -- add|revoke` takes effect at once.
import { stat, readFile } from 'node:fs/promises';
import { hashToken, identifyModerator, parseModerators, type Moderator } from '../lib/moderation/moderators';

export function createModeratorDirectory(options: { file: string; envToken: string | undefined }) {
  const fromEnv: Moderator[] = options.envToken ? [{ name: 'MODERATOR_TOKEN', tokenHash: hashToken(options.envToken) }] : [];
  let cached: { mtimeMs: number; size: number; moderators: Moderator[] } | null = null;

  async function fromFile(): Promise<Moderator[]> {
    try {
      const { mtimeMs, size } = await stat(options.file);
      if (!cached || cached.mtimeMs !== mtimeMs || cached.size !== size) {
        cached = { mtimeMs, size, moderators: parseModerators(await readFile(options.file, 'utf8')) };
      }
      return cached.moderators;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  return {
    async identify(authorization: string | null): Promise<string> {
      return identifyModerator(authorization, [...fromEnv, ...(await fromFile())]);
    },
  };
}
