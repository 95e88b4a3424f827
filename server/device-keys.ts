// Device keys are stored only as an HMAC under a server secret, so the
// database alone cannot be matched to a device found elsewhere.
import { createHmac, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client';

const SECRET_NAME = 'device-key-hmac';

export type DeviceKeyHasher = (deviceKey: string) => string;

export function makeDeviceKeyHasher(secret: string): DeviceKeyHasher {
  return (deviceKey) => createHmac('sha256', secret).update(deviceKey).digest('base64url').slice(0, 32);
}

/**
 * The configured secret, or else one generated on first start and kept in
 * the database so that every node and restart hashes a device the same way.
 */
export async function loadDeviceKeySecret(prisma: PrismaClient, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  await prisma.serverSecret.createMany({ data: [{ name: SECRET_NAME, value: randomBytes(32).toString('base64url') }], skipDuplicates: true });
  const stored = await prisma.serverSecret.findUniqueOrThrow({ where: { name: SECRET_NAME } });
  return stored.value;
}
