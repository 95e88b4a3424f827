// Kordon exactly as `npm start` runs it, plus an IPC channel through which a
// benchmark asks for the process's memory (after a full GC) and CPU time.
// Run with --expose-gc by bench/fanout.ts and bench/ingest.ts.
import { startApp } from '../../server/app';
import { parseConfig } from '../../server/config';
import { createLogger } from '../../server/logger';

const config = parseConfig(process.env);
const app = await startApp(config, createLogger(config));

process.on('message', (message: { type: string }) => {
  if (message.type !== 'stats') return;
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  process.send?.({ type: 'stats', heapUsed: memory.heapUsed, rss: memory.rss, external: memory.external, cpu: process.cpuUsage() });
});
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
