// Starts the real Kordon process (server/main.ts) on a free port and waits
// for its start-up line, exactly as `npm start` would run it.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PROJECT_DIR = fileURLToPath(new URL('../..', import.meta.url));
const READY = 'Kordon listening on ';

export interface LogLine {
  level?: number;
  msg?: string;
  [key: string]: unknown;
}

export interface RunningServer {
  url: string;
  port: number;
  process: ChildProcess;
  /** Every stdout line, parsed when it is JSON. */
  logs: LogLine[];
  ready: LogLine;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

export interface Exited {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** How to run the process: benchmarks use an entry with an IPC channel and extra Node flags. */
export interface SpawnOptions {
  /** Default `server/main.ts`. */
  entry?: string;
  nodeArgs?: string[];
  ipc?: boolean;
  /** Start it the README's way, `npm start`, instead of the entry directly. */
  npmStart?: boolean;
  /** Run it under `ulimit -n` of this many file descriptors. */
  fdLimit?: number;
}

function spawnKordon(env: Record<string, string>, options: SpawnOptions = {}): ChildProcess {
  const inherited = { ...process.env };
  // The test decides which database the server uses, never the outer shell.
  delete inherited.DATABASE_URL;
  delete inherited.DATA_DIR;
  delete inherited.REDIS_URL;
  let [command, args] = options.npmStart
    ? ['npm', ['start', '--silent']]
    : [process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', options.entry ?? 'server/main.ts']];
  if (options.fdLimit !== undefined) {
    // The shell lowers its own limit and becomes the process, so the server inherits it.
    args = ['-c', `ulimit -n ${options.fdLimit} && exec "$0" "$@"`, command, ...args];
    command = 'sh';
  }
  return spawn(command, args, {
    cwd: PROJECT_DIR,
    // Every test client comes from one loopback address (a benchmark's from a few): the caps on new devices and push
    // subscriptions per address would refuse most of them, and a benchmark's client sends more a connection than a page. The tests of those caps set them themselves. A proof
    // of work is real but small (a few hundred ms of a page's CPU would slow every browser test).
    env: {
      ...inherited, NODE_ENV: 'production', PORT: '0', LOG_LEVEL: 'info', NEXT_TELEMETRY_DISABLED: '1',
      PUSH_SUBSCRIPTIONS_PER_ADDRESS: '1000000', REPORT_UNPROVEN_DEVICES_PER_ADDRESS: '1000000',
      REQUESTS_PER_CONNECTION: '1000000',
      PROOF_COST: '100', PROOF_TRIES: '40', ...env,
    },
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
}

function parseLine(line: string): LogLine {
  try {
    return JSON.parse(line) as LogLine;
  } catch {
    return { msg: line };
  }
}

export function startServer(env: Record<string, string>, timeoutMs = 60_000, options: SpawnOptions = {}): Promise<RunningServer> {
  const child = spawnKordon(env, options);
  const logs: LogLine[] = [];
  let stderr = '';
  let buffered = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready\n${JSON.stringify(logs)}\n${stderr}`));
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines.filter(Boolean)) {
        const parsed = parseLine(line);
        logs.push(parsed);
        if (parsed.msg?.startsWith(READY)) {
          clearTimeout(timer);
          child.removeAllListeners('exit');
          const port = Number(parsed.port);
          resolve({ url: `http://127.0.0.1:${port}`, port, process: child, logs, ready: parsed, stop: (signal) => stopServer(child, signal) });
        }
      }
    });
  });
}

function stopServer(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  const started = Date.now();
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode, ms: 0 });
      return;
    }
    child.once('exit', (code, exitSignal) => resolve({ code, signal: exitSignal, ms: Date.now() - started }));
    child.kill(signal);
  });
}

/** Runs the server expecting it to exit on its own (a start-up failure). */
export function runToExit(env: Record<string, string>, timeoutMs = 60_000): Promise<Exited> {
  const child = spawnKordon(env);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not exit within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
