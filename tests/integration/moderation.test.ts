// Moderation: only a moderator's token gets in; a hidden report stops
// counting at once; a status note reaches every client; every action is
// written to the audit log with who acted; moderators are added and revoked
// from the command line while the server runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckpointStatusUpdate } from '../../lib/events';
import { aReport, connect, newDeviceKey, nextUpdate, type Client } from '../helpers/clients';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startServer, type RunningServer } from '../helpers/server';

const TOKEN = 'moderator-token-for-tests-0123456789abcdef';
let database: TestDatabase;
let server: RunningServer;
const sockets: Client[] = [];
const moderatorsDir = mkdtempSync(join(tmpdir(), 'kordon-moderators-'));
const MODERATORS_FILE = join(moderatorsDir, 'moderators');

beforeAll(async () => {
  database = await createTestDatabase();
  // Room for one machine's ten invented device keys on loopback (the last test).
  server = await startServer({ ...database.env, MODERATOR_TOKEN: TOKEN, MODERATORS_FILE });
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server?.stop();
  await database?.drop();
  rmSync(moderatorsDir, { recursive: true, force: true });
});

/** `npm run moderators -- …`, as an operator runs it. */
function moderators(...args: string[]) {
  const result = spawnSync('npm', ['run', '--silent', 'moderators', '--', ...args], { env: { ...process.env, MODERATORS_FILE }, encoding: 'utf8' });
  return { status: result.status, out: result.stdout + result.stderr };
}

async function call(method: string, path: string, options: { token?: string | null; body?: unknown } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token !== null) headers.authorization = `Bearer ${options.token ?? TOKEN}`;
  const response = await fetch(`${server.url}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  return { status: response.status, body: (await response.json()) as any };
}

async function client() {
  const socket = await connect(server.url, newDeviceKey());
  sockets.push(socket);
  return socket;
}

describe('without the token', () => {
  it('every moderation endpoint answers 401 or 403 and reveals nothing', async () => {
    const endpoints: [string, string][] = [
      ['GET', '/api/moderation/checkpoints/kyakhta/reports'],
      ['GET', '/api/moderation/actions'],
      ['GET', '/api/moderation/alerts'],
      ['GET', '/api/moderation/address-bursts'],
      ['POST', '/api/moderation/checkpoints/kyakhta'],
      ['POST', '/api/moderation/checkpoints/kyakhta/modes'],
      ['POST', '/api/moderation/reports/00000000-0000-4000-8000-000000000000'],
      ['POST', '/api/moderation/devices/abc'],
    ];
    for (const [method, path] of endpoints) {
      const none = await call(method, path, { token: null, body: method === 'POST' ? { hidden: true, reason: 'spam spam' } : undefined });
      expect(none.status, path).toBe(401);
      expect(Object.keys(none.body)).toEqual(['error']);
      expect(none.body.error.code).toBe('unauthorized');
      const wrong = await call(method, path, { token: `${TOKEN}x`, body: method === 'POST' ? { status: 'closed', note: 'x' } : undefined });
      expect(wrong.status, path).toBe(403);
      expect(Object.keys(wrong.body)).toEqual(['error']);
    }
    // Nothing changed either.
    const rows = await database.query<{ count: string }>(`SELECT count(*)::text AS count FROM "ModerationAction"`);
    expect(rows[0]?.count).toBe('0');
  });
});

describe('with the token', () => {
  it('hides one report, then all of a device, and the estimate follows at once', async () => {
    const [honest, liar, watcher] = await Promise.all([client(), client(), client()]);
    await watcher.emitWithAck('checkpoint:subscribe', { ids: ['kyakhta'] });
    for (const socket of [honest, honest]) {
      expect((await socket.emitWithAck('report:create', aReport({ checkpointId: 'kyakhta', waitMinutes: 60 }))).ok).toBe(true);
    }
    const lies = [aReport({ checkpointId: 'kyakhta', waitMinutes: 6000 }), aReport({ checkpointId: 'kyakhta', waitMinutes: 6000 })];
    for (const lie of lies) expect((await liar.emitWithAck('report:create', lie)).ok).toBe(true);

    const listed = await call('GET', '/api/moderation/checkpoints/kyakhta/reports');
    expect(listed.status).toBe(200);
    expect(listed.body.reports).toHaveLength(4);
    const liarDevice = listed.body.reports.find((r: { id: string }) => r.id === lies[0]!.id).device;
    expect(listed.body.reports.filter((r: { device: string }) => r.device === liarDevice)).toHaveLength(2);

    // One device, one voice: hiding one of the liar's two reports leaves its voice as it was.
    const one = await call('POST', `/api/moderation/reports/${lies[0]!.id}`, { body: { hidden: true, reason: 'absurd wait' } });
    expect(one).toMatchObject({ status: 200, body: { affected: 1 } });

    // Pushes go out in batches (at most one per border each 250 ms): an estimate that still counts the liar may be
    // on its way, so wait for the one without its voice, not merely the next one. (The estimator already refuses a
    // wait of 6,000 min beside an honest 60, so the number alone does not tell them apart.)
    const lowered = nextUpdate(watcher, (e) => e.checkpointId === 'kyakhta' && e.reports === 1);
    const all = await call('POST', `/api/moderation/devices/${liarDevice}`, { body: { hidden: true, reason: 'a flooding device' } });
    expect(all).toMatchObject({ status: 200, body: { affected: 2 } });
    // A device named by anything but a keyed hash (a NUL byte, say) is no device: 404, never the database's error.
    for (const bogus of ['%00', 'a%00b', '%E2%80%AE', 'x'.repeat(65)]) {
      expect(await call('POST', `/api/moderation/devices/${bogus}`, { body: { hidden: true, reason: 'a flooding device' } }), bogus).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    }
    expect((await lowered).waitMinutes!).toBeLessThan(120);
    const current = await (await fetch(`${server.url}/api/checkpoints/kyakhta`)).json();
    expect(current.checkpoint.estimates.find((e: { direction: string; mode: string }) => e.direction === 'out' && e.mode === 'car').waitMinutes).toBeLessThan(120);

    // The moderator still sees them, marked hidden.
    const relisted = await call('GET', '/api/moderation/checkpoints/kyakhta/reports');
    expect(relisted.body.reports.filter((r: { hidden: boolean }) => r.hidden).map((r: { id: string }) => r.id).sort()).toEqual(lies.map((l) => l.id).sort());
    expect(relisted.body.reports.find((r: { id: string }) => r.id === lies[0]!.id)).toMatchObject({ waitMinutes: 6000, direction: 'out', mode: 'car', createdAt: expect.any(String) });

    const publicView = await (await fetch(`${server.url}/api/checkpoints/kyakhta`)).json();
    const ids = publicView.checkpoint.recentReports.map((r: { id: string }) => r.id);
    expect(ids).not.toContain(lies[0]!.id);
    expect(ids).not.toContain(lies[1]!.id);
  });

  it('refuses a hide without a reason, and an unknown report, with coded errors', async () => {
    const noReason = await call('POST', '/api/moderation/reports/00000000-0000-4000-8000-000000000000', { body: { hidden: true } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields[0].path).toBe('reason');
    const unknown = await call('POST', '/api/moderation/reports/00000000-0000-4000-8000-000000000000', { body: { hidden: true, reason: 'nothing here' } });
    expect(unknown.status).toBe(404);
  });

  it('refuses control characters in a note or reason (PostgreSQL cannot store a NUL) as invalid input', async () => {
    const note = await call('POST', '/api/moderation/checkpoints/kyakhta', { body: { status: 'open', note: 'a\u0000b' } });
    expect(note).toMatchObject({ status: 400, body: { error: { code: 'invalid_input', fields: [{ path: 'note', message: 'must not contain control characters' }] } } });
    const reason = await call('POST', '/api/moderation/reports/00000000-0000-4000-8000-000000000000', { body: { hidden: true, reason: 'spam\u0007' } });
    expect(reason).toMatchObject({ status: 400, body: { error: { code: 'invalid_input', fields: [{ path: 'reason' }] } } });
  });

  it('marks a checkpoint closed with a note that reaches subscribers and every page', async () => {
    const watcher = await client();
    await watcher.emitWithAck('checkpoint:subscribe', { borders: ['MN'] });
    const pushed = new Promise<CheckpointStatusUpdate>((resolve) => watcher.once('checkpoint:updated', resolve));
    const note = 'Закрыт до 10:00 по местному времени · Closed until 10:00 local time';
    const set = await call('POST', '/api/moderation/checkpoints/kyakhta', { body: { status: 'closed', note } });
    expect(set).toMatchObject({ status: 200, body: { checkpoint: { checkpointId: 'kyakhta', status: 'closed', statusNote: note } } });
    expect(await pushed).toMatchObject({ checkpointId: 'kyakhta', status: 'closed', statusNote: note });

    // A client that was away learns it from the subscription snapshot.
    const late = await client();
    const snapshot = await late.emitWithAck('checkpoint:subscribe', { ids: ['kyakhta', 'verkhny-lars'] });
    expect(snapshot.ok && snapshot.data.checkpoints).toEqual([{ checkpointId: 'kyakhta', status: 'closed', statusNote: note, modes: ['car', 'truck'], statusUpdatedAt: set.body.checkpoint.statusUpdatedAt }]);

    const api = await (await fetch(`${server.url}/api/checkpoints/kyakhta`)).json();
    expect(api.checkpoint).toMatchObject({ status: 'closed', statusNote: note });
    const page = await (await fetch(`${server.url}/checkpoints/kyakhta`, { headers: { 'accept-language': 'ru' } })).text();
    expect(page).toContain('Закрыт до 10:00 по местному времени');
  });

  it('writes every action to the audit log', async () => {
    const { status, body } = await call('GET', '/api/moderation/actions');
    expect(status).toBe(200);
    expect(body.actions.map((a: { action: string }) => a.action)).toEqual(['set-status', 'hide-device', 'hide-report']);
    expect(body.actions[1]).toMatchObject({ note: 'a flooding device', affected: 2, moderator: 'MODERATOR_TOKEN' });
  });
});

describe('moderators of their own', () => {
  it('are added from the command line with a token shown once and kept only as a hash, act in their name, and are revoked at once', async () => {
    const added = moderators('add', 'Анна К');
    expect(added.status).toBe(0);
    const token = added.out.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = readFileSync(MODERATORS_FILE, 'utf8');
    expect(stored).not.toContain(token);
    expect(stored).toMatch(/^Анна К\tsha256:[0-9a-f]{64}$/m);
    expect(statSync(MODERATORS_FILE).mode & 0o777).toBe(0o600);
    expect(moderators('add', 'Анна К').status).toBe(2);
    expect(moderators('add', '../etc').status).toBe(2);

    // The running server takes the new moderator at once, and the audit log names her.
    const set = await call('POST', '/api/moderation/checkpoints/mondy', { token, body: { status: 'restricted', note: 'only buses today' } });
    expect(set.status).toBe(200);
    const log = await call('GET', '/api/moderation/actions?limit=1');
    expect(log.body.actions[0]).toMatchObject({ action: 'set-status', target: 'mondy', moderator: 'Анна К' });
    expect(moderators('list').out).toContain('Анна К');

    expect(moderators('revoke', 'Анна К').status).toBe(0);
    expect((await call('GET', '/api/moderation/actions', { token })).status).toBe(403);
    // The environment's token is untouched.
    expect((await call('GET', '/api/moderation/actions')).status).toBe(200);
  });
});

describe('a burst of new devices', () => {
  it('never reads high, is listed for moderators with its devices, and is gone once they are hidden', async () => {
    // A quiet crossing: ten honest devices said 60 min, the last of them three hours ago.
    for (let i = 0; i < 10; i += 1) {
      await database.query(
        `INSERT INTO "Report" (id, "checkpointId", direction, mode, "waitMinutes", "createdAt", "deviceKey")
         VALUES (gen_random_uuid(), 'vishnevka', 'out', 'car', 60, now() - make_interval(mins => $1::int), $2)`,
        [300 - 12 * i, `honest-device-${i}`],
      );
    }
    expect((await call('GET', '/api/moderation/alerts')).body).toEqual({ alerts: [] });

    // One machine, ten invented keys, within seconds.
    let last: any;
    for (let i = 0; i < 10; i += 1) {
      const response = await fetch(`${server.url}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-device-key': newDeviceKey() },
        body: JSON.stringify(aReport({ checkpointId: 'vishnevka', waitMinutes: 600 })),
      });
      expect(response.status).toBe(201);
      last = await response.json();
    }
    expect(last.estimate.waitMinutes).toBeGreaterThan(300);
    expect(last.estimate.confidence).not.toBe('high');

    const { status, body } = await call('GET', '/api/moderation/alerts');
    expect(status).toBe(200);
    expect(body.alerts).toHaveLength(1);
    const [alert] = body.alerts;
    expect(alert).toMatchObject({ kind: 'new-device-burst', checkpointId: 'vishnevka', direction: 'out', mode: 'car' });
    expect(alert.devices).toHaveLength(10);
    expect(alert.devices.some((device: string) => device.startsWith('honest'))).toBe(false);
    expect(alert.share).toBeGreaterThan(0.9);

    for (const device of alert.devices) {
      expect((await call('POST', `/api/moderation/devices/${device}`, { body: { hidden: true, reason: 'one machine, ten keys' } })).status).toBe(200);
    }
    expect((await call('GET', '/api/moderation/alerts')).body).toEqual({ alerts: [] });
    const api = await (await fetch(`${server.url}/api/checkpoints/vishnevka`)).json();
    const car = api.checkpoint.estimates.find((e: { direction: string; mode: string }) => e.direction === 'out' && e.mode === 'car');
    expect(car.waitMinutes).toBeLessThan(120);
  });
});


describe('what the crowd says in one tap', () => {
  it('is listed for moderators with the devices that said it, and is gone from the map once they are hidden', async () => {
    // Three invented keys tap "closed" at a quiet crossing: enough for the map to say it, with no estimate's weight.
    for (let i = 0; i < 3; i += 1) {
      const response = await fetch(`${server.url}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-device-key': newDeviceKey() },
        body: JSON.stringify(aReport({ checkpointId: 'mondy', waitMinutes: undefined, signal: 'closed' })),
      });
      expect(response.status).toBe(201);
    }
    const signalsAt = async () => {
      const api = await (await fetch(`${server.url}/api/checkpoints/mondy`)).json();
      return api.checkpoint.estimates.find((e: { direction: string; mode: string }) => e.direction === 'out' && e.mode === 'car').signals;
    };
    expect(await signalsAt()).toEqual([expect.objectContaining({ kind: 'closed', devices: 3 })]);

    const { body } = await call('GET', '/api/moderation/alerts');
    const alert = body.alerts.find((a: { kind: string }) => a.kind === 'crowd-signal');
    expect(alert).toMatchObject({ kind: 'crowd-signal', checkpointId: 'mondy', direction: 'out', mode: 'car', signal: 'closed' });
    expect(alert.devices).toHaveLength(3);
    expect(Date.parse(alert.fadesAt)).toBeGreaterThan(Date.now());

    for (const device of alert.devices) {
      expect((await call('POST', `/api/moderation/devices/${device}`, { body: { hidden: true, reason: 'one machine, three keys' } })).status).toBe(200);
    }
    expect(await signalsAt()).toEqual([]);
    expect((await call('GET', '/api/moderation/alerts')).body).toEqual({ alerts: [] });
  });
});
