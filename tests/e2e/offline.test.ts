// Kordon as an installed app with no connection: the service worker keeps
// the pages and the estimates last seen, the page says how old they are, and
// it goes live again by itself. The server is really stopped, not emulated.
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { DESKTOP, launchBrowser, launchProfile, openContext, PHONE, rememberView, screenshot, type Browser, type Page } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

let database: TestDatabase;
let server: RunningServer;
let browser: Browser;
let profile: Awaited<ReturnType<typeof launchProfile>>;
let page: Page;
const env = () => ({ ...database.env, REPORT_LIMIT_PER_ADDRESS: '10000' });

beforeAll(async () => {
  database = await createTestDatabase();
  [server, browser] = await Promise.all([startServer(env()), launchBrowser()]);
});

afterAll(async () => {
  await profile?.close();
  await browser?.close();
  await server?.stop();
  await database?.drop();
});

async function report(checkpointId: string, waitMinutes: number, device: string) {
  const response = await fetch(`${server.url}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-device-key': device },
    body: JSON.stringify({ id: crypto.randomUUID(), checkpointId, direction: 'out', mode: 'car', waitMinutes }),
  });
  expect(response.status).toBe(201);
}

const pinLabel = (id: string) => page.locator(`.pin[data-checkpoint="${id}"] .pin-label`).innerText();

describe('installing', () => {
  it('the browser finds the page installable: a manifest with icons and a service worker', async () => {
    profile = await launchProfile(server.url, PHONE);
    // This phone's person chose the map (a phone opens with the list): the markers are what the offline copy is read from.
    await rememberView(profile.context, 'map');
    page = profile.context.pages()[0] ?? (await profile.context.newPage());
    await page.goto('/');
    await page.locator('.connection[data-state="live"]').waitFor();
    // The worker controls the page once it is active (it claims open pages at once).
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
    const cdp = await profile.context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    expect(installabilityErrors).toEqual([]);
    const manifest = (await (await fetch(`${server.url}/manifest.webmanifest`)).json()) as { start_url: string; display: string; icons: { sizes: string }[] };
    expect(manifest).toMatchObject({ start_url: '/', display: 'standalone' });
    expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  });
});

describe('with no connection', () => {
  it('opens from the stored copy with the last estimates it saw, marked offline with their time, and goes live again', async () => {
    // Rendered into the page's HTML...
    await report('verkhny-lars', 240, 'offline-test-device-000000001');
    await page.reload();
    await page.locator('.connection[data-state="live"]').waitFor();
    expect(await pinLabel('verkhny-lars')).toBe('≈ 4 ч');
    // ...then a newer number arrives live, which only the page's own copy can keep.
    await report('kyakhta', 90, 'offline-test-device-000000002');
    await expect.poll(() => pinLabel('kyakhta')).toBe('≈ 1,5 ч');
    // A marker with a wait sits above the grey ones that crowd it at low zoom.
    const stacking = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.leaflet-marker-icon')].map((icon) => ({
        band: icon.querySelector('.pin')?.getAttribute('data-band'),
        selected: icon.querySelector('.pin')?.hasAttribute('data-selected'),
        z: Number(icon.style.zIndex),
      })),
    );
    const withWait = stacking.filter((m) => m.band !== 'none' && !m.selected).map((m) => m.z);
    const grey = stacking.filter((m) => m.band === 'none').map((m) => m.z);
    expect(withWait).toHaveLength(2);
    expect(Math.min(...withWait)).toBeGreaterThan(Math.max(...grey));
    // The pages are stored; the page's copy of the estimates is saved as it goes.
    await expect.poll(() => page.evaluate(async () => Boolean(await caches.match('/')) && Boolean(await caches.match('/list')))).toBe(true);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('kordon.estimates.v1')?.includes('"kyakhta"') ?? false)).toBe(true);
    expect(await page.locator('.offline-notice').count()).toBe(0);

    // Kordon is gone: the page notices, says so, and keeps what it had.
    const { port } = server;
    await server.stop();
    const notice = page.locator('.offline-notice');
    await notice.waitFor({ timeout: 15_000 });
    const lostAt = Date.now();

    // Reopened with no server at all, it comes from the service worker.
    await page.reload();
    await page.locator('.pin').first().waitFor();
    expect(await page.locator('.pin').count()).toBeGreaterThan(40);
    await notice.waitFor({ timeout: 15_000 });
    expect(await pinLabel('verkhny-lars')).toBe('≈ 4 ч');
    expect(await pinLabel('kyakhta')).toBe('≈ 1,5 ч');
    // "as of" is when the page last had the server, in the reader's own clock.
    const asOf = Date.parse((await notice.getAttribute('data-as-of'))!);
    expect(Math.abs(asOf - lostAt)).toBeLessThan(15_000);
    const clock = await page.evaluate((at) => new Intl.DateTimeFormat('ru-RU', { hour: '2-digit', minute: '2-digit' }).format(new Date(at)), asOf);
    expect(await notice.innerText()).toContain(`Данные на ${clock}`);
    await screenshot(page, 'phone-offline');

    // The no-script list opens too, and so does a page never visited (it falls back to the list).
    await page.goto('/list');
    expect(await page.locator('main').innerText()).toContain('Кяхта');
    await page.goto('/checkpoints/torfyanovka');
    expect(await page.locator('main').innerText()).toContain('Торфяновка');

    // Kordon answers but cannot read its data (its database is away): every page is a 503 that says so. A phone
    // that has the stored copy opens that, which says how old it is, rather than "try later".
    const unavailable = createServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'retry-after': '30', 'cache-control': 'no-store' });
      res.end('<!doctype html><html lang="ru"><body><h1>Кордон ненадолго недоступен</h1></body></html>');
    });
    await new Promise<void>((resolve) => unavailable.listen(port, '127.0.0.1', resolve));
    try {
      await page.goto('/');
      await page.locator('.pin').first().waitFor();
      expect(await page.locator('.pin').count()).toBeGreaterThan(40);
      expect(await pinLabel('kyakhta')).toBe('≈ 1,5 ч');
      expect(await page.locator('body').innerText()).not.toContain('ненадолго недоступен');
      await page.goto('/list');
      expect(await page.locator('main').innerText()).toContain('Кяхта');
    } finally {
      unavailable.closeAllConnections();
      await new Promise((resolve) => unavailable.close(resolve));
    }

    // Kordon is back on the same address: the page goes live by itself and the notice goes.
    await page.goto('/');
    await notice.waitFor();
    server = await startServer({ ...env(), PORT: String(port) });
    await page.locator('.connection[data-state="live"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('.offline-notice').count()).toBe(0);
    // Nothing went to another host, offline or not.
    expect(profile.problems.foreignRequests).toEqual([]);
  });
});

describe('an ordinary visit', () => {
  it('asks no other host for anything, and the worker leaves reports and Socket.IO to the network', async () => {
    const { context: fresh, problems } = await openContext(browser, server.url, DESKTOP);
    const visit = await fresh.newPage();
    await visit.goto('/checkpoints/kyakhta');
    await visit.locator('.connection[data-state="live"]').waitFor();
    await visit.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
    await visit.getByRole('radio', { name: '2', exact: true }).first().click();
    await visit.getByRole('button', { name: 'Отправить' }).click();
    await visit.locator('.form-status[data-status="accepted"]').waitFor();
    const cached = await visit.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      return urls;
    });
    expect(cached).toEqual(expect.arrayContaining(['/', '/list', '/checkpoints/kyakhta', '/api/basemap']));
    expect(cached.filter((path) => path.startsWith('/socket.io') || path.startsWith('/api/reports'))).toEqual([]);
    expect(problems.errors).toEqual([]);
    expect(problems.foreignRequests).toEqual([]);
    await fresh.close();
  });
});
