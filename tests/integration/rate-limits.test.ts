// Rate limits through the real server, over Socket.IO and HTTP: per device,
// per network address, and per address in different devices without a proof
// of work (a machine rotating device keys; proofs: proof-of-work.test.ts).
// Every test client shares the loopback address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aReport, connect, newDeviceKey, type Client } from '../helpers/clients';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startServer, type RunningServer } from '../helpers/server';

let database: TestDatabase;
let server: RunningServer;
const sockets: Client[] = [];

// Limits live in the server's memory: each describe gets a server of its own.
function freshServer(env: Record<string, string> = {}) {
  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startServer({ ...database.env, REPORT_LIMIT_PER_DEVICE: '4', REPORT_LIMIT_PER_ADDRESS: '9', REPORT_UNPROVEN_DEVICES_PER_ADDRESS: '3', LOG_LEVEL: 'trace', ...env });
  });
  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await server?.stop();
    await database?.drop();
  });
}

async function device(key = newDeviceKey(), forwardedFor?: string) {
  const socket = await connect(server.url, key, forwardedFor ? { 'x-forwarded-for': forwardedFor } : undefined);
  sockets.push(socket);
  return socket;
}

const post = (deviceKey: string, forwardedFor?: string) =>
  fetch(`${server.url}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-device-key': deviceKey, ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify(aReport({ checkpointId: 'kyakhta' })),
  });

describe('one device', () => {
  freshServer();
  it('is refused past its own limit, with the time to wait', async () => {
    const key = newDeviceKey();
    for (let i = 0; i < 4; i += 1) expect((await post(key)).status).toBe(201);
    const refused = await post(key);
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as { error: { code: string; message: string; retryAfter: number } };
    expect(body.error).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('device') });
    expect(body.error.retryAfter).toBe(Number(refused.headers.get('retry-after')));
  });
});

describe('one network address', () => {
  freshServer();
  it('reports from a few devices, refuses a new one past the cap with a retry time, and keeps taking the known ones until its own limit', async () => {
    const keys = [newDeviceKey(), newDeviceKey(), newDeviceKey()];
    const known = await Promise.all(keys.map((key) => device(key)));
    for (const socket of known) expect((await socket.emitWithAck('report:create', aReport({ checkpointId: 'kyakhta' }))).ok).toBe(true);

    // A fourth device from the same address: refused, over Socket.IO and over HTTP.
    const rotated = await device();
    const refused = await rotated.emitWithAck('report:create', aReport({ checkpointId: 'kyakhta' }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'proof_required', limit: 'unproven_devices', message: expect.stringContaining('network'), fields: [{ path: 'proof' }] } });
    expect(!refused.ok && refused.error.retryAfter).toBeGreaterThan(600);
    // An X-Forwarded-For of its own choosing changes nothing: no proxy is trusted here.
    expect(await (await device(undefined, '198.51.100.7')).emitWithAck('report:create', aReport({ checkpointId: 'kyakhta' }))).toMatchObject({ ok: false, error: { code: 'proof_required' } });
    const overHttp = await post(newDeviceKey(), '198.51.100.8');
    expect(overHttp.status).toBe(403);
    expect(Number(overHttp.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await overHttp.json()) as { error: { code: string } }).error.code).toBe('proof_required');

    // Devices the address already knows still report, until the address has 9 stored (refusals spend nothing).
    for (const socket of [known[0]!, known[1]!, known[1]!, known[2]!, known[2]!, known[2]!]) {
      expect((await socket.emitWithAck('report:create', aReport({ checkpointId: 'kyakhta' }))).ok).toBe(true);
    }
    const tenth = await known[0]!.emitWithAck('report:create', aReport({ checkpointId: 'kyakhta' }));
    expect(tenth).toMatchObject({ ok: false, error: { code: 'rate_limited', limit: 'address', message: expect.stringContaining('network') } });

    // Only what was accepted is stored; neither the address nor a device key is anywhere in the database.
    const stored = await database.query<{ count: string }>(`SELECT count(*)::text AS count FROM "Report"`);
    expect(stored[0]?.count).toBe('9');
    const dump = JSON.stringify(await database.query(`SELECT * FROM "Report"`));
    expect(dump).not.toContain('127.0.0.1');
    for (const key of keys) expect(dump).not.toContain(key);
    // Nor in the logs, at their most detailed (after the start-up line, which names the database server's address).
    const logs = JSON.stringify(server.logs.slice(server.logs.indexOf(server.ready) + 1));
    for (const key of keys) expect(logs).not.toContain(key);
    expect(logs).not.toContain('127.0.0.1');
  });
});

describe('a flood that fills its address', () => {
  freshServer({ REPORT_UNPROVEN_DEVICES_PER_ADDRESS: '10' });
  it("cannot silence the others behind it: each device's first two reports of the window still go through", async () => {
    // Two flooding devices at their own limit and a third fill the address's nine.
    const [a, b, c] = [newDeviceKey(), newDeviceKey(), newDeviceKey()];
    for (const key of [a, a, a, a, b, b, b, b, c]) expect((await post(key)).status).toBe(201);
    const full = await post(b);
    expect(full.status).toBe(429);
    // A newcomer behind the same address is heard twice, then refused for the address's load, with the true reason.
    const newcomer = newDeviceKey();
    expect((await post(newcomer)).status).toBe(201);
    expect((await post(newcomer)).status).toBe(201);
    const third = await post(newcomer);
    expect(third.status).toBe(429);
    expect(((await third.json()) as { error: { limit: string } }).error.limit).toBe('address');
    // The one that sent a single report before the address filled gets its second; a flooder gets nothing more.
    expect((await post(c)).status).toBe(201);
    expect((await post(c)).status).toBe(429);
    expect((await post(a)).status).toBe(429);
    const stored = await database.query<{ count: string }>(`SELECT count(*)::text AS count FROM "Report"`);
    expect(stored[0]?.count).toBe('12');
  });
});

const postBody = (deviceKey: string, body: unknown) =>
  fetch(`${server.url}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-device-key': deviceKey }, body: JSON.stringify(body) });

describe('requests that store nothing', () => {
  freshServer();
  it('spend no quota: ten bogus devices and one key sending 30 empty bodies leave the address and the key free', async () => {
    for (let i = 0; i < 10; i += 1) {
      const response = await postBody(newDeviceKey(), {});
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
    }
    const noisy = newDeviceKey();
    for (let i = 0; i < 30; i += 1) expect((await postBody(noisy, {})).status).toBe(400);
    // An unknown checkpoint or a mode the crossing lacks is refused before any quota too.
    expect((await postBody(newDeviceKey(), aReport({ checkpointId: 'nowhere' }))).status).toBe(404);
    expect((await postBody(newDeviceKey(), aReport({ checkpointId: 'kyakhta', mode: 'bicycle' }))).status).toBe(422);

    // The address still has its three new devices and the noisy key its four reports.
    for (let i = 0; i < 2; i += 1) expect((await post(newDeviceKey())).status).toBe(201);
    for (let i = 0; i < 4; i += 1) expect((await post(noisy)).status).toBe(201);
    expect((await post(noisy)).status).toBe(429);
  });
});

describe('a client that lost its ack', () => {
  freshServer();
  it('learns that its report was stored when it resends, even at its limit; resends spend nothing', async () => {
    const key = newDeviceKey();
    const first = aReport({ checkpointId: 'kyakhta' });
    expect((await postBody(key, first)).status).toBe(201);
    // Resends before the limit is reached: answered as the stored report, and not charged.
    for (let i = 0; i < 5; i += 1) {
      const again = await postBody(key, first);
      expect(again.status).toBe(200);
      expect(((await again.json()) as { report: { id: string } }).report.id).toBe(first.id);
    }
    for (let i = 0; i < 3; i += 1) expect((await postBody(key, aReport({ checkpointId: 'kyakhta' }))).status).toBe(201);
    expect((await postBody(key, aReport({ checkpointId: 'kyakhta' }))).status).toBe(429);
    // At the limit, over HTTP and over Socket.IO, the stored id is still answered as stored.
    const atLimit = await postBody(key, first);
    expect(atLimit.status).toBe(200);
    const socket = await device(key);
    expect(await socket.emitWithAck('report:create', first)).toMatchObject({ ok: true, data: { duplicate: true, report: { id: first.id } } });
  });
});

describe('behind a trusted proxy', () => {
  freshServer({ TRUST_PROXY: 'loopback' });

  it('counts each forwarded client address on its own, over Socket.IO and HTTP', async () => {
    for (let i = 0; i < 3; i += 1) expect((await post(newDeviceKey(), '203.0.113.1')).status).toBe(201);
    expect((await post(newDeviceKey(), '203.0.113.1')).status).toBe(403);
    const elsewhere = await device(undefined, '203.0.113.2');
    expect((await elsewhere.emitWithAck('report:create', aReport({ checkpointId: 'kyakhta' }))).ok).toBe(true);
    const sameAsFirst = await device(undefined, '203.0.113.1');
    expect(await sameAsFirst.emitWithAck('report:create', aReport({ checkpointId: 'kyakhta' }))).toMatchObject({ ok: false, error: { code: 'proof_required' } });
  });

  it('counts an IPv4 address and its IPv6-mapped spelling as one, and IPv6 by its /64', async () => {
    for (const address of ['203.0.113.9', '::ffff:203.0.113.9', '203.0.113.9']) expect((await post(newDeviceKey(), address)).status).toBe(201);
    expect((await post(newDeviceKey(), '::ffff:203.0.113.9')).status).toBe(403);
    // Five addresses of one /64 are one network: three new devices, then refused.
    const statuses = [];
    for (let i = 1; i <= 5; i += 1) statuses.push((await post(newDeviceKey(), `2001:db8:5:6::${i}`)).status);
    expect(statuses).toEqual([201, 201, 201, 403, 403]);
    expect((await post(newDeviceKey(), '2001:db8:5:7::1')).status).toBe(201);
  });
});
