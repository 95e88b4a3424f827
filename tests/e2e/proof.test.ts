// A new phone's voice costs a little work, done in the background: the page
// makes its proof in Web Workers while the person reads and types; where the
// new devices an address may bring without one are used up, a report sent
// before the proof is ready waits in the outbox and goes once it is; a report
// a limit holds back stays there with the true reason, in Russian, and goes
// out once, by itself, when allowed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { launchBrowser, openContext, PHONE, screenshot, type Browser, type Page, type PageProblems } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

let database: TestDatabase;
let server: RunningServer;
let browser: Browser;
let page: Page;
let problems: PageProblems;
const workers: string[] = [];
const CHECKPOINT = 'kyakhta';
/** The device's limit lifts this long after its first report. */
const WINDOW_SECONDS = 12;

beforeAll(async () => {
  database = await createTestDatabase();
  // A proof of a second or two on this machine's Chromium (the real one is measured by bench/proof-cost.ts), one new
  // device without a proof per address, and one report a device per window, so that a second report is held back.
  [server, browser] = await Promise.all([
    startServer({
      ...database.env,
      PROOF_COST: '2000',
      PROOF_TRIES: '2500',
      REPORT_UNPROVEN_DEVICES_PER_ADDRESS: '1',
      REPORT_LIMIT_PER_DEVICE: '1',
      REPORT_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
    }),
    launchBrowser(),
  ]);
  const opened = await openContext(browser, server.url, PHONE);
  problems = opened.problems;
  page = await opened.context.newPage();
  page.on('worker', (worker) => workers.push(worker.url()));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.drop();
});

const stored = async () => Number((await database.query<{ count: string }>(`SELECT count(*)::text AS count FROM "Report" WHERE "checkpointId" = $1`, [CHECKPOINT]))[0]!.count);
const local = (key: string) => page.evaluate((k) => localStorage.getItem(k), key);

async function sendWait(hours: string) {
  await page.locator('#report-wait').fill(hours);
  await page.getByRole('button', { name: 'Отправить' }).click();
}

describe('the first report of a new phone', () => {
  it('waits in the outbox while the page makes its proof in workers and the person types on, then goes by itself', async () => {
    // Another phone on this address used its one slot without a proof.
    const other = await fetch(`${server.url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-device-key': 'another-phone-without-a-proof-01' },
      body: JSON.stringify({ id: crypto.randomUUID(), checkpointId: 'verkhny-lars', direction: 'out', mode: 'car', waitMinutes: 60 }),
    });
    expect(other.status).toBe(201);
    await page.goto(`/checkpoints/${CHECKPOINT}`);
    await page.locator('.connection[data-state="live"]').waitFor();
    // Sent at once, before the proof: refused for want of one, held, and said why.
    await sendWait('3');
    await page.locator('.form-status[data-status="queued"]').waitFor();
    expect(await page.locator('.form-status').innerText()).toContain('Телефон готовит защиту от подделок');
    expect(await page.locator('.pending-reports li').innerText()).toContain('готовит защиту от подделок');
    await screenshot(page, 'proof-pending-390');
    // The person goes on typing while the work runs.
    await page.locator('#report-wait').fill('5');
    expect(await page.locator('#report-wait').inputValue()).toBe('5');

    await expect.poll(() => page.locator('.pending-reports li').count(), { timeout: 30_000 }).toBe(0);
    expect(await stored()).toBe(1);
    // The work ran in Web Workers, off the page's own thread (how long that thread waits is a benchmark's to say).
    expect(workers.length).toBeGreaterThanOrEqual(1);
    // The proof was spent; the phone keeps its voice, bound to its key.
    expect(await local('kordon.proof.v1')).toBeNull();
    const voice = JSON.parse((await local('kordon.voice.v1')) ?? 'null') as { key: string; voice: string } | null;
    expect(voice?.key).toBe(await local('kordon.device.v1'));
  });

  it('a phone that only looks makes its proof in the background but no device key, and sends nothing', async () => {
    const { context } = await openContext(browser, server.url, PHONE);
    const looker = await context.newPage();
    const sent: string[] = [];
    looker.on('request', (request) => {
      if (request.method() === 'POST') sent.push(request.url());
    });
    await looker.goto('/');
    await expect.poll(() => looker.evaluate(() => localStorage.getItem('kordon.proof.v1')), { timeout: 30_000 }).not.toBeNull();
    expect(await looker.evaluate(() => localStorage.getItem('kordon.device.v1'))).toBeNull();
    expect(sent.filter((url) => !url.includes('/socket.io/'))).toEqual([]);
    await context.close();
  });
});

describe('a report a limit holds back', () => {
  it('stays in the outbox with the true reason in Russian and when it goes, and goes out once when allowed', async () => {
    // This device's one report of the window is spent (the test above).
    await sendWait('4');
    await page.locator('.form-status[data-status="queued"]').waitFor();
    const said = await page.locator('.form-status').innerText();
    expect(said).toContain('С этого телефона сейчас слишком много сообщений');
    expect(said).toMatch(/уйдёт само около \d\d:\d\d/);
    expect(await page.locator('.pending-reports li').innerText()).toContain('С этого телефона');
    await screenshot(page, 'held-by-limit-390');
    expect(await stored()).toBe(1);
    // A reload does not lose it, nor send it twice.
    await page.reload();
    await page.locator('.connection[data-state="live"]').waitFor();
    await expect.poll(() => page.locator('.pending-reports li').count(), { timeout: (WINDOW_SECONDS + 20) * 1000, interval: 500 }).toBe(0);
    expect(await stored()).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await stored()).toBe(2);
    expect(problems.errors).toEqual([]);
    expect(problems.foreignRequests).toEqual([]);
  });
});
