// Web Push in Chromium with a stand-in push service (tests/helpers/push-service.ts). Chromium's own push service is
// Google's, out of reach here, so the browser's PushManager is given the stand-in's subscription (the one part of the
// browser replaced, as the push service it stands for is a third party); everything else is real: the page turns
// notifications on from the watch list, the server encrypts and sends the push when a report drops the wait, the
// stand-in decrypts it as the browser would, Chromium delivers it to the real service worker (DevTools protocol),
// the worker shows the notification with the live wait, and a tap opens the crossing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { DESKTOP, launchBrowser, openContext, rememberView, screenshot, type Browser, type BrowserContext, type PageProblems } from '../helpers/browser';
import { startPushService, type PushService } from '../helpers/push-service';
import { startServer, type RunningServer } from '../helpers/server';

let database: TestDatabase;
let server: RunningServer;
let browser: Browser;
let push: PushService;
const problems: PageProblems[] = [];
let device = 0;

beforeAll(async () => {
  push = await startPushService();
  database = await createTestDatabase();
  [server, browser] = await Promise.all([startServer({ ...database.env, PUSH_SERVICE_HOSTS: push.host, REPORT_LIMIT_PER_ADDRESS: '10000' }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await push?.close();
  await database?.drop();
});

async function report(waitMinutes: number): Promise<void> {
  const response = await fetch(`${server.url}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-device-key': `push-e2e-device-${String((device += 1)).padStart(8, '0')}` },
    body: JSON.stringify({ id: crypto.randomUUID(), checkpointId: 'verkhny-lars', direction: 'out', mode: 'car', waitMinutes }),
  });
  expect(response.status).toBe(201);
}

/** The browser's push service, replaced by the stand-in's subscription; the key the page subscribes with is kept to check. */
async function useStandIn(context: BrowserContext, subscription: ReturnType<PushService['subscribe']>): Promise<void> {
  await context.addInitScript((made) => {
    // Like the browser's, the subscription outlives a page: it is the stand-in's, kept while subscribed.
    const held = 'push-stand-in-subscribed';
    const make = () => ({ endpoint: made.endpoint, expirationTime: null, toJSON: () => ({ endpoint: made.endpoint, expirationTime: null, keys: made.keys }), unsubscribe: async () => (localStorage.removeItem(held), true) });
    const bytes = (buffer: BufferSource) => btoa(String.fromCharCode(...new Uint8Array(buffer as ArrayBuffer))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
      (window as unknown as { subscribedWith: string }).subscribedWith = options?.applicationServerKey ? bytes(options.applicationServerKey as BufferSource) : '';
      localStorage.setItem(held, '1');
      return make() as unknown as PushSubscription;
    };
    PushManager.prototype.getSubscription = async () => (localStorage.getItem(held) ? (make() as unknown as PushSubscription) : null);
  }, subscription);
}

/** A desktop page of `url` with the stand-in's push: Upper Lars watched below 6 h, the watch list open, notifications still off. */
async function watchingUpperLars(url: string, subscription: ReturnType<PushService['subscribe']>) {
  const { context, problems: seen } = await openContext(browser, url, { ...DESKTOP, permissions: ['notifications'] });
  problems.push(seen);
  await rememberView(context, 'map');
  await useStandIn(context, subscription);
  const page = await context.newPage();
  await page.goto('/checkpoints/verkhny-lars');
  await page.locator('.connection[data-state="live"]').waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.locator('.checkpoint-panel .star').click();
  await page.locator('.checkpoint-panel .alert-choice select').selectOption('6');
  await page.locator('.checkpoint-panel .close').click();
  await page.getByRole('button', { name: /Избранное/ }).click();
  return { context, page };
}

describe('push notifications', () => {
  it('are turned on from the watch list; a report that drops the wait shows one, with the live wait, and a tap opens the crossing', async () => {
    for (let i = 0; i < 4; i += 1) await report(600);
    const subscription = push.subscribe();
    const { context, page } = await watchingUpperLars(server.url, subscription);
    await page.getByRole('button', { name: 'Включить уведомления' }).click();
    await page.locator('.push-choice[data-state="on"]').waitFor();
    const { publicKey } = (await (await fetch(`${server.url}/api/push/key`)).json()) as { publicKey: string };
    expect(await page.evaluate(() => (window as unknown as { subscribedWith: string }).subscribedWith)).toBe(publicKey);
    await expect.poll(async () => (await database.query<{ n: string }>(`SELECT count(*)::text AS n FROM "PushWatch" WHERE "belowMinutes" = 360`))[0]!.n).toBe('1');
    await screenshot(page, 'push-on-desktop');

    // A visit that never opens the watch list still sends the subscription again (else it would expire in 30 days),
    // and a threshold changed on a checkpoint's panel reaches the server too.
    await database.query(`UPDATE "PushSubscription" SET "refreshedAt" = now() - interval '20 days'`);
    await page.goto('/checkpoints/verkhny-lars');
    await page.locator('.connection[data-state="live"]').waitFor();
    const refreshedDaysAgo = async () => Number((await database.query<{ days: string }>(`SELECT extract(epoch FROM now() - "refreshedAt") / 86400 AS days FROM "PushSubscription"`))[0]!.days);
    await expect.poll(refreshedDaysAgo).toBeLessThan(1);
    const thresholds = async () => (await database.query<{ below: number }>(`SELECT "belowMinutes" AS below FROM "PushWatch"`)).map((row) => row.below);
    await page.locator('.checkpoint-panel .alert-choice select').selectOption('12');
    await expect.poll(thresholds).toEqual([720]);
    await page.locator('.checkpoint-panel .alert-choice select').selectOption('6');
    await expect.poll(thresholds).toEqual([360]);

    // A threshold changed while the link is down is not dropped: the watch list says the change has not reached the
    // server, and the page sends it by itself once the link is back (it used to try once and forget it).
    const link = await context.newCDPSession(page);
    await link.send('Network.enable');
    const offline = (yes: boolean) => link.send('Network.emulateNetworkConditions', { offline: yes, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await offline(true);
    await page.locator('.checkpoint-panel .alert-choice select').selectOption('12');
    await page.locator('.checkpoint-panel .close').click();
    await page.getByRole('button', { name: /Избранное/ }).click();
    await page.locator('.push-unsent').waitFor();
    expect(await page.locator('.push-unsent').innerText()).toContain('Последние изменения ещё не дошли до сервера');
    expect(await thresholds()).toEqual([360]);
    await offline(false);
    await expect.poll(thresholds, { timeout: 20_000 }).toEqual([720]);
    await page.locator('.push-unsent').waitFor({ state: 'detached' });
    await page.locator('.watch-list .alert-choice select').selectOption('6');
    await expect.poll(thresholds, { timeout: 10_000 }).toEqual([360]);

    // The queue clears.
    for (let i = 0; i < 10; i += 1) await report(60);
    await expect.poll(() => push.delivered.length).toBe(1);
    const { text } = push.delivered[0]!;

    // Chromium hands the push to the service worker, as its push service would.
    const cdp = await context.newCDPSession(page);
    const registration = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const found = registrations.find((r: { scopeURL: string; isDeleted: boolean }) => r.scopeURL.startsWith(server.url) && !r.isDeleted);
        if (found) resolve(found.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: new URL(server.url).origin, registrationId: await registration, data: text });
    const shown = async () =>
      page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, url: (n.data as { url: string }).url })));
    await expect.poll(shown).toHaveLength(1);
    const [notification] = await shown();
    expect(notification!.title).toBe('Верхний Ларс – Дарьяли: ожидание меньше порога');
    expect(notification!.body).toMatch(/^Выезд, легковые: сейчас ≈ \d/);
    expect(notification!.url).toBe('/checkpoints/verkhny-lars?direction=out&mode=car');

    // A tap: the worker's click handler opens the crossing in the Kordon window.
    await page.goto('/list');
    const worker = context.serviceWorkers()[0]!;
    await worker.evaluate(async () => {
      const sw = self as unknown as ServiceWorkerGlobalScope;
      const [shownNotification] = await sw.registration.getNotifications();
      sw.dispatchEvent(new NotificationEvent('notificationclick', { notification: shownNotification! }));
    });
    // The page then writes its address in its short form (leaving Russia by car is the default: no query), so the
    // address is checked by its path and the view by what the page shows: a poll that read the address before the
    // page had hydrated saw the query, one after it did not.
    await expect.poll(() => new URL(page.url()).pathname).toBe('/checkpoints/verkhny-lars');
    await page.locator('#panel-title', { hasText: 'Верхний Ларс' }).waitFor();
    expect(await page.locator('.direction-switch input[value="out"]').isChecked()).toBe(true);
    expect(await page.locator('.mode-switch select').inputValue()).toBe('car');

    // Turned off with the link down: unsubscribed here at once, and deleted on the server once the link is back (it
    // used to stay there, with the watch list, until a push to it bounced or 30 days passed).
    await page.locator('.checkpoint-panel .close').click();
    await page.getByRole('button', { name: /Избранное/ }).click();
    await offline(true);
    await page.getByRole('button', { name: 'Выключить уведомления' }).click();
    await page.locator('.push-choice[data-state="off"]').waitFor();
    const subscriptions = async () => (await database.query<{ n: string }>(`SELECT count(*)::text AS n FROM "PushSubscription"`))[0]!.n;
    expect(await subscriptions()).toBe('1');
    await offline(false);
    await expect.poll(subscriptions, { timeout: 20_000 }).toBe('0');
    // The page forgets the address once the server's answer is back, which can come a moment after the row is gone.
    await expect.poll(() => page.evaluate(() => window.localStorage.getItem('kordon.push-to-forget.v1'))).toBeNull();

    // On again, then Kordon erased from the phone with the link down: unsubscribed at once, nothing of Kordon kept
    // but the subscription's address, and the erase page deletes it on the server once the link is back.
    await page.getByRole('button', { name: 'Включить уведомления' }).click();
    await page.locator('.push-choice[data-state="on"]').waitFor();
    await expect.poll(subscriptions).toBe('1');
    await page.goto('/erase');
    await offline(true);
    await page.locator('.erase-form button[type="submit"]').click();
    await page.locator('.erased').waitFor();
    expect(await page.locator('.erased').innerText()).toContain('телефон от них отписан');
    expect(await subscriptions()).toBe('1');
    expect(await page.evaluate(() => Object.keys(window.localStorage).filter((key) => key !== 'push-stand-in-subscribed'))).toEqual(['kordon.push-to-forget.v1']);
    await offline(false);
    await expect.poll(subscriptions, { timeout: 20_000 }).toBe('0');
    // As above: the address is forgotten once the server's answer is back, a moment after the row is gone.
    await expect.poll(() => page.evaluate(() => Object.keys(window.localStorage).filter((key) => key !== 'push-stand-in-subscribed'))).toEqual([]);
    for (const p of problems) expect(p.foreignRequests).toEqual([]);
    await context.close();
  });

  it('past its network\'s allowance of new subscriptions (a script took them), the page buys one with its proof of work', async () => {
    // A node whose address may make two new subscriptions per window; both are taken.
    const own = await createTestDatabase();
    const node = await startServer({ ...own.env, PUSH_SERVICE_HOSTS: push.host, PUSH_SUBSCRIPTIONS_PER_ADDRESS: '2', PROOF_TRIES: '100' });
    try {
      const bogus = (subscription: ReturnType<PushService['subscribe']>) =>
        fetch(`${node.url}/api/push/subscription`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subscription, language: 'ru', watches: [] }) });
      expect([(await bogus(push.subscribe())).status, (await bogus(push.subscribe())).status, (await bogus(push.subscribe())).status]).toEqual([200, 200, 429]);
      const subscription = push.subscribe();
      const { context, page } = await watchingUpperLars(node.url, subscription);
      const proofNonce = () => page.evaluate(() => (JSON.parse(localStorage.getItem('kordon.proof.v1') ?? 'null') as { challenge: { parameters: { nonce: string } } } | null)?.challenge.parameters.nonce ?? null);
      await expect.poll(proofNonce, { timeout: 20_000 }).not.toBeNull();
      const spent = await proofNonce();
      await page.getByRole('button', { name: 'Включить уведомления' }).click();
      await page.locator('.push-choice[data-state="on"]').waitFor();
      const stored = async () => (await own.query<{ below: number }>('SELECT w."belowMinutes" AS below FROM "PushWatch" w JOIN "PushSubscription" s ON s.id = w."subscriptionId" WHERE s.endpoint = $1', [subscription.endpoint])).map((row) => row.below);
      await expect.poll(stored, { timeout: 20_000 }).toEqual([360]);
      expect(await page.locator('.push-unsent').count()).toBe(0);
      // The proof went to the subscription: the page forgot it and made another for its first report.
      await expect.poll(async () => { const nonce = await proofNonce(); return nonce !== null && nonce !== spent; }, { timeout: 20_000 }).toBe(true);
      await context.close();
    } finally {
      await node.stop();
      await own.drop();
    }
  });
});
