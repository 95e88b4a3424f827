// What a device's proof of work costs: a machine minting voices, and a phone
// making its one proof. Measures PBKDF2-SHA-256 on one core of this machine
// with Node's OpenSSL (the cheapest way an attacker has to try counters: the
// same KDF, native, no page), then the proof the page really makes in
// Debian's Chromium (Web Crypto in workers, the page's own code, against a
// running Kordon with the default PROOF_COST and PROOF_TRIES), and turns both
// into seconds per voice, 500 voices, and a phone's estimate.
// Run: npm run bench:proof   (writes bench/results/proof-cost.json)
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { parseConfig } from '../server/config';
import { launchBrowser, PHONE } from '../tests/helpers/browser';
import { createTestDatabase } from '../tests/helpers/database';
import { processCpuMs } from './lib/stats';
import { fetchChallenge } from '../tests/helpers/proofs';
import { startServer } from '../tests/helpers/server';

const OUT_DIR = process.env.BENCH_OUT ?? fileURLToPath(new URL('./results/', import.meta.url));
const defaults = parseConfig({});
const COST = defaults.PROOF_COST;
/** The deployment's default; a smoke run asks for fewer. */
const TRIES = Number(process.env.BENCH_PROOF_TRIES ?? defaults.PROOF_TRIES);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** Requests timed for the server's cost of a challenge and of an ordinary request (a smoke run asks for fewer). */
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 800);
/**
 * A phone's PBKDF2-SHA-256 through Web Crypto, iterations a second on one core: about 600,000 in about 2 s on "a
 * modern device" (stelgano.com, 2026, for its OWASP-recommended key derivation), so 0.3 M/s; big cores of a recent
 * mid-range phone do more. The page runs up to four workers (navigator.hardwareConcurrency).
 */
const PHONE_ITERATIONS_PER_SECOND = 300_000;
const PHONE_WORKERS = 4;

function nativeRate(): number {
  const salt = randomBytes(16);
  const calls = Math.max(50, Math.round(4_000_000 / COST));
  const start = performance.now();
  for (let i = 0; i < calls; i += 1) pbkdf2Sync(randomBytes(20), salt, COST, 32, 'sha256');
  return (calls * COST) / ((performance.now() - start) / 1000);
}

/** The server's CPU a request to `path` costs, averaged over many (4 at a time, as a few clients would). */
async function serverMsPerRequest(url: string, pid: number, path: string, requests = REQUESTS): Promise<number> {
  const before = processCpuMs(pid);
  for (let i = 0; i < requests; i += 4) {
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        const response = await fetch(`${url}${path}`);
        if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
        await response.arrayBuffer();
      }),
    );
  }
  return (processCpuMs(pid) - before) / requests;
}

async function main() {
  // 1. The attacker: one core, native code, best of three.
  const rates = Array.from({ length: RUNS }, nativeRate);
  const rate = Math.max(...rates);
  const meanIterations = COST * TRIES;
  const attackerSecondsPerVoice = meanIterations / rate;

  const database = await createTestDatabase();
  const server = await startServer({ ...database.env, PROOF_COST: String(COST), PROOF_TRIES: String(TRIES) });
  const browser = await launchBrowser();
  try {
    // 2. Altcha's own solver in Node, on real challenges (one core, as the attacker would start).
    const solved: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const challenge = await fetchChallenge(server.url);
      const start = performance.now();
      await solveChallenge({ challenge, deriveKey });
      solved.push((performance.now() - start) / 1000);
    }
    // 2b. What a challenge costs the server (one try of the work, derived to sign the key) beside an ordinary request:
    // the reason challenges are not capped per address (docs/operations.md).
    const pid = server.process.pid!;
    await serverMsPerRequest(server.url, pid, '/api/health', 40); // warm up both routes
    await serverMsPerRequest(server.url, pid, '/api/proof-challenge', 40);
    const healthMs = await serverMsPerRequest(server.url, pid, '/api/health');
    const challengeMs = await serverMsPerRequest(server.url, pid, '/api/proof-challenge');
    // 3. The page, as a person opens it: its proof in workers, timed from the challenge's request to the stored proof.
    const chromium: { seconds: number; counter: number }[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const context = await browser.newContext({ ...PHONE, baseURL: server.url, locale: 'ru-RU' });
      const page = await context.newPage();
      let askedAt = 0;
      page.on('request', (request) => {
        if (request.url().endsWith('/api/proof-challenge')) askedAt = Date.now();
      });
      await page.goto('/');
      const proof = await page.waitForFunction(() => localStorage.getItem('kordon.proof.v1'), undefined, { timeout: 120_000, polling: 50 });
      const seconds = (Date.now() - askedAt) / 1000;
      const counter = (JSON.parse((await proof.jsonValue()) as string) as { solution: { counter: number } }).solution.counter;
      chromium.push({ seconds, counter });
      await context.close();
    }
    const chromiumIterationsPerSecond = chromium.map((run) => (run.counter * COST) / run.seconds);
    const phoneSeconds = meanIterations / (PHONE_ITERATIONS_PER_SECOND * PHONE_WORKERS);
    const result = {
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? 'unknown', node: process.version },
      settings: { PROOF_COST: COST, PROOF_TRIES: TRIES, meanIterations },
      attacker: {
        iterationsPerSecondOneCore: Math.round(rate),
        secondsPerVoice: +attackerSecondsPerVoice.toFixed(2),
        minutesFor500Voices: +((500 * attackerSecondsPerVoice) / 60).toFixed(1),
        voicesPerCoreHour: Math.round(3600 / attackerSecondsPerVoice),
        altchaSolverInNodeSeconds: solved.map((s) => +s.toFixed(2)),
      },
      chromiumHere: {
        workers: Math.min(4, os.cpus().length),
        seconds: chromium.map((run) => +run.seconds.toFixed(2)),
        iterationsPerSecond: chromiumIterationsPerSecond.map(Math.round),
      },
      server: { cpuMsPerHealthRequest: +healthMs.toFixed(2), cpuMsPerChallenge: +challengeMs.toFixed(2), tryMs: +((COST / rate) * 1000).toFixed(2) },
      phoneEstimate: { iterationsPerSecondPerCore: PHONE_ITERATIONS_PER_SECOND, workers: PHONE_WORKERS, seconds: +phoneSeconds.toFixed(1) },
    };
    console.log(`proof of work: PBKDF2-SHA-256, ${COST} iterations a try, ${TRIES} tries on average (${(meanIterations / 1e6).toFixed(1)} M iterations)`);
    console.log(`one core here, native (Node/OpenSSL): ${(rate / 1e6).toFixed(2)} M iterations/s → ${attackerSecondsPerVoice.toFixed(2)} s a voice, ${result.attacker.minutesFor500Voices} min for 500, ${result.attacker.voicesPerCoreHour} voices a core-hour`);
    console.log(`ALTCHA's solver in Node on real challenges: ${result.attacker.altchaSolverInNodeSeconds.join(', ')} s`);
    console.log(`the page in Chromium here (${result.chromiumHere.workers} workers): ${result.chromiumHere.seconds.join(', ')} s (${result.chromiumHere.iterationsPerSecond.map((r) => (r / 1e6).toFixed(2)).join(', ')} M iterations/s)`);
    console.log(`the server: a challenge ${result.server.cpuMsPerChallenge} ms of CPU, /api/health ${result.server.cpuMsPerHealthRequest} ms (one try alone: ${result.server.tryMs} ms)`);
    console.log(`a mid-range phone (estimate, ${PHONE_WORKERS} workers at ${PHONE_ITERATIONS_PER_SECOND / 1e6} M/s each): ${result.phoneEstimate.seconds} s`);
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(join(OUT_DIR, 'proof-cost.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`wrote ${join(OUT_DIR, 'proof-cost.json')}`);
  } finally {
    await browser.close();
    await server.stop();
    await database.drop();
  }
}

await main();
