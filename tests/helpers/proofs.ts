// A device's proof of work, made as the page makes it but in Node: fetch a
// challenge from the server, try counters until the derived key matches.
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type { DeviceProof } from '../../lib/events';

export async function fetchChallenge(url: string, headers: Record<string, string> = {}): Promise<Challenge> {
  const response = await fetch(`${url}/api/proof-challenge`, { headers });
  if (response.status !== 200) throw new Error(`challenge: ${response.status} ${await response.text()}`);
  return (await response.json()) as Challenge;
}

export async function solve(challenge: Challenge): Promise<DeviceProof> {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('no solution found');
  return { challenge, solution: { counter: solution.counter, derivedKey: solution.derivedKey } };
}

export const makeProof = async (url: string, headers?: Record<string, string>) => solve(await fetchChallenge(url, headers));

/** The proof as the `X-Device-Proof` header carries it. */
export const proofHeader = (proof: DeviceProof) => Buffer.from(JSON.stringify(proof)).toString('base64url');
