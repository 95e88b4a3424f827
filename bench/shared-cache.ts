// What a cache in front absorbs: `GET /api/checkpoints` (and one checkpoint's detail) read by many at once,
// straight from one node and through nginx with deploy/nginx.conf's cache settings, on the same node. Prints and
// writes reads a second, latency, and how many of the reads through nginx reached the node. Needs nginx
// (Debian's `nginx` package); without it only the node is measured.
// Run: npm run bench:shared-cache   (writes bench/results/shared-cache.json)
// Env: BENCH_SECONDS (5), BENCH_CONCURRENCY (32); TEST_DATABASE_URL's server when set, else embedded PGlite.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createTestDatabase } from '../tests/helpers/database';
import { startServer } from '../tests/helpers/server';
import { machine, sleep, summary } from './lib/stats';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const OUT_DIR = process.env.BENCH_OUT ?? fileURLToPath(new URL('./results/', import.meta.url));
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => spawnSync(path, ['-v']).status === 0) ?? null;
const PATHS = ['/api/checkpoints', '/api/checkpoints/verkhny-lars'];

/** The cache part of deploy/nginx.conf, in front of one node, on a port of its own. */
function nginxConf(dir: string, nodePort: number, port: number): string {
  return `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events {}
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream kordon { server 127.0.0.1:${nodePort}; keepalive 16; }
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=kordon_reads:10m max_size=256m inactive=10m use_temp_path=off;
  server {
    listen 127.0.0.1:${port};
    location ~ ^/api/checkpoints(/[a-z0-9-]+)?$ {
      proxy_pass http://kordon;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_cache kordon_reads;
      proxy_cache_lock on;
      proxy_cache_use_stale updating error timeout http_500 http_502 http_503 http_504;
      proxy_cache_background_update on;
      proxy_cache_revalidate on;
      add_header X-Cache-Status $upstream_cache_status always;
    }
  }
}
`;
}

async function load(base: string) {
  const latencies: number[] = [];
  const statuses = new Map<string, number>();
  const until = performance.now() + SECONDS * 1000;
  let i = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const path = PATHS[i++ % PATHS.length]!;
        const t0 = performance.now();
        const response = await fetch(`${base}${path}`);
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        const cache = response.headers.get('x-cache-status') ?? 'node';
        statuses.set(cache, (statuses.get(cache) ?? 0) + 1);
      }
    }),
  );
  const reachedNode = [...statuses].filter(([status]) => status !== 'HIT' && status !== 'STALE' && status !== 'UPDATING' && status !== 'REVALIDATED').reduce((sum, [, n]) => sum + n, 0);
  return { perSecond: Math.round(latencies.length / SECONDS), ms: summary(latencies), byCacheStatus: Object.fromEntries(statuses), reachedNode };
}

const database = await createTestDatabase();
let server: Awaited<ReturnType<typeof startServer>> | undefined;
let nginx: ChildProcess | undefined;
const dir = mkdtempSync(join(tmpdir(), 'kordon-nginx-'));
// nginx's workers run as an unprivileged user when started as root: they must be able to write the cache.
chmodSync(dir, 0o777);
try {
  server = await startServer(database.env);
  const direct = await load(server.url);
  console.log(`node alone: ${direct.perSecond} reads/s, p50 ${direct.ms.p50} ms, p99 ${direct.ms.p99} ms (${CONCURRENCY} readers, ${PATHS.join(' and ')})`);
  let cached: Awaited<ReturnType<typeof load>> | null = null;
  if (NGINX) {
    const port = 18080 + Math.floor(Math.random() * 1000);
    writeFileSync(join(dir, 'nginx.conf'), nginxConf(dir, server.port, port));
    nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
    for (let tries = 0; tries < 50; tries += 1) {
      if (await fetch(`http://127.0.0.1:${port}/api/checkpoints`).then((r) => r.ok, () => false)) break;
      await sleep(100);
    }
    cached = await load(`http://127.0.0.1:${port}`);
    const share = Math.round((1000 * cached.reachedNode) / Math.max(1, cached.ms.count)) / 10;
    console.log(`through nginx's cache: ${cached.perSecond} reads/s, p50 ${cached.ms.p50} ms, p99 ${cached.ms.p99} ms; ${cached.reachedNode} of ${cached.ms.count} reads reached the node (${share} %): ${JSON.stringify(cached.byCacheStatus)}`);
  } else console.log('nginx not found (apt-get install nginx): measured the node alone');
  mkdirSync(OUT_DIR, { recursive: true });
  const out = join(OUT_DIR, 'shared-cache.json');
  writeFileSync(out, `${JSON.stringify({ ranAt: new Date().toISOString(), machine: machine(), database: database.kind, seconds: SECONDS, concurrency: CONCURRENCY, paths: PATHS, direct, nginx: cached }, null, 2)}\n`);
  console.log(`wrote ${out}`);
} finally {
  nginx?.kill('SIGQUIT');
  await server?.stop();
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
}
