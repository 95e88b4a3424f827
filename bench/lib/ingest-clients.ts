// The load generator of bench/ingest.ts, in a process of its own: reporter
// connections (each its own device) sending reports at a fixed rate and
// timing each acknowledgement. Driven over IPC by the parent.
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { connectWire, type WireClient } from './wire-client';

type Command =
  | { type: 'connect'; url: string; reporters: number; addresses: string[] }
  | { type: 'run'; rate: number; seconds: number; targets: { checkpointId: string; mode: string }[] }
  | { type: 'close' };

let reporters: WireClient[] = [];

async function run(command: Extract<Command, { type: 'run' }>) {
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const total = Math.round(command.rate * command.seconds);
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / command.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const target = command.targets[i % command.targets.length]!;
    const report = { id: randomUUID(), checkpointId: target.checkpointId, direction: 'out', mode: target.mode, waitMinutes: 30 + ((i * 37) % 570) };
    const sent = performance.now();
    pending.push(
      reporters[i % reporters.length]!.emitWithAck('report:create', report).then((ack) => {
        const reply = ack as { ok: boolean; error?: { code: string } };
        if (reply.ok) latencies.push(performance.now() - sent);
        else failures[reply.error!.code] = (failures[reply.error!.code] ?? 0) + 1;
      }),
    );
  }
  const sendingMs = performance.now() - started;
  await Promise.all(pending);
  return { sent: total, acked: latencies.length, latencies, failures, sendingMs, elapsedMs: performance.now() - started };
}

process.on('message', (command: Command) => {
  void (async () => {
    if (command.type === 'connect') {
      reporters = await Promise.all(
        Array.from({ length: command.reporters }, (_, i) =>
          connectWire(command.url, { localAddress: command.addresses[i % command.addresses.length], auth: { deviceKey: randomBytes(16).toString('base64url') } }),
        ),
      );
      process.send!({ type: 'connected' });
    } else if (command.type === 'run') {
      process.send!({ type: 'ran', ...(await run(command)) });
    } else {
      for (const reporter of reporters) reporter.close();
      process.send!({ type: 'closed' });
    }
  })();
});
process.send!({ type: 'ready' });
