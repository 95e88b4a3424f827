// A new device's voice costs a proof of work, not an address: a crowd of
// phones behind one carrier address all report once each has proved its work;
// a machine rotating device keys without working is held to a few; a proof
// buys one device and no more, and the voice token it earns costs nothing to
// check afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportCreated } from '../../lib/events';
import { aReport, connect, newDeviceKey, type ReportingClient } from '../helpers/clients';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { fetchChallenge, makeProof, proofHeader, solve } from '../helpers/proofs';
import { startServer, type RunningServer } from '../helpers/server';
import type { DeviceProof } from '../../lib/events';

let database: TestDatabase;
let server: RunningServer;
const TRIES = 40;

beforeAll(async () => {
  database = await createTestDatabase();
  // The defaults a deployment has, but a small proof (its cost is measured by bench/proof-cost.ts). REPORT_DEVICES_PER_ADDRESS
  // capped new devices with a proof per address before; a deployment may still set it, and it is no longer read.
  server = await startServer({ ...database.env, REPORT_DEVICES_PER_ADDRESS: '300', REPORT_UNPROVEN_DEVICES_PER_ADDRESS: '10', REPORT_LIMIT_PER_ADDRESS: '1000', PROOF_TRIES: String(TRIES), TRUST_PROXY: 'loopback' });
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

// Each story comes from a carrier address of its own (the loopback proxy is trusted to say which).
const from = (address: string) => ({ 'x-forwarded-for': address });
const CROWD = from('203.0.113.1');
const MACHINE = from('203.0.113.2');
const PHONE = from('203.0.113.3');

const post = (deviceKey: string, headers: Record<string, string>, report = aReport({ checkpointId: 'verkhny-lars' })) =>
  fetch(`${server.url}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-device-key': deviceKey, ...headers }, body: JSON.stringify(report) });
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; fields?: { path: string; message: string }[]; limit?: string } }).error;
/** Phones from one address, each with its own proof and a new device key, ten at a time as at a post: their statuses. */
async function reportWithProofs(count: number, headers: Record<string, string>): Promise<number[]> {
  const proofs = await Promise.all(Array.from({ length: count }, () => makeProof(server.url, headers)));
  const statuses: number[] = [];
  for (let i = 0; i < proofs.length; i += 10) {
    const batch = await Promise.all(proofs.slice(i, i + 10).map((proof) => post(newDeviceKey(), { ...headers, 'x-device-proof': proofHeader(proof) })));
    statuses.push(...batch.map((response) => response.status));
  }
  return statuses;
}
const storedReports = async () => Number((await database.query<{ count: string }>(`SELECT count(*)::text AS count FROM "Report"`))[0]!.count);

describe('a crowd behind one carrier address', () => {
  it('300 phones, each with its own proof, all report within ten minutes and are stored', async () => {
    const before = await storedReports();
    const statuses = await reportWithProofs(300, CROWD);
    expect(statuses.filter((status) => status === 201)).toHaveLength(300);
    expect((await storedReports()) - before).toBe(300);
  });
});

describe('a machine with many cores behind the crowd\'s address', () => {
  it('cannot keep the newcomers there out: past 300 new devices with proofs in ten minutes, the next phone is heard', async () => {
    const SHARED = from('203.0.113.4');
    // About 19 minutes of one core at the default cost: a machine with two cores keeps this up for ever. Counted per
    // address, these would fill what the address may bring, and every new phone behind it would wait.
    const statuses = await reportWithProofs(310, SHARED);
    expect(statuses.filter((status) => status === 201)).toHaveLength(310);
    // A person there, whose phone made its proof while they read.
    const newcomer = await makeProof(server.url, SHARED);
    expect((await post(newDeviceKey(), { ...SHARED, 'x-device-proof': proofHeader(newcomer) })).status).toBe(201);
  });
});

describe('one machine rotating device keys', () => {
  it('without proofs: ten keys are heard, the other forty refused as needing a proof, with the field and a time', async () => {
    const responses = [];
    for (let i = 0; i < 50; i += 1) responses.push(await post(newDeviceKey(), MACHINE));
    expect(responses.filter((response) => response.status === 201)).toHaveLength(10);
    const refused = responses.filter((response) => response.status !== 201);
    expect(refused.map((response) => response.status)).toEqual(Array(40).fill(403));
    const error = await errorOf(refused[0]!);
    expect(error).toMatchObject({ code: 'proof_required', limit: 'unproven_devices', fields: [{ path: 'proof', message: 'required' }] });
    expect(Number(refused[0]!.headers.get('retry-after'))).toBeGreaterThan(600);
  });

  it('with proofs: each key needs a proof of its own, which took its counter of tries to find', async () => {
    const proof = await makeProof(server.url, MACHINE);
    // The counter the server chose is ±25 % around the configured tries: the solver tried every one below it.
    expect(proof.solution.counter).toBeGreaterThanOrEqual(Math.round(TRIES * 0.75));
    expect(proof.solution.counter).toBeLessThanOrEqual(Math.round(TRIES * 1.25));
    expect((await post(newDeviceKey(), { ...MACHINE, 'x-device-proof': proofHeader(proof) })).status).toBe(201);
    // The same proof for another key, even from another address: spent.
    const again = await post(newDeviceKey(), { ...PHONE, 'x-device-proof': proofHeader(proof) });
    expect(again.status).toBe(403);
    expect(await errorOf(again)).toMatchObject({ code: 'proof_required', fields: [{ path: 'proof', message: 'was used by another device' }] });
  });

  it('a made-up or altered proof is refused and stores nothing', async () => {
    const before = await storedReports();
    const genuine = await solve(await fetchChallenge(server.url, MACHINE));
    const altered: DeviceProof[] = [
      { ...genuine, solution: { counter: genuine.solution.counter + 1, derivedKey: genuine.solution.derivedKey.replace(/^./, (c) => (c === '0' ? '1' : '0')) } },
      { ...genuine, challenge: { ...genuine.challenge, parameters: { ...genuine.challenge.parameters, cost: 1 } } },
      { ...genuine, challenge: { ...genuine.challenge, parameters: { ...genuine.challenge.parameters, expiresAt: 4_000_000_000 } } },
      // Shaped right, read wrong: a derived key of odd-length hex, past a genuine signature.
      { ...genuine, solution: { ...genuine.solution, derivedKey: 'abc' } },
    ];
    for (const proof of altered) {
      const response = await post(newDeviceKey(), { ...MACHINE, 'x-device-proof': proofHeader(proof) });
      expect(response.status).toBe(403);
      expect(await errorOf(response)).toMatchObject({ code: 'proof_required', fields: [{ path: 'proof', message: 'is not valid' }] });
    }
    for (const header of ['not base64 json', Buffer.from('{"challenge":1}').toString('base64url')]) {
      const response = await post(newDeviceKey(), { ...MACHINE, 'x-device-proof': header });
      expect(await errorOf(response)).toMatchObject({ code: 'proof_required', fields: [{ path: 'proof', message: 'is not a proof this server issued' }] });
    }
    expect(await storedReports()).toBe(before);
    // The genuine one was not spent by the refusals around it.
    expect((await post(newDeviceKey(), { ...MACHINE, 'x-device-proof': proofHeader(genuine) })).status).toBe(201);
  });
});

describe('a device that proved its work', () => {
  it('is answered with a voice token, which its later reports carry over Socket.IO and HTTP instead of a proof; another key cannot use it', async () => {
    const key = newDeviceKey();
    // Its address has heard ten devices without a proof already, so only a voice gets this one heard.
    for (let i = 0; i < 10; i += 1) expect((await post(newDeviceKey(), PHONE)).status).toBe(201);
    expect((await post(newDeviceKey(), PHONE)).status).toBe(403);
    const socket: ReportingClient = (await connect(server.url, null, PHONE)) as unknown as ReportingClient;
    try {
      const first = await socket.emitWithAck('report:create', aReport({ checkpointId: 'kyakhta' }), { deviceKey: key, proof: await makeProof(server.url, PHONE) });
      expect(first.ok).toBe(true);
      const voice = (first as { data: ReportCreated }).data.voice;
      expect(voice).toMatch(/^[A-Za-z0-9_-]{32}$/);
      const second = await socket.emitWithAck('report:create', aReport({ checkpointId: 'kyakhta' }), { deviceKey: key, voice: voice! });
      expect(second).toMatchObject({ ok: true, data: { voice } });
      expect((await post(key, { ...PHONE, 'x-device-voice': voice! })).status).toBe(201);
      const borrowed = await post(newDeviceKey(), { ...PHONE, 'x-device-voice': voice! });
      expect(borrowed.status).toBe(403);
      expect(await errorOf(borrowed)).toMatchObject({ code: 'proof_required' });
    } finally {
      socket.close();
    }
  });
});

describe('a resend after a lost ack', () => {
  it('with the proof it was sent with is answered as stored, with the voice; the proof stays this device\'s', async () => {
    const here = from('203.0.113.6');
    // The address's slots for devices without a proof are used up, so only the proof gets this device heard.
    for (let i = 0; i < 10; i += 1) expect((await post(newDeviceKey(), here)).status).toBe(201);
    const key = newDeviceKey();
    const proof = proofHeader(await makeProof(server.url, here));
    const report = aReport({ checkpointId: 'verkhny-lars' });
    const first = await post(key, { ...here, 'x-device-proof': proof }, report);
    expect(first.status).toBe(201);
    const { voice } = (await first.json()) as { voice: string };
    // The ack was lost: the page sends the same report with the same proof.
    const again = await post(key, { ...here, 'x-device-proof': proof }, report);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true, report: { id: report.id }, voice });
    // And its next report, still with the proof (it never learnt its voice), is heard as this device's.
    expect((await post(key, { ...here, 'x-device-proof': proof })).status).toBe(201);
  });
});

describe('challenges', () => {
  it('are fresh each time, signed, never cached, and never refused to an address', async () => {
    const response = await fetch(`${server.url}/api/proof-challenge`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const [a, b] = await Promise.all([fetchChallenge(server.url), fetchChallenge(server.url)]);
    expect(a.parameters.nonce).not.toBe(b.parameters.nonce);
    expect(a).toMatchObject({ parameters: { algorithm: 'PBKDF2/SHA-256', cost: 100 }, signature: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // A script behind a carrier NAT takes far more than the address's new devices (300 in ten minutes) could use...
    const address = from('203.0.113.4');
    const statuses: number[] = [];
    for (let i = 0; i < 650; i += 25) {
      statuses.push(...(await Promise.all(Array.from({ length: 25 }, () => fetch(`${server.url}/api/proof-challenge`, { headers: address })))).map((r) => r.status));
    }
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    // ...and a new phone behind the same address still gets its challenge, solves it and is heard.
    const proof = proofHeader(await makeProof(server.url, address));
    const stored = await post(newDeviceKey(), { ...address, 'x-device-proof': proof });
    expect(stored.status).toBe(201);
    expect(await stored.json()).toMatchObject({ voice: expect.any(String) });
  });
});
