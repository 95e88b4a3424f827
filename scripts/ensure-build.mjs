// Builds the Next.js app when there is no build yet or when a source file is
// newer than it, so `npm start` and `npm test` work straight after a clone
// and stay quick when nothing changed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['app', 'components', 'lib', 'worker', 'public', 'generated', 'next.config.ts', 'tsconfig.json', 'package-lock.json', 'scripts/build-service-worker.mjs'];
const STAMP = join('.next', 'BUILD_ID');
// Written last (scripts/build-service-worker.mjs): without it the build did not finish.
const LAST_OUTPUT = join('.next', 'kordon', 'sw.js');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

const built = existsSync(STAMP) && existsSync(LAST_OUTPUT) ? statSync(STAMP).mtimeMs : 0;
const changed = Math.max(...SOURCES.map(newestMtime));
if (built > 0 && built >= changed) process.exit(0);

console.log(built === 0 ? 'Building the web app (first start only; about a minute)…' : 'Sources changed since the last build; rebuilding…');
const result = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
