// Child processes a benchmark drives over IPC: spawn one, wait for its
// `ready`, and ask it things.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PROJECT_DIR = fileURLToPath(new URL('../..', import.meta.url));

export interface Worker<Ready = unknown> {
  child: ChildProcess;
  ready: Ready;
  ask<T>(message: object, replyType: string, timeoutMs?: number): Promise<T>;
  stop(): void;
}

export function startWorker<Ready = unknown>(entry: string, nodeArgs: string[] = []): Promise<Worker<Ready>> {
  const child = fork(entry, [], { cwd: PROJECT_DIR, execArgv: [...nodeArgs, '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = <T>(message: object, replyType: string, timeoutMs = 600_000) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${entry} did not answer ${JSON.stringify(message)} within ${timeoutMs} ms`)), timeoutMs);
      const listener = (reply: { type: string }) => {
        if (reply.type !== replyType) return;
        clearTimeout(timer);
        child.off('message', listener);
        resolve(reply as T);
      };
      child.on('message', listener);
      child.send(message);
    });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code} before it was ready`)));
    child.once('message', (ready: Ready) => {
      child.removeAllListeners('exit');
      resolve({ child, ready, ask, stop: () => child.kill() });
    });
  });
}

/** Asks a process started with an IPC channel for its memory after a full GC, and its CPU time. */
export interface ProcessStats {
  heapUsed: number;
  rss: number;
  external: number;
  cpu: { user: number; system: number };
}

export function statsOf(child: ChildProcess): Promise<ProcessStats> {
  return new Promise((resolve) => {
    const listener = (message: { type: string } & ProcessStats) => {
      if (message.type !== 'stats') return;
      child.off('message', listener);
      resolve(message);
    };
    child.on('message', listener);
    child.send({ type: 'stats' });
  });
}
