import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/events';
import { basemapFeatures, type BasemapTopology } from '../../lib/basemap';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startServer, type RunningServer } from '../helpers/server';

let database: TestDatabase;
let server: RunningServer;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startServer(database.env);
});

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

async function getJson(path: string) {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

describe('GET /api/health', () => {
  it('answers 200 ok while the database answers', async () => {
    const { status, body } = await getJson('/api/health');
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok' });
  });
});

describe('GET /api/checkpoints', () => {
  it('lists every catalogue checkpoint once, with the documented fields', async () => {
    const { status, body, headers } = await getJson('/api/checkpoints');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/application\/json/);
    const ids = body.checkpoints.map((checkpoint: { id: string }) => checkpoint.id);
    expect(ids).toHaveLength(46);
    expect(new Set(ids).size).toBe(46);
    const lars = body.checkpoints.find((checkpoint: { id: string }) => checkpoint.id === 'verkhny-lars');
    expect(lars).toMatchObject({
      border: 'GE',
      name: { en: 'Verkhny Lars (Upper Lars) – Dariali', ru: 'Верхний Ларс – Дарьяли' },
      lat: 42.7681,
      lon: 44.6311,
      modes: ['car', 'truck', 'bus'],
      access: 'multilateral',
      status: 'open',
      capacityPerDay: 2000,
      estimates: [],
    });
    expect(body.checkpoints.find((checkpoint: { id: string }) => checkpoint.id === 'syuvyaoro')).toMatchObject({ status: 'closed' });
    // The corrected positions of 2026-12-01: Salla where road 82 meets the line, as the catalogue spells its quality.
    expect(body.checkpoints.find((checkpoint: { id: string }) => checkpoint.id === 'salla')).toMatchObject({ lat: 66.9442, lon: 29.0341, coordinateQuality: 'checkpoint' });
    const qualities = new Set(body.checkpoints.map((checkpoint: { coordinateQuality: string }) => checkpoint.coordinateQuality));
    expect([...qualities].sort()).toEqual(['approximate', 'checkpoint', 'road-crossing', 'settlement']);
  });

  it.each([
    ['FI', 9],
    ['GE', 1],
    ['KZ', 28],
    ['MN', 8],
  ])('filters by border %s', async (border, count) => {
    const { status, body } = await getJson(`/api/checkpoints?border=${border}`);
    expect(status).toBe(200);
    expect(body.checkpoints).toHaveLength(count);
    expect(body.checkpoints.every((checkpoint: { border: string }) => checkpoint.border === border)).toBe(true);
  });

  it('accepts a border code in lower case', async () => {
    const { body } = await getJson('/api/checkpoints?border=mn');
    expect(body.checkpoints).toHaveLength(8);
  });

  it('refuses an unknown border with invalid_query naming the field', async () => {
    const { status, body } = await getJson('/api/checkpoints?border=RU');
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_query');
    expect(body.error.message).toEqual(expect.any(String));
    expect(body.error.fields).toEqual([expect.objectContaining({ path: 'border' })]);
  });

  it('refuses an address over 4,096 characters with 414 and invalid_query on (url), before any route runs', async () => {
    const response = await fetch(`${server.url}/api/checkpoints?border=${'a'.repeat(5000)}`);
    expect(response.status).toBe(414);
    expect(await response.json()).toEqual({
      error: { code: 'invalid_query', message: 'The address is longer than 4096 characters.', fields: [{ path: '(url)', message: 'is too long' }] },
    });
  });

  it('refuses an unknown query parameter and a repeated one', async () => {
    const unknown = await getJson('/api/checkpoints?colour=red');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('invalid_query');
    expect(unknown.body.error.fields).toEqual([{ path: 'colour', message: 'is not a known field' }]);

    const repeated = await getJson('/api/checkpoints?border=FI&border=GE');
    expect(repeated.status).toBe(400);
    expect(repeated.body.error.fields).toEqual([expect.objectContaining({ path: 'border' })]);
  });
});

describe('GET /api/checkpoints/:id', () => {
  it('returns one checkpoint', async () => {
    const { status, body } = await getJson('/api/checkpoints/kyakhta');
    expect(status).toBe(200);
    expect(body.checkpoint).toMatchObject({ id: 'kyakhta', border: 'MN', name: { ru: expect.stringContaining('Кяхта') } });
  });

  it('publishes report times to the minute and keeps a phone\'s own times to the minute', async () => {
    const id = crypto.randomUUID();
    const crossedAt = new Date(Date.now() - 61_234);
    const joinedAt = new Date(crossedAt.getTime() - 3 * 3_600_000 - 17_890);
    const response = await fetch(`${server.url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-device-key': 'minute-test-device-0001' },
      body: JSON.stringify({ id, checkpointId: 'tashanta', direction: 'out', mode: 'car', joinedAt: joinedAt.toISOString(), crossedAt: crossedAt.toISOString() }),
    });
    expect(response.status).toBe(201);
    const ack = (await response.json()) as any;
    const wholeMinute = (iso: string) => Date.parse(iso) % 60_000 === 0;
    for (const iso of [ack.report.createdAt, ack.report.joinedAt, ack.report.crossedAt, ack.estimate.lastReportAt]) expect(wholeMinute(iso), iso).toBe(true);
    const { body } = await getJson('/api/checkpoints/tashanta');
    const listed = body.checkpoint.recentReports.find((r: { id: string }) => r.id === id);
    expect(wholeMinute(listed.createdAt)).toBe(true);
    const [stored] = await database.query<{ joinedAt: Date; crossedAt: Date }>('SELECT "joinedAt", "crossedAt" FROM "Report" WHERE id = $1', [id]);
    expect(stored!.joinedAt.getTime() % 60_000).toBe(0);
    expect(stored!.crossedAt.getTime() % 60_000).toBe(0);
  });

  it('reads a crossing on the clock of the phone that sent it, moved onto the server\'s, and keeps nothing of that clock', async () => {
    // A phone five hours fast, whose "crossed after 3 h" ended a minute ago by its own clock.
    const fast = 5 * 3_600_000;
    const sentAt = new Date(Date.now() + fast);
    const crossedAt = new Date(sentAt.getTime() - 60_000);
    const joinedAt = new Date(crossedAt.getTime() - 3 * 3_600_000);
    const report = { checkpointId: 'tashanta', direction: 'out', mode: 'car', joinedAt: joinedAt.toISOString(), crossedAt: crossedAt.toISOString() };
    const post = (body: object) =>
      fetch(`${server.url}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-device-key': 'clock-test-device-0001' }, body: JSON.stringify(body) });
    const refused = await post({ id: crypto.randomUUID(), ...report });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as any).error.fields).toContainEqual({ path: 'crossedAt', message: 'is in the future' });
    const id = crypto.randomUUID();
    const response = await post({ id, ...report, sentAt: sentAt.toISOString() });
    expect(response.status).toBe(201);
    const ack = (await response.json()) as any;
    expect(ack.report).not.toHaveProperty('sentAt');
    const [stored] = await database.query<{ ago: number; took: number }>(
      'SELECT extract(epoch FROM now() - "crossedAt")::float AS ago, extract(epoch FROM "crossedAt" - "joinedAt")::float AS took FROM "Report" WHERE id = $1',
      [id],
    );
    // A minute ago, floored to the minute: one to two minutes before now.
    expect(stored!.ago).toBeGreaterThanOrEqual(60);
    expect(stored!.ago).toBeLessThan(125);
    expect(stored!.took).toBe(3 * 3600);
    const bad = await post({ id: crypto.randomUUID(), ...report, sentAt: 'when I pressed send' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.fields.map((f: { path: string }) => f.path)).toEqual(['sentAt']);
  });

  it('gives a post\'s opening hours, and while it is shut, when it opens: the wait counts the hours until then', async () => {
    const response = await fetch(`${server.url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-device-key': 'opening-hours-test-device-1' },
      body: JSON.stringify({ id: crypto.randomUUID(), checkpointId: 'salla', direction: 'out', mode: 'car', queueVehicles: 50 }),
    });
    expect(response.status).toBe(201);
    const { estimate } = (await response.json()) as { estimate: { opensAt: string | null; waitMinutes: number } };
    const { body } = await getJson('/api/checkpoints/salla');
    expect(body.checkpoint.openingHours).toEqual({ open: '08:00', close: '22:00', timeZone: 'Europe/Moscow' });
    // Salla works 08:00–22:00 Moscow time (UTC+3): shut from 19:00 to 05:00 UTC.
    const hour = new Date().getUTCHours();
    const shut = hour >= 19 || hour < 5;
    if (shut) {
      const opens = new Date(estimate.opensAt!);
      expect(opens.getUTCHours()).toBe(5);
      expect(estimate.waitMinutes).toBeGreaterThanOrEqual(Math.floor((opens.getTime() - Date.now()) / 60_000));
    } else expect(estimate.opensAt).toBeNull();
    // While it is open the estimate says when it shuts: 19:00 UTC.
    const closesAt = (estimate as { closesAt?: string | null }).closesAt;
    if (shut) expect(closesAt).toBeNull();
    else expect(new Date(closesAt!).getUTCHours()).toBe(19);
    expect((await getJson('/api/checkpoints/kyakhta')).body.checkpoint.openingHours).toBeNull();
    // The list without scripts says the hours too, under the post's wait.
    const { text } = await html('/list');
    const row = text.slice(text.indexOf('data-checkpoint="salla"'), text.indexOf('</li>', text.indexOf('data-checkpoint="salla"')));
    // …on whose clock: at a border "local time" is two clocks an hour apart.
    expect(row).toContain(shut ? 'Сейчас закрыт, откроется в 08:00 по московскому времени' : 'Работает 08:00–22:00 по московскому времени');
  });

  it('answers 404 not_found for an unknown id', async () => {
    const { status, body } = await getJson('/api/checkpoints/atlantis');
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: 'not_found', fields: [{ path: 'id', message: expect.any(String) }] });
  });
});

const html = async (path: string, language = 'ru') => {
  const response = await fetch(`${server.url}${path}`, { headers: { 'accept-language': language } });
  return { status: response.status, text: await response.text() };
};

describe('the pages, without scripts', () => {
  it('/list lists the checkpoints under the four borders with both names', async () => {
    const { status, text } = await html('/list');
    expect(status).toBe(200);
    for (const heading of ['Финляндия', 'Грузия', 'Казахстан', 'Монголия']) expect(text).toContain(`>${heading} <`);
    expect(text).toContain('Верхний Ларс – Дарьяли');
    // A newcomer standing in a queue is told what to do: open the crossing and say how long.
    expect(text).toContain('Стоите в очереди? Откройте свой пункт и сообщите, сколько ждать');
    expect(text).toContain('Verkhny Lars (Upper Lars) – Dariali');
    expect(text.match(/<li data-checkpoint="/g)).toHaveLength(46);
  });

  it('/list shows the current estimate for the chosen direction and mode, and English to an English browser', async () => {
    const kyakhta = (text: string) => text.slice(text.indexOf('<li data-checkpoint="kyakhta"'), text.indexOf('</li>', text.indexOf('<li data-checkpoint="kyakhta"')));
    // Read just before the report: the page one render serves to every reader must not outlive the data it shows.
    expect(kyakhta((await html('/list?direction=in&mode=truck', 'en-GB,en;q=0.9')).text)).toContain('no recent data');
    const report = { id: crypto.randomUUID(), checkpointId: 'kyakhta', direction: 'in', mode: 'truck', waitMinutes: 300 };
    const posted = await fetch(`${server.url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-device-key': 'list-page-test-device-0001' },
      body: JSON.stringify(report),
    });
    expect(posted.status).toBe(201);

    const entering = await html('/list?direction=in&mode=truck', 'en-GB,en;q=0.9');
    expect(entering.text).toContain('<html lang="en"');
    expect(kyakhta(entering.text)).toContain('data-band="under12"');
    expect(kyakhta(entering.text)).toContain('about 5 h');
    // Leaving by car, nobody has reported: the list says so rather than show a number.
    const leaving = await html('/list?direction=out&mode=car', 'en-GB');
    expect(kyakhta(leaving.text)).toContain('no recent data');
    // A hand-edited address falls back to the defaults.
    expect((await html('/list?direction=sideways&mode=rocket')).status).toBe(200);
  });

  it('/checkpoints/<id> renders the checkpoint panel on the server', async () => {
    const { status, text } = await html('/checkpoints/verkhny-lars');
    expect(status).toBe(200);
    expect(text).toContain('<h2 id="panel-title" tabindex="-1">Верхний Ларс – Дарьяли</h2>');
    expect(text).toContain('Сообщить об очереди');
    expect(text).toContain('<title>Верхний Ларс – Дарьяли — Кордон</title>');
  });

  it('/checkpoints/<unknown> is a 404 page in the reader\'s language, readable without scripts, with a guess and a way back', async () => {
    expect((await html('/checkpoints/atlantis')).status).toBe(404);
    expect((await html('/checkpoints/NOT%20AN%20ID')).status).toBe(404);
    const mistyped = await html('/checkpoints/vishnyovka');
    expect(mistyped.status).toBe(404);
    expect(mistyped.text).toContain('<h1>Такой страницы нет</h1>');
    expect(mistyped.text).toContain('<a href="/checkpoints/vishnevka">Вишнёвка – Жәнібек</a>');
    expect(mistyped.text).toContain('<a href="/">На главную</a>');
    expect(mistyped.text).not.toMatch(/<script/i);
    expect((await html(`/checkpoints/${encodeURIComponent('верхний-ларс')}`)).text).toContain('href="/checkpoints/verkhny-lars"');
    const english = await html('/no-such-page', 'en');
    expect(english.status).toBe(404);
    expect(english.text).toContain('There is no such page');
  });

  it('/ and /list point to the list for browsers without scripts', async () => {
    const { text } = await html('/');
    expect(text).toMatch(/<noscript>.*href="\/list"/s);
  });

  it('/ and /list tell the browser their scheme and its bar\'s colour in each before the style sheet, as the manifest does', async () => {
    for (const path of ['/', '/list']) {
      const { text } = await html(path);
      const head = text.slice(0, text.indexOf('</head>'));
      expect(head, path).toMatch(/<meta name="color-scheme" content="light dark"\/?>/);
      // Each theme-color as [media, content], whatever the order its attributes are written in.
      const themes = [...head.matchAll(/<meta name="theme-color"[^>]*>/g)].map(([tag]) => [/media="([^"]*)"/.exec(tag)?.[1], /content="([^"]*)"/.exec(tag)?.[1]]);
      expect(themes, path).toEqual([
        ['(prefers-color-scheme: light)', '#0b3d6e'],
        ['(prefers-color-scheme: dark)', '#0b2744'],
      ]);
    }
    const manifest = (await (await fetch(`${server.url}/manifest.webmanifest`)).json()) as { theme_color: string };
    expect(manifest.theme_color).toBe('#0b3d6e');
  });

  it('/privacy shows docs/privacy.md in both languages, and every page links to it', async () => {
    const { status, text } = await html('/privacy');
    expect(status).toBe(200);
    expect(text).toContain('<h3 lang="en">What Kordon never stores</h3>');
    expect(text).toContain('<h3 lang="ru">Чего Кордон никогда не хранит</h3>');
    expect(text).toContain('<strong>No IP address.</strong>');
    for (const path of ['/', '/list', '/checkpoints/kyakhta']) expect((await html(path)).text, path).toContain('href="/privacy"');
  });

  it('a crossing\'s link previews its name and current wait for the direction and mode the link carries, from the server alone', async () => {
    const sent = await fetch(`${server.url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-device-key': 'preview-test-device-0000001' },
      body: JSON.stringify({ id: crypto.randomUUID(), checkpointId: 'mondy', direction: 'in', mode: 'truck', waitMinutes: 300 }),
    });
    expect(sent.status).toBe(201);
    const { text } = await html('/checkpoints/mondy?direction=in&mode=truck');
    expect(text).toContain('<title>Монды – Ханх: ≈ 5 ч — Кордон</title>');
    expect(text).toMatch(/<meta property="og:description" content="Въезд в Россию, грузовые; около 5 ч; [^"]*"/);
    expect(text).not.toMatch(/og:image/);
    // The same link for cars leaving: no number to show.
    expect((await html('/checkpoints/mondy')).text).toContain('<title>Монды – Ханх — Кордон</title>');
  });

  it('a checkpoint\'s page says honestly how near its position on the map is to the post', async () => {
    const said = async (id: string) => /<dd class="position" data-quality="([a-z-]+)">([^<]*)<\/dd>/.exec((await html(`/checkpoints/${id}`)).text)!.slice(1);
    expect(await said('torfyanovka')).toEqual(['checkpoint', 'сам пункт пропуска']);
    expect(await said('kyakhta')).toEqual(['road-crossing', 'где дорога пересекает границу; пункт обычно в 1–3 км от неё']);
    expect((await said('tashanta'))[1]).toContain('±10 км');
    expect((await said('polynny'))[1]).toContain('±30 км');
  });

  it('/privacy puts the reader\'s language first: Russian for a Russian reader, English for an English one', async () => {
    const order = (text: string) => Math.sign(text.indexOf('Чего Кордон никогда не хранит') - text.indexOf('What Kordon never stores'));
    expect(order((await html('/privacy', 'ru-RU,ru;q=0.9')).text)).toBe(-1);
    expect(order((await html('/privacy', 'en-GB,en;q=0.9')).text)).toBe(1);
  });

  it('/erase asks once, in the reader\'s language, with a form that posts to /erase/now; its answer clears the site and expires the cookies', async () => {
    const { status, text } = await html('/erase');
    expect(status).toBe(200);
    expect(text).toContain('Стереть Кордон с этого телефона?');
    expect(text).toMatch(/<form[^>]*action="\/erase\/now"[^>]*method="post"|<form[^>]*method="post"[^>]*action="\/erase\/now"/);
    const erased = await fetch(`${server.url}/erase/now`, { method: 'POST', headers: { 'accept-language': 'ru', 'sec-fetch-site': 'same-origin' } });
    expect(erased.status).toBe(200);
    expect(erased.headers.get('clear-site-data')).toBe('"cache", "cookies", "storage"');
    expect(erased.headers.get('cache-control')).toBe('no-store');
    expect(erased.headers.getSetCookie().map((cookie) => cookie.split(';')[0])).toEqual(['kordon_device=', 'kordon_lang=']);
    expect(erased.headers.getSetCookie().every((cookie) => /Max-Age=0/.test(cookie))).toBe(true);
    const page = await erased.text();
    expect(page).toContain('Кордон стёрт с этого телефона');
    expect(page).not.toContain('<script');
  });

  it('lets any cache keep the public reads a few seconds, with an ETag: a repeat is a 304, a new report a new ETag', async () => {
    for (const path of ['/api/checkpoints', '/api/checkpoints?border=MN', '/api/checkpoints/solovyovsk']) {
      const first = await fetch(`${server.url}${path}`);
      expect(first.headers.get('cache-control')).toBe('public, max-age=5, stale-while-revalidate=30');
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      const repeat = await fetch(`${server.url}${path}`, { headers: { 'if-none-match': etag } });
      expect(repeat.status).toBe(304);
      expect(await repeat.text()).toBe('');
      expect(repeat.headers.get('etag')).toBe(etag);
    }
    const before = (await fetch(`${server.url}/api/checkpoints/solovyovsk`)).headers.get('etag')!;
    const sent = await fetch(`${server.url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-device-key': 'etag-test-device-0000001' },
      body: JSON.stringify({ id: crypto.randomUUID(), checkpointId: 'solovyovsk', direction: 'out', mode: 'car', waitMinutes: 90 }),
    });
    expect(sent.headers.get('cache-control')).toBe('no-store');
    const after = await fetch(`${server.url}/api/checkpoints/solovyovsk`, { headers: { 'if-none-match': before } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before);
    // Errors and everything per person stay uncached.
    expect((await fetch(`${server.url}/api/checkpoints/nowhere`)).headers.get('cache-control')).toBe('no-store');
  });

  it('serves /list with no script at all, the same to every reader of a language: cacheable, an ETag per encoding, a 304 on a repeat', async () => {
    // (Node's fetch asks for gzip unless told otherwise.)
    const plain = { 'accept-encoding': 'identity' };
    const russian = await fetch(`${server.url}/list?direction=in&mode=truck`, { headers: { ...plain, 'accept-language': 'ru' } });
    expect(russian.headers.get('content-encoding')).toBeNull();
    expect(russian.status).toBe(200);
    expect(russian.headers.get('cache-control')).toBe('public, max-age=5, stale-while-revalidate=30');
    expect(russian.headers.get('vary')).toBe('Accept-Language, Cookie, Accept-Encoding');
    // No nonce to hand every reader the same of: its policy allows no script.
    expect(russian.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(russian.headers.get('content-security-policy')).not.toContain('nonce');
    const text = await russian.text();
    expect(text).not.toMatch(/<script/i);
    expect(text).toContain('<html lang="ru"');
    expect(text).toContain('<option value="in" selected="">Въезд в Россию</option>');
    const etag = russian.headers.get('etag')!;
    const repeat = await fetch(`${server.url}/list?direction=in&mode=truck`, { headers: { ...plain, 'accept-language': 'ru', 'if-none-match': etag } });
    expect(repeat.status).toBe(304);
    expect(await repeat.text()).toBe('');
    // Another language is another page (and another ETag); the switch's cookie wins over the browser's header.
    const english = await fetch(`${server.url}/list?direction=in&mode=truck`, { headers: { ...plain, 'accept-language': 'ru', cookie: 'kordon_lang=en' } });
    expect(await english.text()).toContain('<html lang="en"');
    expect(english.headers.get('etag')).not.toBe(etag);
    // Compressed when asked, under an ETag of its own.
    const gzip = await fetch(`${server.url}/list?direction=in&mode=truck`, { headers: { 'accept-language': 'ru', 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gzip.headers.get('etag')).not.toBe(etag);
  });

  it('serves the service worker gzipped with an ETag: a visit with it installed costs a 304, not the script', async () => {
    const plain = await fetch(`${server.url}/sw.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('cache-control')).toBe('no-cache');
    const script = Buffer.from(await plain.arrayBuffer());
    // What it keeps for a visit with no connection: the build's scripts and styles, never a source map.
    const precached = [...script.toString('utf8').matchAll(/\{url:"([^"]+)",revision:/g)].map((match) => match[1]!);
    expect(precached.filter((url) => /^\/_next\/static\/chunks\/[\w-]+\.(js|css)$/.test(url)).length).toBeGreaterThan(5);
    expect(precached.filter((url) => url.endsWith('.map'))).toEqual([]);
    // Node's fetch unpacks what it asked for: the length on the wire is the header's.
    const gzip = await fetch(`${server.url}/sw.js`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gzip.headers.get('vary')).toBe('Accept-Encoding');
    expect(Number(gzip.headers.get('content-length'))).toBeLessThan(script.length / 2);
    expect(Buffer.from(await gzip.arrayBuffer()).equals(script)).toBe(true);
    const etag = gzip.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(plain.headers.get('etag')).not.toBe(etag);
    const again = await fetch(`${server.url}/sw.js`, { headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    // A tag of another build is not this one.
    const stale = await fetch(`${server.url}/sw.js`, { headers: { 'accept-encoding': 'gzip', 'if-none-match': '"an-older-build-gzip"' } });
    expect(stale.status).toBe(200);
  });

  it('/ carries the current waits in its first response, readable before any script, shortest first', async () => {
    for (const [checkpointId, waitMinutes] of [['verkhny-ulkhun', 600], ['mondy', 120]] as const) {
      const sent = await fetch(`${server.url}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-device-key': `first-response-device-${checkpointId}` },
        body: JSON.stringify({ id: crypto.randomUUID(), checkpointId, direction: 'out', mode: 'car', waitMinutes }),
      });
      expect(sent.status).toBe(201);
    }
    const html = await (await fetch(`${server.url}/`, { headers: { 'accept-language': 'ru' } })).text();
    const list = html.slice(html.indexOf('class="first-estimates"'));
    expect(list).toContain('Ожидание сейчас — выезд из России, легковые');
    const mondy = list.indexOf('data-checkpoint="mondy"');
    const ulkhun = list.indexOf('data-checkpoint="verkhny-ulkhun"');
    expect(mondy).toBeGreaterThan(0);
    expect(ulkhun).toBeGreaterThan(mondy);
    expect(list).toContain('href="/checkpoints/mondy"');
    expect(list).toContain('Стоите в очереди? Откройте свой пункт и сообщите, сколько ждать');
  });

  it('answers /favicon.ico with the icon, for browsers that find none in the head', async () => {
    const response = await fetch(`${server.url}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
  });

  it('loads nothing from another host', async () => {
    for (const path of ['/', '/list', '/checkpoints/kyakhta', '/privacy']) {
      const { text } = await html(path);
      const references = [...text.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
      expect(references.length).toBeGreaterThan(0);
      expect(references.filter((reference) => /^(https?:)?\/\//.test(reference))).toEqual([]);
    }
  });
});

describe('a method a route does not take', () => {
  const routes: [string, string][] = [
    ['/api/health', 'GET'],
    ['/api/basemap', 'GET'],
    ['/api/checkpoints', 'GET'],
    ['/api/checkpoints/kyakhta', 'GET'],
    ['/api/reports', 'POST'],
    ['/api/moderation/actions', 'GET'],
    ['/api/moderation/checkpoints/kyakhta', 'POST'],
    ['/api/moderation/checkpoints/kyakhta/reports', 'GET'],
    ['/api/moderation/reports/00000000-0000-4000-8000-000000000000', 'POST'],
    ['/api/moderation/devices/abc', 'POST'],
    ['/erase/now', 'POST'],
  ];

  it('gets a coded 405 naming the methods it takes, and OPTIONS names them too', async () => {
    for (const [path, takes] of routes) {
      const allow = takes === 'GET' ? 'GET, HEAD, OPTIONS' : 'POST, OPTIONS';
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => m !== takes)) {
        const response = await fetch(`${server.url}${path}`, { method });
        expect(response.status, `${method} ${path}`).toBe(405);
        expect(response.headers.get('allow'), `${method} ${path}`).toBe(allow);
        expect(await response.json()).toEqual({ error: { code: 'method_not_allowed', message: `This address takes ${takes} only.` } });
      }
      const options = await fetch(`${server.url}${path}`, { method: 'OPTIONS' });
      expect([options.status, options.headers.get('allow')], `OPTIONS ${path}`).toEqual([204, allow]);
    }
  });
});

describe('GET /api/basemap', () => {
  it('serves the bundled country shapes as a TopoJSON topology, cacheable, from this host', async () => {
    const response = await fetch(`${server.url}/api/basemap`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toContain('max-age=');
    const body = (await response.json()) as BasemapTopology;
    expect(body.type).toBe('Topology');
    const names = basemapFeatures(body).features.map((feature) => feature.properties!.name as string);
    for (const country of ['Russia', 'Finland', 'Georgia', 'Kazakhstan', 'Mongolia']) expect(names).toContain(country);
  });
});

describe('Socket.IO', () => {
  it('accepts a client on /socket.io and acknowledges server:ping with the server time', async () => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(server.url, {
      path: '/socket.io',
      transports: ['websocket'],
      reconnection: false,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      const before = Date.now();
      const result = await socket.timeout(5000).emitWithAck('server:ping');
      expect(result.ok).toBe(true);
      if (result.ok) expect(Math.abs(Date.parse(result.data.serverTime) - before)).toBeLessThan(60_000);
    } finally {
      socket.close();
    }
  });
});
