// The moderator page without a browser, as an attacker would post to it, and the modes a moderator opens or closes:
// only this page's forms act, in the moderator's name; a revoked token is out at once; a mode opened survives a
// restart (the catalogue sync never undoes it) and is taken by every node; new devices from one address are shown
// by a prefix of its keyed hash and can be hidden in one action; reports held for a moderator are shown where they wait.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatModerators, hashToken } from '../../lib/moderation/moderators';
import { newDeviceKey } from '../helpers/clients';
import { createTestDatabase, usingServer, type TestDatabase } from '../helpers/database';
import { startServer, type RunningServer } from '../helpers/server';

const TOKEN = 'boris-moderator-token-0123456789abcdefghijkl';
const folder = mkdtempSync(join(tmpdir(), 'kordon-moderate-page-'));
const MODERATORS_FILE = join(folder, 'moderators');
let database: TestDatabase;
let server: RunningServer;

const env = () => ({ ...database.env, MODERATORS_FILE, REPORT_LIMIT_PER_ADDRESS: '10000' });

beforeAll(async () => {
  writeFileSync(MODERATORS_FILE, formatModerators([{ name: 'Борис', tokenHash: hashToken(TOKEN) }]), { mode: 0o600 });
  database = await createTestDatabase();
  server = await startServer(env());
});

afterAll(async () => {
  await server?.stop();
  await database?.drop();
  rmSync(folder, { recursive: true, force: true });
});

/** Signs in as a browser would: the session cookie, and the page's form token. */
async function signIn(token = TOKEN): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${server.url}/moderate`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    body: new URLSearchParams({ intent: 'login', token }),
    redirect: 'manual',
  });
  expect(response.status).toBe(303);
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  expect(response.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
  const page = await (await fetch(`${server.url}/moderate`, { headers: { cookie } })).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
  expect(csrf).toBeTruthy();
  return { cookie, csrf: csrf! };
}

function post(cookie: string, fields: Record<string, string | string[]>, headers: Record<string, string> = { 'sec-fetch-site': 'same-origin' }) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(key, one);
  return fetch(`${server.url}/moderate`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers }, body, redirect: 'manual' });
}

async function report(checkpointId: string, mode: string, deviceKey = newDeviceKey()) {
  return fetch(`${server.url}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-device-key': deviceKey },
    body: JSON.stringify({ id: crypto.randomUUID(), checkpointId, direction: 'out', mode, waitMinutes: 90 }),
  });
}

const auditCount = async () => Number((await database.query<{ n: string }>(`SELECT count(*)::text AS n FROM "ModerationAction"`))[0]!.n);
const modesOf = async (id: string) =>
  ((await (await fetch(`${server.url}/api/checkpoints/${id}`)).json()) as { checkpoint: { modes: string[] } }).checkpoint.modes;

describe('the page acts only on its own forms', () => {
  it('refuses a post without the form token, with another moderator\'s, or from another site, and changes nothing', async () => {
    const { cookie, csrf } = await signIn();
    const status = { intent: 'set-status', checkpoint: 'kyakhta', status: 'closed', note: 'closed by a forged form' };
    const before = await auditCount();
    for (const [fields, headers] of [
      [status, undefined],
      [{ ...status, csrf: `${csrf.slice(0, -2)}AA` }, undefined],
      [{ ...status, csrf }, { 'sec-fetch-site': 'cross-site' }],
      [{ ...status, csrf }, { origin: 'https://evil.example' }],
    ] as const) {
      const response = await post(cookie, fields, headers);
      expect(response.status).toBe(403);
      expect(await response.text()).toMatch(/Форма устарела|form is stale|не даёт права/);
    }
    expect(await auditCount()).toBe(before);
    expect(await (await fetch(`${server.url}/api/checkpoints/kyakhta`)).json()).toMatchObject({ checkpoint: { status: 'open' } });

    // The same form with its token acts, in the moderator's name.
    const done = await post(cookie, { ...status, csrf, note: 'closed for the night' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/moderate?checkpoint=kyakhta&done=set-status&n=1#status');
    const [row] = await database.query<{ moderator: string; action: string; note: string }>(`SELECT moderator, action, note FROM "ModerationAction" ORDER BY id DESC LIMIT 1`);
    expect(row).toEqual({ moderator: 'Борис', action: 'set-status', note: 'closed: closed for the night' });
  });

  it('says what was wrong and in which field, in the reader\'s language, and keeps the page', async () => {
    const { cookie, csrf } = await signIn();
    const response = await post(cookie, { intent: 'set-modes', checkpoint: 'kyakhta', note: 'x', csrf });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('Не сохранено.');
    expect(page).toContain('Виды транспорта: отметьте хотя бы один вид');
    expect(page).toContain('Заметка: напишите, почему, в нескольких словах');
    expect(page).toContain('Вы вошли как Борис');
  });

  it('speaks English to an English browser, and switches language with its own button', async () => {
    const english = await (await fetch(`${server.url}/moderate`, { headers: { 'accept-language': 'en-GB,en;q=0.9' } })).text();
    expect(english).toContain('<html lang="en"');
    expect(english).toContain('Moderators sign in');
    const { cookie, csrf } = await signIn();
    const switched = await post(cookie, { intent: 'language', lang: 'en', csrf });
    expect(switched.status).toBe(303);
    const lang = switched.headers.get('set-cookie')!.split(';')[0]!;
    const page = await (await fetch(`${server.url}/moderate`, { headers: { cookie: `${cookie}; ${lang}` } })).text();
    expect(page).toContain('Signed in as Борис');
    expect(page).toContain('Audit log');
  });

  it('lets a revoked token do nothing more, and clears its cookie', async () => {
    const other = 'vera-moderator-token-0123456789abcdefghijklmn';
    writeFileSync(MODERATORS_FILE, formatModerators([{ name: 'Борис', tokenHash: hashToken(TOKEN) }, { name: 'Вера', tokenHash: hashToken(other) }]));
    const { cookie, csrf } = await signIn(other);
    writeFileSync(MODERATORS_FILE, formatModerators([{ name: 'Борис', tokenHash: hashToken(TOKEN) }]));
    const before = await auditCount();
    expect((await post(cookie, { intent: 'set-status', checkpoint: 'kyakhta', status: 'open', note: 'open again', csrf })).status).toBe(403);
    expect(await auditCount()).toBe(before);
    const page = await fetch(`${server.url}/moderate`, { headers: { cookie } });
    expect(await page.text()).toContain('Токен модератора');
    expect(page.headers.get('set-cookie')).toMatch(/^kordon_moderator=; Path=\/moderate; Max-Age=0/);
  });
});

describe('modes a moderator opens or closes', () => {
  it('are taken at once, kept across a restart that syncs the catalogue again, and a closed one is refused', async () => {
    const { cookie, csrf } = await signIn();
    expect(await modesOf('verkhny-lars')).toEqual(['car', 'truck', 'bus']);
    expect((await report('verkhny-lars', 'bicycle')).status).toBe(422);
    const done = await post(cookie, { intent: 'set-modes', checkpoint: 'verkhny-lars', modes: ['car', 'bus', 'pedestrian', 'bicycle'], note: 'bicycles and people on foot let through', csrf });
    expect(done.status).toBe(303);
    expect(await modesOf('verkhny-lars')).toEqual(['car', 'bus', 'pedestrian', 'bicycle']);
    expect((await report('verkhny-lars', 'bicycle')).status).toBe(201);
    const closed = await report('verkhny-lars', 'truck');
    expect(closed.status).toBe(422);
    expect(((await closed.json()) as { error: { code: string; fields: { path: string }[] } }).error).toMatchObject({ code: 'mode_not_allowed', fields: [{ path: 'mode' }] });

    await server.stop();
    server = await startServer(env());
    expect(await modesOf('verkhny-lars')).toEqual(['car', 'bus', 'pedestrian', 'bicycle']);
    const [row] = await database.query<{ modes: string; modesEnabled: string; modesDisabled: string }>(
      `SELECT modes::text, "modesEnabled"::text, "modesDisabled"::text FROM "Checkpoint" WHERE id = 'verkhny-lars'`,
    );
    // The catalogue's own list is untouched; the moderator's word is kept beside it.
    expect(row).toEqual({ modes: '{car,truck,bus}', modesEnabled: '{pedestrian,bicycle}', modesDisabled: '{truck}' });
  });

  it.runIf(usingServer)('opened on one node, are taken by another node at once', async () => {
    const second = await startServer(env());
    try {
      const { cookie, csrf } = await signIn();
      expect((await post(cookie, { intent: 'set-modes', checkpoint: 'kyakhta', modes: ['car', 'truck', 'bus', 'pedestrian'], note: 'people on foot let through', csrf })).status).toBe(303);
      const response = await fetch(`${second.url}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-device-key': newDeviceKey() },
        body: JSON.stringify({ id: crypto.randomUUID(), checkpointId: 'kyakhta', direction: 'out', mode: 'pedestrian', waitMinutes: 60 }),
      });
      expect(response.status).toBe(201);
    } finally {
      await second.stop();
    }
  });
});

describe('new devices from one address', () => {
  it('are listed by a prefix of the address hash with where they reported, and hidden in one action', async () => {
    const { cookie, csrf } = await signIn();
    for (let i = 0; i < 6; i += 1) expect((await report('mashtakovo', 'car')).status).toBe(201);
    const api = await fetch(`${server.url}/api/moderation/address-bursts`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const { bursts } = (await api.json()) as { bursts: { address: string; devices: string[]; proven: number; unproven: number }[] };
    expect(bursts).toHaveLength(1);
    const [burst] = bursts;
    // Loopback, never in clear: ten characters of its keyed hash.
    expect(burst!.address).toMatch(/^[A-Za-z0-9_-]{10}$/);
    expect(burst!.devices.length).toBeGreaterThanOrEqual(6);
    expect(burst!.unproven).toBe(burst!.devices.length);

    const page = await (await fetch(`${server.url}/moderate`, { headers: { cookie } })).text();
    expect(page).toContain(`хеш ${burst!.address}…`);
    expect(page).toContain('Маштаково');
    expect(page).not.toContain('127.0.0.1');

    const hidden = await post(cookie, { intent: 'hide-devices', devices: burst!.devices, reason: 'one machine, many keys', csrf });
    expect(hidden.status).toBe(303);
    expect(hidden.headers.get('location')).toContain(`done=hide-devices&n=${burst!.devices.length}`);
    const [left] = await database.query<{ n: string }>(`SELECT count(*)::text AS n FROM "Report" WHERE "checkpointId" = 'mashtakovo' AND NOT hidden`);
    expect(left!.n).toBe('0');
    const after = await (await fetch(`${server.url}/moderate`, { headers: { cookie } })).text();
    expect(after).toContain(`уже скрыто: ${burst!.devices.length}`);
  });
});

describe('what the crowd says in one tap', () => {
  it('is shown under "needs attention" with a link to the checkpoint\'s status, and its devices are hidden in one action', async () => {
    const { cookie, csrf } = await signIn();
    for (let i = 0; i < 3; i += 1) {
      const sent = await fetch(`${server.url}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-device-key': newDeviceKey() },
        body: JSON.stringify({ id: crypto.randomUUID(), checkpointId: 'shara-sur', direction: 'out', mode: 'car', signal: 'not_moving' }),
      });
      expect(sent.status).toBe(201);
    }
    const page = await (await fetch(`${server.url}/moderate`, { headers: { cookie } })).text();
    expect(page).toMatch(/data-kind="crowd-signal"[^]*3 тел\. говорят «Не движется» с \d{2}:\d{2} UTC[^]*href="\/moderate\?checkpoint=shara-sur#status"/);
    const devices = [...page.matchAll(/<li[^>]*data-kind="crowd-signal"[^]*?<\/li>/g)][0]![0].match(/name="devices" value="([^"]+)"/g)!.map((field) => field.split('"')[3]!);
    expect(devices).toHaveLength(3);
    const hidden = await post(cookie, { intent: 'hide-devices', devices, reason: 'one machine, three keys', csrf });
    expect(hidden.status).toBe(303);
    expect(await (await fetch(`${server.url}/moderate`, { headers: { cookie } })).text()).not.toContain('data-kind="crowd-signal"');
  });
});

describe('reports held for a moderator', () => {
  beforeAll(async () => {
    // The last part of the file: the server again, with an allowance of one device without a proof per address.
    await server.stop();
    server = await startServer({ ...env(), REPORT_UNPROVEN_DEVICES_PER_ADDRESS: '1' });
  });

  it('are shown under "needs attention" where they wait, marked in the checkpoint\'s list, and counted once shown', async () => {
    const { cookie, csrf } = await signIn();
    // Pages without scripts from one address, each a new device, until its allowance of devices without a proof is spent.
    let heldId: string | undefined;
    // Five of them: one heard, four held, and as new devices from one address, a burst for moderators too.
    for (let i = 0; i < 5; i += 1) {
      const id = crypto.randomUUID();
      const sent = await fetch(`${server.url}/checkpoints/tsagaan-tolgoi/report`, {
        method: 'POST', redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
        body: new URLSearchParams({ id, 'report-direction': 'out', 'report-mode': 'car', waitHours: '4', vehiclesAhead: '', letThrough: '', 'report-let-through-minutes': '60', tookHours: '' }).toString(),
      });
      if (sent.headers.get('location')!.includes('report=held')) heldId ??= id;
    }
    expect(heldId).toBeDefined();

    const page = await (await fetch(`${server.url}/moderate`, { headers: { cookie } })).text();
    expect(page).toMatch(/data-kind="held-reports"[^]*Цагаан-Толгой – Арц-Суурь[^]*4 сообщ\. со страниц без JavaScript отложены/);
    // The burst's held devices wait for a decision: none of them is "hidden already".
    expect(page).toMatch(/data-kind="address-burst"[^]*Цагаан-Толгой – Арц-Суурь/);
    expect(page).not.toContain('уже скрыто');
    const list = await (await fetch(`${server.url}/moderate?checkpoint=tsagaan-tolgoi`, { headers: { cookie } })).text();
    expect(list).toMatch(/data-held="true"[^]*отложено до решения модератора/);

    const shown = await post(cookie, { intent: 'show-report', report: heldId!, checkpoint: 'tsagaan-tolgoi', reason: 'a plausible wait', csrf });
    expect(shown.status).toBe(303);
    const [row] = await database.query<{ hidden: boolean; held: boolean }>('SELECT hidden, held FROM "Report" WHERE id = $1', [heldId]);
    expect(row).toEqual({ hidden: false, held: false });
    expect(await (await fetch(`${server.url}/moderate`, { headers: { cookie } })).text()).toMatch(/data-kind="held-reports"[^]*3 сообщ\. со страниц без JavaScript отложены/);
  });
});
