// Device keys are stored only as an HMAC under a server secret, so the
// database alone cannot be matched to a device found elsewhere. The secret is
// therefore never kept in the database: it comes from DEVICE_KEY_SECRET, or,
// for a single node, from a file beside the data (0600) made on first start.
import { createHmac, randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PrismaClient } from '../generated/prisma/client';

/** Where versions before kept the generated secret: moved out on the first start that sees it. */
const LEGACY_SECRET_NAME = 'device-key-hmac';

export type DeviceKeyHasher = (deviceKey: string) => string;

export function makeDeviceKeyHasher(secret: string): DeviceKeyHasher {
  return (deviceKey) => createHmac('sha256', secret).update(deviceKey).digest('base64url').slice(0, 32);
}

export type SecretSource = 'environment' | 'file' | 'created' | 'moved from the database';

/** Writes `value` to a new file only this user can read; false if the file exists already. */
async function createSecretFile(file: string, value: string): Promise<boolean> {
  await mkdir(dirname(file), { recursive: true });
  try {
    // 'wx': of several processes starting together, one creates it and the rest read it.
    const handle = await open(file, 'wx', 0o600);
    try {
      await handle.writeFile(`${value}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function readSecretFile(file: string): Promise<string | null> {
  try {
    const value = (await readFile(file, 'utf8')).trim();
    // Whatever else could read it, only this user may from now on.
    await chmod(file, 0o600);
    return value.length >= 32 ? value : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * The configured secret; else the one in `file`; else the one an earlier version generated into the
 * database, moved into `file` and deleted there (so every stored hash still matches); else a new one.
 * Whichever it is, the database holds no secret afterwards.
 */
export async function loadDeviceKeySecret(prisma: PrismaClient, options: { configured: string | undefined; file: string }): Promise<{ secret: string; source: SecretSource }> {
  const legacy = await prisma.serverSecret.findUnique({ where: { name: LEGACY_SECRET_NAME } });
  let found: { secret: string; source: SecretSource };
  if (options.configured) found = { secret: options.configured, source: 'environment' };
  else {
    const inFile = await readSecretFile(options.file);
    if (inFile) found = { secret: inFile, source: 'file' };
    else {
      const value = legacy?.value ?? randomBytes(32).toString('base64url');
      // Lost a race to create it: the winner's is the one.
      const created = await createSecretFile(options.file, value);
      found = created ? { secret: value, source: legacy ? 'moved from the database' : 'created' } : { secret: (await readSecretFile(options.file))!, source: 'file' };
    }
  }
  if (legacy) await prisma.serverSecret.deleteMany({ where: { name: LEGACY_SECRET_NAME } });
  return found;
}
