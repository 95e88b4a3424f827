// Builds the service worker (worker/service-worker.ts) into
// .next/kordon/sw.js, after `next build`, with the list of the build's static
// files to precache. Their names carry content hashes, so they need no
// revision and precaching them reuses what the browser already downloaded.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export const SERVICE_WORKER_FILE = join('.next', 'kordon', 'sw.js');
const STATIC_DIR = join('.next', 'static');
/** Files from public/ the pages use, versioned by their content. */
const PUBLIC_FILES = ['favicon.svg', 'icons/icon-192.png', 'icons/icon-512.png'];

async function filesUnder(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

const toUrl = (path) => `/${path.split(sep).join('/')}`;

// Turbopack's worker bootstrap reads its chunk list from its own address's #fragment, which a response from the
// precache does not carry: the worker that makes a device's proof must come from the network (it needs it anyway).
const WORKER_BOOTSTRAP = /\/turbopack-worker-[^/]*\.js$/;
const staticEntries = (await filesUnder(STATIC_DIR))
  .sort()
  .map((file) => ({ url: `/_next/static${toUrl(relative(STATIC_DIR, file))}`, revision: null }))
  .filter((entry) => !WORKER_BOOTSTRAP.test(entry.url))
  // A source map is for a developer's tools, which fetch it themselves: not a byte of a phone's first visit.
  .filter((entry) => !entry.url.endsWith('.map'));
const publicEntries = await Promise.all(
  PUBLIC_FILES.map(async (file) => ({
    url: `/${file}`,
    revision: createHash('sha256').update(await readFile(join('public', file))).digest('hex').slice(0, 16),
  })),
);
const manifest = [...staticEntries, ...publicEntries];

await build({
  entryPoints: ['worker/service-worker.ts'],
  outfile: SERVICE_WORKER_FILE,
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'self.__SW_MANIFEST': JSON.stringify(manifest), 'process.env.NODE_ENV': '"production"' },
});
console.log(`Service worker: ${SERVICE_WORKER_FILE}, ${manifest.length} files precached`);
