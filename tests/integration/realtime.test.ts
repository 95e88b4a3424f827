import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aReport, connect, newDeviceKey, type ReportingClient, nextUpdate, type Client } from '../helpers/clients';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startServer, type RunningServer } from '../helpers/server';

let database: TestDatabase;
let server: RunningServer;
const sockets: Client[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startServer({ ...database.env, REPORT_LIMIT_PER_DEVICE: '3', REPORT_LIMIT_PER_ADDRESS: '10000' });
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server?.stop();
  await database?.drop();
});

async function client(deviceKey: string | null = newDeviceKey()): Promise<Client> {
  const socket = await connect(server.url, deviceKey);
  sockets.push(socket);
  return socket;
}

async function post(body: unknown, deviceKey: string | null = newDeviceKey()) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (deviceKey) headers['x-device-key'] = deviceKey;
  const response = await fetch(`${server.url}/api/reports`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

async function detail(id: string, query = '') {
  return ((await (await fetch(`${server.url}/api/checkpoints/${id}${query}`)).json()) as any).checkpoint;
}

describe('report:create and estimates:updated', () => {
  it('a report from one client reaches subscribers of the checkpoint and of its border', async () => {
    const reporter = await client();
    const byCheckpoint = await client();
    const byBorder = await client();
    const subscribed = await byCheckpoint.emitWithAck('checkpoint:subscribe', { ids: ['kyakhta'] });
    expect(subscribed).toEqual({ ok: true, data: { estimates: [], checkpoints: [] } });
    expect((await byBorder.emitWithAck('checkpoint:subscribe', { borders: ['MN'] })).ok).toBe(true);

    const seenByCheckpoint = nextUpdate(byCheckpoint, (e) => e.checkpointId === 'kyakhta');
    const seenByBorder = nextUpdate(byBorder, (e) => e.checkpointId === 'kyakhta');
    const report = aReport({ checkpointId: 'kyakhta', waitMinutes: 300 });
    const ack = await reporter.timeout(5000).emitWithAck('report:create', report);

    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.data.duplicate).toBe(false);
    expect(ack.data.report).toMatchObject({ id: report.id, checkpointId: 'kyakhta', waitMinutes: 300, queueKm: null });
    expect(ack.data.report).not.toHaveProperty('deviceKey');
    expect(ack.data.estimate).toMatchObject({ checkpointId: 'kyakhta', direction: 'out', mode: 'car', waitMinutes: 300, reports: 1, stale: false, version: 1 });
    expect(await seenByCheckpoint).toEqual(ack.data.estimate);
    expect(await seenByBorder).toEqual(ack.data.estimate);
  });

  it('a subscriber of another border hears nothing', async () => {
    const reporter = await client();
    const elsewhere = await client();
    await elsewhere.emitWithAck('checkpoint:subscribe', { borders: ['FI'] });
    const heard = nextUpdate(elsewhere, () => true, 1000).then(() => true, () => false);
    expect((await reporter.emitWithAck('report:create', aReport({ checkpointId: 'tashanta' }))).ok).toBe(true);
    expect(await heard).toBe(false);
  });

  it('versions grow with each change of one checkpoint × direction × mode', async () => {
    const first = await (await client()).emitWithAck('report:create', aReport({ checkpointId: 'mondy', waitMinutes: 60 }));
    const second = await (await client()).emitWithAck('report:create', aReport({ checkpointId: 'mondy', waitMinutes: 180 }));
    expect(first.ok && second.ok).toBe(true);
    if (first.ok && second.ok) expect(second.data.estimate.version).toBe(first.data.estimate.version + 1);
  });

  it('"N let through in M minutes" is stored, broadcast, and learns the throughput, by Socket.IO and by HTTP', async () => {
    const watcher = await client();
    await watcher.emitWithAck('checkpoint:subscribe', { ids: ['vishnevka'] });
    const queue = await (await client()).emitWithAck('report:create', aReport({ checkpointId: 'vishnevka', waitMinutes: undefined, queueVehicles: 500 }));
    expect(queue.ok).toBe(true);
    const heard = nextUpdate(watcher, (e) => e.checkpointId === 'vishnevka' && e.throughputSource === 'reports');
    const letThrough = await (await client()).emitWithAck('report:create', aReport({ checkpointId: 'vishnevka', waitMinutes: undefined, letThrough: 50, letThroughMinutes: 300 }));
    expect(letThrough.ok).toBe(true);
    if (!letThrough.ok) return;
    expect(letThrough.data.report).toMatchObject({ letThrough: 50, letThroughMinutes: 300, waitMinutes: null });
    const pushed = await heard;
    expect(pushed.throughputPerHour!).toBeGreaterThan(8);
    expect(pushed.throughputPerHour!).toBeLessThan(13);
    // 500 ahead at about 10 an hour: two days, not the 12 h the default throughput would say.
    expect(pushed.waitMinutes!).toBeGreaterThan(40 * 60);

    const overHttp = await post(aReport({ checkpointId: 'vishnevka', direction: 'in', waitMinutes: undefined, letThrough: 0, letThroughMinutes: 60 }));
    expect(overHttp.status).toBe(201);
    expect(overHttp.body.report).toMatchObject({ direction: 'in', letThrough: 0, letThroughMinutes: 60 });
    const stored = await detail('vishnevka');
    expect(stored.recentReports.map((r: { letThrough: number | null }) => r.letThrough).sort()).toEqual([0, 50, null]);
    expect(stored.estimates.find((e: { direction: string }) => e.direction === 'out')).toMatchObject({ throughputSource: 'reports' });
  });

  it('a one-tap crowd signal is stored and validated; shown to everyone once three devices say it, not before', async () => {
    const watcher = await client();
    await watcher.emitWithAck('checkpoint:subscribe', { ids: ['teploye'] });
    const say = async () => (await client()).emitWithAck('report:create', aReport({ checkpointId: 'teploye', waitMinutes: undefined, signal: 'closed' }));
    const first = await say();
    expect(first).toMatchObject({ ok: true, data: { report: { signal: 'closed', waitMinutes: null }, estimate: { signals: [] } } });
    expect((await say()).ok).toBe(true);
    const shown = nextUpdate(watcher, (e) => e.checkpointId === 'teploye' && (e.signals ?? []).length > 0);
    expect((await say()).ok).toBe(true);
    expect((await shown).signals).toMatchObject([{ kind: 'closed', devices: 3 }]);
    // Over HTTP too, and a word it does not know is refused with the field.
    expect((await post(aReport({ checkpointId: 'teploye', waitMinutes: undefined, signal: 'not_moving' }))).status).toBe(201);
    const wrong = await post(aReport({ checkpointId: 'teploye', waitMinutes: undefined, signal: 'on_fire' }));
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'invalid_input', fields: [{ path: 'signal' }] });
    const stored = await detail('teploye');
    expect(stored.recentReports.map((r: { signal: string | null }) => r.signal).sort()).toEqual(['closed', 'closed', 'closed', 'not_moving']);
  });

  it('"still right?" is stored with the wait it was said of, and needs it', async () => {
    const said = await post(aReport({ checkpointId: 'teploye', direction: 'in', waitMinutes: undefined, verdict: 'longer', shownMinutes: 120 }));
    expect(said.status).toBe(201);
    expect(said.body.report).toMatchObject({ verdict: 'longer', shownMinutes: 120, waitMinutes: null });
    const alone = await post(aReport({ checkpointId: 'teploye', waitMinutes: undefined, verdict: 'right' }));
    expect(alone.status).toBe(400);
    expect(alone.body.error).toMatchObject({ code: 'invalid_input', fields: [{ path: 'shownMinutes' }] });
    const odd = await post(aReport({ checkpointId: 'teploye', waitMinutes: undefined, verdict: 'maybe', shownMinutes: 60 }));
    expect(odd.body.error).toMatchObject({ code: 'invalid_input', fields: [{ path: 'verdict' }] });
  });

  it('a repeated id stores one report and returns the first result', async () => {
    const reporter = await client();
    const report = aReport({ checkpointId: 'solovyovsk', waitMinutes: 90 });
    const first = await reporter.emitWithAck('report:create', report);
    const again = await reporter.emitWithAck('report:create', { ...report, waitMinutes: 900 });
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again.data.duplicate).toBe(true);
    expect(again.data.report).toEqual(first.data.report);
    expect(again.data.estimate.version).toBe(first.data.estimate.version);
    const stored = await detail('solovyovsk');
    expect(stored.recentReports.map((r: { id: string }) => r.id)).toEqual([report.id]);
  });
});

describe('rejected reports', () => {
  it('names every invalid field, and stores nothing', async () => {
    const reporter = await client();
    const ack = await reporter.emitWithAck('report:create', {
      id: 'not-a-uuid',
      checkpointId: 'verkhny-lars',
      direction: 'sideways',
      mode: 'boat',
      waitMinutes: -5,
      queueVehicles: 1.5,
      queueKm: 500,
      colour: 'red',
    } as never);
    expect(ack.ok).toBe(false);
    if (ack.ok) return;
    expect(ack.error.code).toBe('invalid_input');
    const paths = ack.error.fields!.map((field) => field.path);
    for (const path of ['id', 'direction', 'mode', 'waitMinutes', 'queueVehicles', 'queueKm', 'colour']) expect(paths).toContain(path);
    expect((await detail('verkhny-lars')).recentReports).toEqual([]);
  });

  it.each([
    [{ waitMinutes: undefined }, '(root)'],
    [{ joinedAt: new Date(Date.now() - 3_600_000).toISOString() }, 'crossedAt'],
    [{ joinedAt: new Date(Date.now() - 3_600_000).toISOString(), crossedAt: new Date(Date.now() + 3_600_000).toISOString() }, 'crossedAt'],
    [{ joinedAt: new Date(Date.now() - 60_000).toISOString(), crossedAt: new Date(Date.now() - 3_600_000).toISOString() }, 'joinedAt'],
    [{ joinedAt: new Date(Date.now() - 9 * 86_400_000).toISOString(), crossedAt: new Date(Date.now() - 60_000).toISOString() }, 'joinedAt'],
    [{ joinedAt: '2022-09-26T06:00:00Z', crossedAt: '2022-09-26T08:00:00Z' }, 'crossedAt'],
    [{ waitMinutes: 10081 }, 'waitMinutes'],
    [{ crossedAt: 'yesterday', joinedAt: 'earlier' }, 'crossedAt'],
    [{ waitMinutes: undefined, letThrough: 50 }, 'letThroughMinutes'],
    [{ waitMinutes: undefined, letThroughMinutes: 60 }, 'letThrough'],
    [{ letThrough: 50, letThroughMinutes: 2 }, 'letThroughMinutes'],
    [{ letThrough: -3, letThroughMinutes: 60 }, 'letThrough'],
    [{ letThrough: 'fifty', letThroughMinutes: 60 }, 'letThrough'],
    // A "crossing" of a millisecond, and a join time ahead of the server's clock.
    [{ waitMinutes: undefined, joinedAt: new Date(Date.now() - 60_001).toISOString(), crossedAt: new Date(Date.now() - 60_000).toISOString() }, 'joinedAt'],
    [{ waitMinutes: undefined, joinedAt: new Date(Date.now() + 60_000).toISOString(), crossedAt: new Date(Date.now() + 90_000).toISOString() }, 'joinedAt'],
    // More than a road can hold: 20,000 vehicles is a car queue, not a bus one; 100 km of bicycles.
    [{ waitMinutes: undefined, mode: 'bus', queueVehicles: 20000 }, 'queueVehicles'],
    [{ waitMinutes: undefined, mode: 'bicycle', queueKm: 100 }, 'queueKm'],
  ])('refuses %o at %s', async (fields, path) => {
    const ack = await (await client()).emitWithAck('report:create', aReport(fields));
    expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: expect.arrayContaining([expect.objectContaining({ path })]) } });
  });

  it('refuses a report without a device key', async () => {
    const anonymous = await client(null);
    const ack = await anonymous.emitWithAck('report:create', aReport());
    expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ path: 'deviceKey' }] } });
    const overHttp = await post(aReport(), null);
    expect(overHttp.status).toBe(400);
    expect(overHttp.body.error.fields).toEqual([expect.objectContaining({ path: 'deviceKey' })]);
  });

  it('takes the device key with the report, from a connection that sent none, one voice per key', async () => {
    const looking = (await client(null)) as unknown as ReportingClient;
    const key = newDeviceKey();
    const first = await looking.emitWithAck('report:create', aReport({ checkpointId: 'shara-sur', waitMinutes: 120 }), { deviceKey: key });
    expect(first).toMatchObject({ ok: true, data: { duplicate: false, estimate: { reports: 1 } } });
    // The same key again is the same voice; another key on the same connection is another.
    const again = await looking.emitWithAck('report:create', aReport({ checkpointId: 'shara-sur', waitMinutes: 120 }), { deviceKey: key });
    expect(again).toMatchObject({ ok: true, data: { estimate: { reports: 1 } } });
    const other = await looking.emitWithAck('report:create', aReport({ checkpointId: 'shara-sur', waitMinutes: 120 }), { deviceKey: newDeviceKey() });
    expect(other).toMatchObject({ ok: true, data: { estimate: { reports: 2 } } });
    // Without a key, or with a malformed one, the report is refused and names deviceKey.
    for (const credentials of [{}, { deviceKey: 'short' }, null]) {
      const refused = await looking.emitWithAck('report:create', aReport(), credentials as never);
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ path: 'deviceKey' }] } });
    }
  });

  it('gives unknown_checkpoint and mode_not_allowed their codes', async () => {
    const reporter = await client();
    expect(await reporter.emitWithAck('report:create', aReport({ checkpointId: 'atlantis' }))).toMatchObject({
      ok: false,
      error: { code: 'unknown_checkpoint', fields: [{ path: 'checkpointId' }] },
    });
    // Upper Lars let no pedestrians through in the catalogue's data.
    expect(await reporter.emitWithAck('report:create', aReport({ mode: 'pedestrian' }))).toMatchObject({
      ok: false,
      error: { code: 'mode_not_allowed', fields: [{ path: 'mode' }] },
    });
    expect((await post(aReport({ checkpointId: 'atlantis' }))).status).toBe(404);
    expect((await post(aReport({ mode: 'pedestrian' }))).status).toBe(422);
  });

  it('limits reports per device, over Socket.IO and HTTP alike', async () => {
    const deviceKey = newDeviceKey();
    const reporter = await client(deviceKey);
    for (let i = 0; i < 3; i += 1) expect((await reporter.emitWithAck('report:create', aReport({ checkpointId: 'tsagaan-tolgoi' }))).ok).toBe(true);
    expect(await reporter.emitWithAck('report:create', aReport({ checkpointId: 'tsagaan-tolgoi' }))).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    const overHttp = await post(aReport({ checkpointId: 'tsagaan-tolgoi' }), deviceKey);
    expect(overHttp.status).toBe(429);
    expect(Number(overHttp.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('POST /api/reports', () => {
  it('stores and broadcasts like report:create: 201 first, 200 with the same body for a repeat', async () => {
    const watcher = await client();
    await watcher.emitWithAck('checkpoint:subscribe', { ids: ['torfyanovka'] });
    const heard = nextUpdate(watcher, (e) => e.checkpointId === 'torfyanovka');
    const report = aReport({ checkpointId: 'torfyanovka', waitMinutes: undefined, queueVehicles: 600 });
    const deviceKey = newDeviceKey();

    const created = await post(report, deviceKey);
    expect(created.status).toBe(201);
    expect(created.body.estimate).toMatchObject({ checkpointId: 'torfyanovka', queueVehicles: 600, version: 1 });
    expect(await heard).toEqual(created.body.estimate);

    const repeated = await post(report, deviceKey);
    expect(repeated.status).toBe(200);
    expect(repeated.body).toEqual({ ...created.body, duplicate: true });
  });

  it('refuses a body that is not JSON, or too large', async () => {
    const notJson = await fetch(`${server.url}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-device-key': newDeviceKey() }, body: '{"id":' });
    expect(notJson.status).toBe(400);
    const huge = await post({ ...aReport(), padding: 'x'.repeat(20_000) });
    expect(huge.status).toBe(400);
    expect(huge.body.error.fields).toEqual([expect.objectContaining({ path: '(body)' })]);
  });
});

describe('subscriptions', () => {
  it('refuses unknown ids and bad borders with the offending paths', async () => {
    const watcher = await client();
    expect(await watcher.emitWithAck('checkpoint:subscribe', { ids: ['kyakhta', 'atlantis'] })).toMatchObject({
      ok: false,
      error: { code: 'unknown_checkpoint', fields: [{ path: 'ids.1' }] },
    });
    expect(await watcher.emitWithAck('checkpoint:subscribe', { borders: ['RU'] } as never)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: [{ path: 'borders.0' }] },
    });
    expect(await watcher.emitWithAck('checkpoint:subscribe', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('stops updates after checkpoint:unsubscribe', async () => {
    const watcher = await client();
    await watcher.emitWithAck('checkpoint:subscribe', { ids: ['khandagayty'] });
    expect(await watcher.emitWithAck('checkpoint:unsubscribe', { ids: ['khandagayty'] })).toEqual({ ok: true, data: {} });
    const heard = nextUpdate(watcher, () => true, 1000).then(() => true, () => false);
    await (await client()).emitWithAck('report:create', aReport({ checkpointId: 'khandagayty' }));
    expect(await heard).toBe(false);
  });

  it('a client that reconnects and re-subscribes gets what it missed in the snapshot', async () => {
    const watcher = await client();
    await watcher.emitWithAck('checkpoint:subscribe', { ids: ['verkhny-ulkhun'] });
    watcher.disconnect();
    const missed = await (await client()).emitWithAck('report:create', aReport({ checkpointId: 'verkhny-ulkhun', waitMinutes: 45 }));
    expect(missed.ok).toBe(true);

    watcher.connect();
    await new Promise<void>((resolve) => watcher.once('connect', () => resolve()));
    const snapshot = await watcher.emitWithAck('checkpoint:subscribe', { ids: ['verkhny-ulkhun'] });
    expect(snapshot.ok && missed.ok && snapshot.data.estimates).toEqual([missed.ok && missed.data.estimate]);
  });
});

describe('GET /api/checkpoints with estimates', () => {
  it('lists current estimates, recent reports without device keys, and hourly history', async () => {
    const ack = await (await client()).emitWithAck('report:create', aReport({ checkpointId: 'tashanta', waitMinutes: 120, direction: 'in' }));
    expect(ack.ok).toBe(true);
    const { checkpoints } = (await (await fetch(`${server.url}/api/checkpoints?border=MN`)).json()) as any;
    const tashanta = checkpoints.find((c: { id: string }) => c.id === 'tashanta');
    expect(tashanta.estimates).toEqual(expect.arrayContaining([expect.objectContaining({ direction: 'in', waitMinutes: 120 })]));

    const one = await detail('tashanta', '?hours=3');
    expect(one.recentReports[0]).toMatchObject({ direction: 'in', waitMinutes: 120 });
    expect(JSON.stringify(one.recentReports)).not.toMatch(/deviceKey/i);
    const series = one.history.find((s: { direction: string; mode: string }) => s.direction === 'in' && s.mode === 'car');
    expect(series.points).toHaveLength(3);

    const bad = await fetch(`${server.url}/api/checkpoints/tashanta?hours=500`);
    expect(bad.status).toBe(400);
  });
});
