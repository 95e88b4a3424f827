// Adds, revokes and lists Kordon's moderators in MODERATORS_FILE (default
// DATA_DIR/moderators): a new moderator's token is printed once and stored
// only as its hash. The running server reads the file again when it changes.
//   npm run moderators -- add "Anna K"     prints Anna K's new token
//   npm run moderators -- revoke "Anna K"
//   npm run moderators -- list
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { formatModerators, hashToken, MODERATOR_NAME, parseModerators } from '../lib/moderation/moderators';

const file = process.env.MODERATORS_FILE || join(process.env.DATA_DIR || './data', 'moderators');
const [command, name] = process.argv.slice(2);

async function read() {
  try {
    return parseModerators(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function write(moderators: ReturnType<typeof parseModerators>) {
  await mkdir(dirname(file), { recursive: true });
  // Whole or not at all: the server never reads half a file.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, formatModerators(moderators), { mode: 0o600 });
  await rename(temporary, file);
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const moderators = await read();
if (command === 'list') {
  console.log(moderators.length === 0 ? `no moderators in ${file}` : moderators.map((m) => m.name).join('\n'));
} else if (command === 'add') {
  if (!name || !MODERATOR_NAME.test(name)) fail('usage: npm run moderators -- add <name>   (1–40 letters, digits, spaces, . _ -)');
  if (moderators.some((m) => m.name === name)) fail(`${name} is a moderator already; revoke first to give a new token`);
  const token = randomBytes(32).toString('base64url');
  await write([...moderators, { name, tokenHash: hashToken(token) }]);
  console.log(`${name} may moderate with this token (shown once, kept only as a hash in ${file}):\n${token}`);
} else if (command === 'revoke') {
  if (!name || !moderators.some((m) => m.name === name)) fail(`no moderator named ${name ?? '(none given)'} in ${file}`);
  await write(moderators.filter((m) => m.name !== name));
  console.log(`${name} may no longer moderate`);
} else {
  fail('usage: npm run moderators -- add <name> | revoke <name> | list');
}
