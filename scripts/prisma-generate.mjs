// Runs `prisma generate` with no network. The CLI insists that a schema-engine
// binary exists, although generating the client never runs it; the binary
// itself is downloaded by a postinstall script that Kordon does not allow.
// So unless a real engine is configured, point it at an existing file.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';

const cli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
