// The database goes away under a running app: the app stays up, says so
// (health 503, `unavailable` errors instead of hangs), and recovers by itself
// when the database is back. Needs a PostgreSQL server to put a relay in front of.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aReport, connect, newDeviceKey, type Client } from '../helpers/clients';
import { createTestDatabase, usingServer, type TestDatabase } from '../helpers/database';
import { startServer, type RunningServer } from '../helpers/server';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';

let database: TestDatabase;
let proxy: TcpProxy;
let server: RunningServer;
let reporter: Client;

describe.skipIf(!usingServer)('a database outage', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    const url = new URL(database.env.DATABASE_URL!);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.host = `127.0.0.1:${proxy.port}`;
    // A device may send three reports: its retries through the outage must not spend them.
    server = await startServer({ DATABASE_URL: url.toString(), REPORT_LIMIT_PER_DEVICE: '3' });
    reporter = await connect(server.url, newDeviceKey());
  });

  afterAll(async () => {
    reporter?.close();
    await server?.stop();
    await proxy?.close();
    await database?.drop();
  });

  const health = async () => (await fetch(`${server.url}/api/health`)).status;
  const post = async (body: unknown) => {
    const response = await fetch(`${server.url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-device-key': 'outage-test-http-device-01' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { error?: { code: string } } };
  };

  it('answers unavailable rather than hang, stays up, and recovers when the database is back', async () => {
    let landing: URL;
    expect((await reporter.emitWithAck('report:create', aReport({ checkpointId: 'kyakhta' }))).ok).toBe(true);

    await proxy.cut();
    await expect.poll(health, { timeout: 15_000, interval: 250 }).toBe(503);

    const started = Date.now();
    const retried = aReport({ checkpointId: 'kyakhta' });
    const refused = await reporter.timeout(15_000).emitWithAck('report:create', retried);
    expect(refused).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(Date.now() - started).toBeLessThan(15_000);
    // The outbox keeps retrying: each is unavailable, never rate_limited, and spends nothing.
    for (let i = 0; i < 5; i += 1) {
      expect(await reporter.timeout(15_000).emitWithAck('report:create', retried)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    }
    const posted = await post(aReport({ checkpointId: 'kyakhta' }));
    expect(posted.status).toBe(503);
    expect(posted.body.error?.code).toBe('unavailable');
    const list = await fetch(`${server.url}/api/checkpoints`);
    expect(list.status).toBe(503);
    // The pages say so, in the reader's language, and try again by themselves: not a blank 500.
    for (const path of ['/', '/list', '/checkpoints/kyakhta']) {
      const page = await fetch(`${server.url}${path}`, { headers: { 'accept-language': 'ru' } });
      expect(page.status, path).toBe(503);
      expect(page.headers.get('retry-after'), path).toBe('30');
      expect(page.headers.get('cache-control'), path).toBe('no-store');
      const text = await page.text();
      expect(text, path).toContain('Кордон сейчас не может прочитать данные об очередях');
      expect(text, path).toContain('<meta http-equiv="refresh" content="30">');
      expect(text, path).not.toContain('сообщение не сохранено');
    }
    // The form without scripts: the report is refused, and the page it lands on says it was not saved; the
    // address it reloads keeps what was typed, for the form once the page opens.
    const form = await fetch(`${server.url}/checkpoints/kyakhta/report`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', 'accept-language': 'ru' },
      body: 'report-direction=out&report-mode=car&waitHours=4',
      redirect: 'manual',
    });
    expect(form.status).toBe(303);
    landing = new URL(form.headers.get('location')!, server.url);
    expect(Object.fromEntries(landing.searchParams)).toMatchObject({ report: 'refused', code: 'unavailable', w: '4' });
    const landed = await fetch(landing, { headers: { 'accept-language': 'ru' } });
    expect(landed.status).toBe(503);
    expect(await landed.text()).toContain('Ваше сообщение не сохранено. Когда страница откроется, то, что вы ввели, будет в форме');
    expect(server.process.exitCode).toBeNull();

    await proxy.restore();
    await expect.poll(health, { timeout: 15_000, interval: 250 }).toBe(200);
    for (const path of ['/', '/list', '/checkpoints/kyakhta']) expect((await fetch(`${server.url}${path}`)).status, path).toBe(200);
    // The reload of the form's landing page now opens it: the refusal said, and the wait typed in the form.
    const reopened = await fetch(landing, { headers: { 'accept-language': 'ru' } });
    expect(reopened.status).toBe(200);
    const reopenedText = await reopened.text();
    expect(reopenedText).toContain('Сервер сейчас недоступен, сообщение не сохранено');
    expect(reopenedText).toMatch(/name="waitHours"[^>]*value="4"|value="4"[^>]*name="waitHours"/);
    await expect
      .poll(async () => (await reporter.emitWithAck('report:create', retried)).ok, { timeout: 15_000, interval: 500 })
      .toBe(true);
    const stored = await database.query<{ count: string }>(`SELECT count(*)::text AS count FROM "Report" WHERE id = $1`, [retried.id]);
    expect(stored[0]?.count).toBe('1');
    // Two stored, so one more fits the device's three; the seven tries through the outage cost nothing.
    expect((await reporter.emitWithAck('report:create', aReport({ checkpointId: 'kyakhta' }))).ok).toBe(true);
    expect(await reporter.emitWithAck('report:create', aReport({ checkpointId: 'kyakhta' }))).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });
});

describe.skipIf(!usingServer)('a database that reads but cannot write', () => {
  let full: TestDatabase;
  let node: RunningServer;
  afterAll(async () => {
    await node?.stop();
    await full?.drop();
  });

  it('answers reports unavailable (not internal), and health says so too, until a report is stored again', async () => {
    full = await createTestDatabase();
    node = await startServer(full.env);
    const send = async () => {
      const response = await fetch(`${node.url}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-device-key': 'disk-full-test-device-01' },
        body: JSON.stringify(aReport({ checkpointId: 'kyakhta' })),
      });
      return { status: response.status, body: (await response.json()) as { error?: { code: string } } };
    };
    const health = async () => {
      const response = await fetch(`${node.url}/api/health`);
      return { status: response.status, body: (await response.json()) as { status: string; reason?: string } };
    };
    expect((await health()).status).toBe(200);
    // A full disk, as PostgreSQL reports it, on every new report only: reads and a rolled-back probe still work.
    await full.query(`CREATE FUNCTION refuse_report() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'could not extend file "base/16384/16390": No space left on device' USING ERRCODE = '53100'; END $$ LANGUAGE plpgsql`);
    await full.query(`CREATE TRIGGER disk_full BEFORE INSERT ON "Report" FOR EACH ROW EXECUTE FUNCTION refuse_report()`);
    const refused = await send();
    expect(refused).toMatchObject({ status: 503, body: { error: { code: 'unavailable' } } });
    expect(await health()).toMatchObject({ status: 503, body: { status: 'unavailable', reason: expect.stringContaining('reports are failing') } });
    expect((await fetch(`${node.url}/api/checkpoints`)).status).toBe(200);

    await full.query('DROP TRIGGER disk_full ON "Report"');
    expect((await send()).status).toBe(201);
    expect((await health()).status).toBe(200);
  });
});
