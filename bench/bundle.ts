// What the browser's JavaScript is made of: for `/` and `/checkpoints/<id>`,
// the scripts a page loads at once (from the real build's route stats,
// gzip-compressed as sent) and, from Next.js's bundle analyzer, which
// packages and files fill them and what comes only later (the map, the
// checkpoint panel, the watch list).
// Run: npm run bench:bundle   (builds first when needed; writes bench/results/bundle.json)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT_DIR = process.env.BENCH_OUT ?? fileURLToPath(new URL('./results/', import.meta.url));
const ROUTES = ['/', '/checkpoints/[id]'];
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const next = (...args: string[]) => execFileSync(join(ROOT, 'node_modules/.bin/next'), args, { cwd: ROOT, env, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

execFileSync('node', ['scripts/ensure-build.mjs'], { cwd: ROOT, stdio: 'inherit' });

// The scripts each route's HTML names, as the real build wrote them.
const stats = JSON.parse(readFileSync(join(ROOT, '.next/diagnostics/route-bundle-stats.json'), 'utf8')) as { route: string; firstLoadChunkPaths: string[] }[];
const initial = Object.fromEntries(
  ROUTES.map((route) => {
    const paths = stats.find((s) => s.route === route)?.firstLoadChunkPaths ?? [];
    const sizes = paths.map((path) => {
      const body = readFileSync(join(ROOT, path));
      return { file: path.split('/').pop()!, bytes: body.length, gzip: gzipSync(body).length };
    });
    return [route, { gzipKB: kb(sizes.reduce((sum, s) => sum + s.gzip, 0)), unpackedKB: kb(sizes.reduce((sum, s) => sum + s.bytes, 0)), files: sizes }];
  }),
);

// What fills them: the analyzer's module graph (its own build; chunk names differ, contents do not).
next('analyze', '--output');
interface Group { type: 'group'; kind: string; trigger_module_ident: string; outputs: string[] }
interface Part { type: 'part'; filename: string; source_path: string; size: number; compressed_size: number }
const chunkOf = (path: string) => path.split('static/chunks/').pop()!;
/** A package (React's as Next.js bundles them), or a file of Kordon's own. */
const ownerOf = (source: string) => {
  const path = source.replace('[project]/', '');
  if (path.includes('polyfill-nomodule')) return 'next: polyfills for browsers without modules (a nomodule script: current browsers skip it)';
  const compiled = /next\/dist\/compiled\/((@[^/]+\/)?[^/]+)/.exec(path)?.[1];
  if (compiled) return `${compiled} (bundled with next)`;
  return /node_modules\/((@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path;
};
const analysis = Object.fromEntries(
  ROUTES.map((route) => {
    const records = next('analyze', 'export', '--route', route)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Group | Part | { type: string });
    // A chunk in any group that loads with the page is initial; one only in async groups comes later, named for what pulls it in.
    const when = new Map<string, string>();
    for (const record of records) {
      if (record.type !== 'group') continue;
      const group = record as Group;
      const label = group.kind === 'async' ? `later: ${group.trigger_module_ident.split(' ')[0]!.split('/').pop()}` : 'initial';
      for (const output of group.outputs) {
        const chunk = chunkOf(output);
        if (!chunk.endsWith('.js')) continue;
        if (!when.has(chunk) || label === 'initial') when.set(chunk, label);
      }
    }
    const totals = new Map<string, { unpacked: number; alone: number }>();
    for (const record of records) {
      if (record.type !== 'part') continue;
      const part = record as Part;
      const chunk = chunkOf(part.filename);
      if (!part.filename.includes('static/chunks/') || !chunk.endsWith('.js')) continue;
      const key = `${when.get(chunk) ?? 'initial'}\t${ownerOf(part.source_path)}`;
      const total = totals.get(key) ?? { unpacked: 0, alone: 0 };
      total.unpacked += part.size;
      total.alone += part.compressed_size;
      totals.set(key, total);
    }
    const rows = [...totals]
      .map(([key, total]) => {
        const [loads, owner] = key.split('\t') as [string, string];
        return { loads, owner, unpackedKB: kb(total.unpacked), compressedAloneKB: kb(total.alone) };
      })
      .sort((a, b) => b.compressedAloneKB - a.compressedAloneKB);
    return [route, rows];
  }),
);

for (const route of ROUTES) {
  const first = initial[route]!;
  console.log(`${route}: scripts loaded at once ${first.gzipKB} KB gzip (${first.unpackedKB} KB unpacked, ${first.files.length} files)`);
  const rows = analysis[route]!;
  const byLoad = new Map<string, number>();
  for (const row of rows) byLoad.set(row.loads, (byLoad.get(row.loads) ?? 0) + row.compressedAloneKB);
  for (const [loads, total] of byLoad) console.log(`  ${loads.padEnd(34)} ${total.toFixed(1).padStart(6)} KB (parts compressed alone)`);
  for (const row of rows.slice(0, 14)) console.log(`    ${row.compressedAloneKB.toFixed(1).padStart(6)} KB  ${row.unpackedKB.toFixed(1).padStart(6)} KB unpacked  ${row.loads.padEnd(30)} ${row.owner}`);
}
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(join(OUT_DIR, 'bundle.json'), `${JSON.stringify({ ranAt: new Date().toISOString(), initial, analysis }, null, 2)}\n`);
console.log(`wrote ${join(OUT_DIR, 'bundle.json')}`);
