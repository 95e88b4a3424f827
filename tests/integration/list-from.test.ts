// /list from a start, without JavaScript: the crossings ranked by drive + wait
// from a town typed into a plain form, the drives from the operator's routing
// service when it answers and estimated when it does not, and the town in no
// log line and no cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startOsrmStandIn, type OsrmStandIn } from '../helpers/osrm-stand-in';
import { ROUTING_AT_ONCE } from '../../server/list-page';
import { startServer, type RunningServer } from '../helpers/server';

let database: TestDatabase;
let server: RunningServer;
let osrm: OsrmStandIn;

beforeAll(async () => {
  database = await createTestDatabase();
  osrm = await startOsrmStandIn({ factor: 1.5, kmh: 50 });
  server = await startServer({ ...database.env, LOG_LEVEL: 'trace', ROUTING_URL: osrm.url });
  for (const [checkpointId, waitMinutes] of [['vishnevka', 2880], ['ozinki', 180], ['karauzek', 240], ['mashtakovo', 300]] as const) {
    const response = await fetch(`${server.url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-device-key': `list-from-device-${checkpointId}` },
      body: JSON.stringify({ id: crypto.randomUUID(), checkpointId, direction: 'out', mode: 'car', waitMinutes }),
    });
    expect(response.status).toBe(201);
  }
});
afterAll(async () => {
  await server?.stop();
  await osrm?.close();
  await database?.drop();
});

const list = (query: string) => fetch(`${server.url}/list?${query}`, { headers: { 'accept-language': 'ru' } });
const ranked = (html: string) => [...html.matchAll(/class="name-primary" href="\/checkpoints\/([a-z0-9-]+)"/g)].map((m) => m[1]);

describe('/list from a start', () => {
  it('ranks the crossings by drive + wait from a town typed in Russian: two days at the nearest below 3 h farther off', async () => {
    const response = await list(`from=${encodeURIComponent('Волгоград')}&sort=total`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Дорога считается от: Волгоград');
    const order = ranked(html);
    expect(order.indexOf('ozinki')).toBeLessThan(order.indexOf('vishnevka'));
    expect(order.indexOf('karauzek')).toBeLessThan(order.indexOf('vishnevka'));
    // The bilateral crossing says what that means.
    expect(html).toContain('Двусторонний пункт: пропускают только граждан России и соседней страны.');
    // The drives are the routing service's: no "approx." mark, and it was asked once, from Volgograd.
    expect(html).toMatch(/\d км, [\d,]+ ч за рулём · /);
    expect(osrm.requests.at(-1)).toMatch(/^\/table\/v1\/driving\/44\.5\d+,48\.7\d+;/);
  });

  it('from Novosibirsk, names the unreported crossings a few hours away that may beat the far ones with reports', async () => {
    const html = await (await list(`from=${encodeURIComponent('Новосибирск')}&sort=total`)).text();
    // The four reported crossings lie two days west; the Altai crossings, hours away, have no reports and rank below.
    const order = ranked(html);
    expect(order.slice(0, 4).sort()).toEqual(['karauzek', 'mashtakovo', 'ozinki', 'vishnevka']);
    expect(html).toMatch(/\d+ пункт(а|ов)? без свежих сообщений об очереди (может|могут) оказаться быстрее: одна дорога туда короче, чем дорога и очередь у первого в списке\. Ближайший — [^<]+, [\d,]+ ч за рулём\./);
    // The answer first, then that line, then the rest numbered on from 2; the note on what is kept after them all.
    const marks = [`href="/checkpoints/${order[0]}"`, 'class="nearer-unreported"', '<ol class="checkpoints ranked" start="2">', 'с вашим городом не сохраняется'];
    const at = marks.map((mark) => html.indexOf(mark));
    expect(at[0]).toBeGreaterThan(0);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    // The form sends the reader to that answer, not to the form again.
    expect(html).toContain('action="/list#results"');
    expect(html).toContain('id="results"');
  });

  it('falls back to the estimate when the routing service fails, and says the drive is approximate', async () => {
    osrm.mode = 'error';
    const html = await (await list(`from=Volgograd&sort=total`)).text();
    expect(html).toContain('за рулём (прибл.)');
    expect(ranked(html).indexOf('ozinki')).toBeLessThan(ranked(html).indexOf('vishnevka'));
    osrm.mode = 'ok';
  });

  it(`asks the routing service at most ${ROUTING_AT_ONCE} things at once: a flood of starts gets estimated drives at once instead of piling up on it`, async () => {
    osrm.mode = 'hang';
    const before = osrm.requests.length;
    const started = Date.now();
    const pages = await Promise.all(Array.from({ length: 12 }, () => list(`from=Volgograd&sort=total`).then(async (response) => ({ status: response.status, html: await response.text(), ms: Date.now() - started }))));
    expect(pages.map((page) => page.status)).toEqual(Array(12).fill(200));
    expect(osrm.requests.length - before).toBe(ROUTING_AT_ONCE);
    // Every page still ranks, with drives marked approximate; those not let through did not wait for the service.
    for (const page of pages) expect(page.html).toContain('за рулём (прибл.)');
    expect(pages.filter((page) => page.ms < 1500).length).toBeGreaterThanOrEqual(12 - ROUTING_AT_ONCE);
    // Once it answers again, a start is routed again: the questions that timed out gave their places back.
    osrm.mode = 'ok';
    const html = await (await list(`from=Volgograd&sort=total`)).text();
    expect(html).not.toContain('(прибл.)');
    expect(osrm.requests.length - before).toBe(ROUTING_AT_ONCE + 1);
  });

  it('keeps the town out of every cache and every log line', async () => {
    const response = await list(`from=${encodeURIComponent('Волгоград')}&sort=distance`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    await response.text();
    const logged = JSON.stringify(server.logs);
    for (const trace of ['Волгоград', encodeURIComponent('Волгоград'), 'Volgograd', 'from=']) expect(logged).not.toContain(trace);
    // Without a start, the list is the same for everyone, and shared.
    expect((await list('sort=wait')).headers.get('cache-control')).toBe('public, max-age=5, stale-while-revalidate=30');
  });

  it('says so when the town is not found, and orders without drives', async () => {
    const html = await (await list(`from=${encodeURIComponent('Нигдеград')}&sort=total`)).text();
    expect(html).toContain('Место «Нигдеград» не найдено');
    expect(html).toContain('id="border-KZ"');
  });

  it('takes a typo for the town it is closest to, and says which it took', async () => {
    const html = await (await list(`from=${encodeURIComponent('Волгогад')}&sort=total`)).text();
    expect(html).toContain('Места «Волгогад» нет; дорога считается от похожего: Волгоград.');
    const order = ranked(html);
    expect(order.indexOf('ozinki')).toBeLessThan(order.indexOf('vishnevka'));
    expect(osrm.requests.at(-1)).toMatch(/^\/table\/v1\/driving\/44\.5\d+,48\.7\d+;/);
  });
});
