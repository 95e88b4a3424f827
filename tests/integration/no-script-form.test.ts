// The report form without JavaScript: a plain form POST, stored through the
// same path as every report, answered by a redirect to a page that says what
// happened in the reader's language; a double submit or a reload stores one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startServer, type RunningServer } from '../helpers/server';

let database: TestDatabase;
let server: RunningServer;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startServer({ ...database.env, LOG_LEVEL: 'trace' });
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

const page = async (path: string, cookie?: string) =>
  (await fetch(`${server.url}${path}`, { headers: { 'accept-language': 'ru', ...(cookie ? { cookie } : {}) } })).text();
const formIdOf = (html: string) => /name="id" value="([0-9a-f-]{36})"/.exec(html)![1]!;
const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
const reportsAt = async (checkpointId: string) =>
  database.query<{ id: string; deviceKey: string; waitMinutes: number | null; direction: string }>('SELECT id, "deviceKey", "waitMinutes", direction FROM "Report" WHERE "checkpointId" = $1', [checkpointId]);

describe('the report form without JavaScript', () => {
  it('takes a one-tap signal from its buttons, placed after the form\'s own so that Enter never sends one', async () => {
    const html = await page('/checkpoints/ozinki');
    const submit = html.indexOf('type="submit" class="primary"');
    const tap = html.search(/<button[^>]*value="closed"[^>]*name="signal"|<button[^>]*name="signal"[^>]*value="closed"/);
    expect(submit).toBeGreaterThan(0);
    expect(tap).toBeGreaterThan(submit);
    const fields = { id: formIdOf(html), 'report-direction': 'out', 'report-mode': 'car', waitHours: '', vehiclesAhead: '', letThrough: '', 'report-let-through-minutes': '60', tookHours: '', signal: 'turning_back' };
    const sent = await post('/checkpoints/ozinki/report', fields);
    expect(sent.headers.get('location')).toBe('/checkpoints/ozinki?report=accepted&s=turning_back#report-status');
    // It says what was taken and when all will see it, as the page with scripts does, not that the estimate moved.
    const said = await page('/checkpoints/ozinki?report=accepted&s=turning_back');
    expect(said).toContain('Принято: «Разворачивают». Все увидят это, когда то же скажут ещё двое.');
    expect(said).not.toContain('Оценка обновлена');
    const stored = await database.query<{ signal: string; waitMinutes: number | null }>('SELECT signal, "waitMinutes" FROM "Report" WHERE "checkpointId" = $1', ['ozinki']);
    expect(stored).toEqual([{ signal: 'turning_back', waitMinutes: null }]);

    // "Так и есть?" under a wait needs the page's script: a page without one is not offered buttons that do nothing.
    const waited = await post('/checkpoints/ozinki/report', { ...fields, id: crypto.randomUUID(), waitHours: '2', signal: '' });
    expect(waited.headers.get('location')).toBe('/checkpoints/ozinki?report=accepted#report-status');
    const withWait = await page('/checkpoints/ozinki');
    expect(withWait).toMatch(/data-testid="panel-wait">≈ 2 ч/);
    expect(withWait).not.toContain('Так и есть?');
  });

  it('"50 let through in 5 h" alone: says what the wait still lacks, and the panel and /list give the rate, not "no fresh data"', async () => {
    const html = await page('/checkpoints/kulunda');
    const fields = { id: formIdOf(html), 'report-direction': 'out', 'report-mode': 'car', waitHours: '', vehiclesAhead: '', letThrough: '50', 'report-let-through-minutes': '300', tookHours: '' };
    const sent = await post('/checkpoints/kulunda/report', fields);
    expect(sent.headers.get('location')).toBe('/checkpoints/kulunda?report=accepted&nw=1#report-status');
    const said = await page('/checkpoints/kulunda?report=accepted&nw=1');
    expect(said).toContain('Принято, спасибо! Ожидание посчитаем, когда кто-нибудь сообщит, сколько впереди или сколько ждать.');
    expect(said).not.toContain('Оценка обновлена');
    expect(said).toMatch(/data-testid="panel-wait">ожидание пока неизвестно</);
    expect(said).toMatch(/data-testid="panel-throughput">Пропускают около 1[01] машин в час \(по сообщениям\)</);
    // Nor in the description a shared link shows.
    expect(said).toContain('content="Выезд из России, легковые; ожидание пока неизвестно; пропускают около');
    expect(await page('/list')).toMatch(/ожидание пока неизвестно; пропускают около 1[01] машин в час/);

    // Then someone says the queue: the wait is worked out at that rate, and the next report is "updated" again.
    const queue = await post('/checkpoints/kulunda/report', { ...fields, id: crypto.randomUUID(), letThrough: '', vehiclesAhead: '100' });
    expect(queue.headers.get('location')).toBe('/checkpoints/kulunda?report=accepted#report-status');
    expect(await page('/checkpoints/kulunda')).toMatch(/data-testid="panel-wait">≈ (8|9|10|11)(,5)? ч</);
  });

  it('posts to the checkpoint, stores the report once, and says so; a double submit or a reload stores nothing more', async () => {
    const html = await page('/checkpoints/kyakhta');
    expect(html).toContain('action="/checkpoints/kyakhta/report"');
    expect(html).toContain('method="post"');
    // The crossing's hours are there without a script to open them.
    expect(html).toContain('name="tookHours"');
    const id = formIdOf(html);

    const fields = { id, 'report-direction': 'in', 'report-mode': 'truck', waitHours: '3,5', vehiclesAhead: '', letThrough: '', 'report-let-through-minutes': '60', tookHours: '' };
    const first = await post('/checkpoints/kyakhta/report', fields);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/checkpoints/kyakhta?report=accepted#report-status');
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^kordon_device=[A-Za-z0-9_-]{16,128}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
    const device = cookie.split(';')[0]!;
    expect(await page('/checkpoints/kyakhta?report=accepted', device)).toContain('Принято, спасибо!');

    const again = await post('/checkpoints/kyakhta/report', fields, { cookie: device });
    expect(again.headers.get('location')).toBe('/checkpoints/kyakhta?report=duplicate#report-status');
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await page('/checkpoints/kyakhta?report=duplicate', device)).toContain('Это сообщение уже было принято.');

    const stored = await reportsAt('kyakhta');
    expect(stored).toEqual([expect.objectContaining({ id, waitMinutes: 210, direction: 'in' })]);
    // The cookie's key is stored as its keyed hash only, and logged nowhere.
    const key = device.split('=')[1]!;
    expect(stored[0]!.deviceKey).not.toBe(key);
    expect(JSON.stringify(server.logs)).not.toContain(key);
  });

  it('keeps the values and names the field when one is wrong, in the reader’s language, and stores nothing', async () => {
    const id = formIdOf(await page('/checkpoints/tashanta'));
    const refused = await post('/checkpoints/tashanta/report', { id, 'report-direction': 'out', 'report-mode': 'car', waitHours: 'долго', vehiclesAhead: '40' });
    const location = refused.headers.get('location')!;
    expect(location).toMatch(/^\/checkpoints\/tashanta\?report=refused&code=not_a_number&field=waitHours/);
    // The page opens at the form, whose field says what is wrong, not at its top a screenful above.
    expect(location).toMatch(/#report-form-title$/);
    const html = await page(location);
    expect(html).toContain('Введите число');
    expect(html).toContain('value="долго"');
    expect(html).toContain('value="40"');
    expect(html).toContain('data-status="failed"');

    // Out of range, as the server's schema says: the field's range.
    const tooLong = await post('/checkpoints/tashanta/report', { id, 'report-direction': 'out', 'report-mode': 'car', waitHours: '500' });
    const range = await page(tooLong.headers.get('location')!);
    expect(range).toContain('Ожидание — от 0 до 168 ч');
    // Nothing given at all.
    const empty = await post('/checkpoints/tashanta/report', { id, 'report-direction': 'out', 'report-mode': 'car' });
    expect(await page(empty.headers.get('location')!)).toContain('Укажите ожидание, очередь');
    expect(await reportsAt('tashanta')).toEqual([]);
  });

  it('is refused from another site’s page, so no page elsewhere can make its visitors report', async () => {
    const forged = await post('/checkpoints/mondy/report', { 'report-direction': 'out', 'report-mode': 'car', waitHours: '1' }, { 'sec-fetch-site': 'cross-site' });
    expect(forged.status).toBe(403);
    const byOrigin = await fetch(`${server.url}/checkpoints/mondy/report`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://elsewhere.example' },
      body: 'report-direction=out&report-mode=car&waitHours=1',
    });
    expect(byOrigin.status).toBe(403);
    expect(await reportsAt('mondy')).toEqual([]);
  });
});

describe('the report form without JavaScript, past its network\'s allowance of devices without a proof', () => {
  const TOKEN = 'a-moderator-token-of-thirty-two-characters-or-more';
  let held: RunningServer;
  beforeAll(async () => {
    held = await startServer({ ...database.env, REPORT_UNPROVEN_DEVICES_PER_ADDRESS: '2', MODERATOR_TOKEN: TOKEN });
  });
  afterAll(async () => {
    await held?.stop();
  });
  const send = (fields: Record<string, string>, cookie?: string) =>
    fetch(`${held.url}/checkpoints/tashanta/report`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...(cookie ? { cookie } : {}) },
      body: new URLSearchParams({ id: crypto.randomUUID(), 'report-direction': 'out', 'report-mode': 'car', waitHours: '', vehiclesAhead: '', letThrough: '', 'report-let-through-minutes': '60', tookHours: '', ...fields }).toString(),
    });
  const moderation = async (path: string, body?: unknown) =>
    (await fetch(`${held.url}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })).json() as Promise<Record<string, unknown>>;
  /** The estimate's wait and how many devices it heard. */
  const estimate = async () => {
    const [row] = await database.query<{ value: { waitMinutes: number | null; reports: number } }>(`SELECT value FROM "Estimate" WHERE "checkpointId" = 'tashanta' AND direction = 'out' AND mode = 'car'`);
    return { waitMinutes: row!.value.waitMinutes, reports: row!.value.reports };
  };

  it('stores the report held for a moderator rather than refusing it, says so, and counts it once a moderator shows it', async () => {
    // Two invented device keys spend the address's allowance, both saying a week.
    for (let i = 0; i < 2; i += 1) expect((await send({ waitHours: '168' })).headers.get('location')).toBe('/checkpoints/tashanta?report=accepted#report-status');
    const before = await estimate();
    expect(before).toEqual({ waitMinutes: expect.any(Number), reports: 2 });

    // A person without scripts behind the same address: not refused, kept, and told what became of it.
    const id = crypto.randomUUID();
    const sent = await send({ id, waitHours: '2' });
    expect(sent.headers.get('location')).toBe('/checkpoints/tashanta?report=held#report-status');
    const device = sent.headers.get('set-cookie')!.split(';')[0]!;
    const said = await (await fetch(`${held.url}/checkpoints/tashanta?report=held`, { headers: { 'accept-language': 'ru', cookie: device } })).text();
    expect(said).toContain('Сообщение сохранено, но в оценку пока не вошло');
    expect(said).toContain('Его может учесть модератор');
    expect(said).not.toContain('Оценка обновлена');
    const [stored] = await database.query<{ hidden: boolean; held: boolean; waitMinutes: number }>('SELECT hidden, held, "waitMinutes" FROM "Report" WHERE id = $1', [id]);
    expect(stored).toEqual({ hidden: true, held: true, waitMinutes: 120 });
    // It does not count, and a resend is its repeat, still held.
    expect(await estimate()).toEqual(before);
    expect((await send({ id, waitHours: '2' }, device)).headers.get('location')).toBe('/checkpoints/tashanta?report=held#report-status');

    // Moderators are told where held reports wait, and see them marked.
    const alerts = (await moderation('/api/moderation/alerts')).alerts as Record<string, unknown>[];
    expect(alerts).toContainEqual(expect.objectContaining({ kind: 'held-reports', checkpointId: 'tashanta', direction: 'out', mode: 'car', reports: 1 }));
    const listed = (await moderation('/api/moderation/checkpoints/tashanta/reports')).reports as { id: string; held: boolean; hidden: boolean }[];
    expect(listed.find((report) => report.id === id)).toMatchObject({ held: true, hidden: true });

    // A moderator shows it: it counts, and no longer waits.
    expect(await moderation(`/api/moderation/reports/${id}`, { hidden: false, reason: 'a plausible wait' })).toMatchObject({ affected: 1 });
    expect((await estimate()).reports).toBe(3);
    expect(((await moderation('/api/moderation/alerts')).alerts as Record<string, unknown>[]).filter((alert) => alert.kind === 'held-reports')).toEqual([]);
    const [shown] = await database.query<{ hidden: boolean; held: boolean }>('SELECT hidden, held FROM "Report" WHERE id = $1', [id]);
    expect(shown).toEqual({ hidden: false, held: false });
  });
});
