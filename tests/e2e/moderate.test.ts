// The moderator page in a real browser, on a phone, in Russian: a moderator signs in with their own token, hides
// one device's reports, lets people on foot through Upper Lars, and sets a status whose note tries to be HTML. A
// person watching the crossing on the map sees each change live, and the note is text everywhere it shows.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatModerators, hashToken } from '../../lib/moderation/moderators';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { accessibilityProblems, DESKTOP, expectScheme, launchBrowser, openContext, PHONE, rememberView, screenshot, type Browser, type Page, type PageProblems } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

const TOKEN = 'anna-moderator-token-0123456789abcdefghijklmnop';
const NOTE = '<img src=x onerror=alert(1)>';
const LARS = 'verkhny-lars';

let database: TestDatabase;
let server: RunningServer;
let browser: Browser;
let folder: string;
const problems: PageProblems[] = [];
const dialogs: string[] = [];

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'kordon-moderators-'));
  const file = join(folder, 'moderators');
  await writeFile(file, formatModerators([{ name: 'Анна', tokenHash: hashToken(TOKEN) }]), { mode: 0o600 });
  database = await createTestDatabase();
  [server, browser] = await Promise.all([startServer({ ...database.env, MODERATORS_FILE: file, REPORT_LIMIT_PER_ADDRESS: '10000' }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.drop();
  await rm(folder, { recursive: true, force: true });
});

async function report(body: Record<string, unknown>, deviceKey: string): Promise<Response> {
  return fetch(`${server.url}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-device-key': deviceKey },
    body: JSON.stringify({ id: crypto.randomUUID(), checkpointId: LARS, direction: 'out', ...body }),
  });
}

async function newPage(options: Parameters<Browser['newContext']>[0], view: 'map' | null = null): Promise<Page> {
  const { context, problems: seen } = await openContext(browser, server.url, options);
  if (view) await rememberView(context, view);
  problems.push(seen);
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return page;
}

/** Everything a thumb may tap on the page that is smaller than 44 × 44 CSS px. */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, a[href], select, summary, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), textarea, label:has(> input)')]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && (box.width < 43.5 || box.height < 43.5) && getComputedStyle(element).display !== 'inline';
      })
      .map((element) => `${element.tagName} "${(element.textContent ?? '').trim().slice(0, 30)}"`),
  );
}

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('/moderate', () => {
  it('breaks no rule axe-core checks, light or dark: signed out, and signed in with a crossing and its reports open', async () => {
    // At Kyakhta, away from Upper Lars, whose reports the next test counts.
    expect((await report({ checkpointId: 'kyakhta', mode: 'car', waitMinutes: 300 }, 'moderate-e2e-audited-device-0003')).status).toBe(201);
    for (const scheme of ['light', 'dark'] as const) {
      const page = await newPage({ ...PHONE, colorScheme: scheme, bypassCSP: true });
      await page.goto('/moderate');
      await page.getByLabel('Токен модератора').waitFor();
      expect(await accessibilityProblems(page), scheme).toEqual([]);
      await page.getByLabel('Токен модератора').fill(TOKEN);
      await page.getByRole('button', { name: 'Войти' }).click();
      await page.getByLabel('Пункт пропуска').selectOption('kyakhta');
      await page.getByRole('button', { name: 'Открыть' }).click();
      await page.locator('li.report').first().waitFor();
      expect(await accessibilityProblems(page), scheme).toEqual([]);
      await expectScheme(page, scheme, [['html', 'background-color']]);
      await page.context().close();
    }
  });

  it('a moderator hides a device, lets people on foot through Upper Lars and sets a status; the map shows each live, the note as text', async () => {
    // One honest driver, and a device that said something absurd three times.
    const honest = 'moderate-e2e-honest-device-0001';
    const bad = 'moderate-e2e-absurd-device-0002';
    expect((await report({ mode: 'car', waitMinutes: 600 }, honest)).status).toBe(201);
    const badIds: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const id = crypto.randomUUID();
      const response = await fetch(`${server.url}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-device-key': bad },
        body: JSON.stringify({ id, checkpointId: LARS, direction: 'out', mode: 'car', waitMinutes: 5 }),
      });
      expect(response.status).toBe(201);
      badIds.push(id);
    }
    // On foot is not in the catalogue at Upper Lars: refused, with the field named.
    const refused = await report({ mode: 'pedestrian', waitMinutes: 120 }, honest);
    expect(refused.status).toBe(422);

    // Someone follows Upper Lars on foot on the map.
    const watcher = await newPage(DESKTOP, 'map');
    await watcher.goto(`/checkpoints/${LARS}?mode=pedestrian`);
    await watcher.locator('.connection[data-state="live"]').waitFor();
    const larsPin = watcher.locator(`.pin[data-checkpoint="${LARS}"]`);
    await expect.poll(() => larsPin.getAttribute('data-muted')).toBe('true');
    await expect.poll(() => watcher.locator('.checkpoint-panel').innerText()).toContain('Пешком: здесь не пропускают');
    expect(await watcher.locator('.report-form input[name="report-mode"][value="pedestrian"]').count()).toBe(0);

    // The moderator, on a phone, in Russian: the page asks for the token first.
    const phone = await newPage(PHONE);
    await phone.goto('/moderate');
    await phone.getByLabel('Токен модератора').waitFor();
    expect(await fitsWidth(phone)).toBe(true);
    expect(await smallTargets(phone)).toEqual([]);
    await screenshot(phone, 'moderate-sign-in-390');
    await phone.getByLabel('Токен модератора').fill('not-a-token-of-anyone-0123456789abcdef');
    await phone.getByRole('button', { name: 'Войти' }).click();
    await expect.poll(() => phone.locator('.flash[data-kind="error"]').innerText()).toContain('не даёт права');
    await phone.getByLabel('Токен модератора').fill(TOKEN);
    await phone.getByRole('button', { name: 'Войти' }).click();
    await phone.getByText('Вы вошли как Анна').waitFor();

    // Upper Lars, its reports with a device hash prefix each.
    await phone.getByLabel('Пункт пропуска').selectOption(LARS);
    await phone.getByRole('button', { name: 'Открыть' }).click();
    await phone.locator('#selected-title', { hasText: 'Верхний Ларс' }).waitFor();
    const reports = phone.locator('li.report');
    await expect.poll(() => reports.count()).toBe(4);
    const badReport = phone.locator(`li.report:has(input[name="report"][value="${badIds[0]}"])`);
    const prefix = await badReport.getAttribute('data-device');
    expect(prefix).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(await phone.locator(`li.report[data-device="${prefix}"]`).count()).toBe(3);
    await badReport.locator('summary').click();
    await badReport.getByLabel('Причина (в журнал)').fill('одно устройство, три нелепых сообщения');
    await badReport.getByRole('button', { name: 'Скрыть всё с устройства' }).click();
    await expect.poll(() => phone.locator('.flash[data-kind="done"]').innerText()).toBe('Скрыто сообщений устройства: 3. Оценки пересчитаны.');
    await expect.poll(() => phone.locator(`li.report[data-device="${prefix}"][data-hidden="true"]`).count()).toBe(3);
    const shown = (await (await fetch(`${server.url}/api/checkpoints/${LARS}`)).json()) as { checkpoint: { recentReports: { id: string }[] } };
    expect(shown.checkpoint.recentReports.map((r) => r.id).filter((id) => badIds.includes(id))).toEqual([]);

    // Let people on foot through: the watcher's map and panel change at once, without a reload.
    const modes = phone.locator('#modes');
    await modes.getByLabel(/Пешком/).check();
    await modes.getByLabel('Почему (в журнал)').fill('С 27 сентября пропускают пешком');
    await modes.getByRole('button', { name: 'Сохранить' }).click();
    await expect.poll(() => phone.locator('.flash[data-kind="done"]').innerText()).toContain('Виды транспорта сохранены');
    expect(await phone.locator('#modes').getByLabel(/Пешком/).isChecked()).toBe(true);
    await expect.poll(() => larsPin.getAttribute('data-muted')).toBe(null);
    await expect.poll(() => watcher.locator('.checkpoint-panel').innerText()).not.toContain('здесь не пропускают');
    // The report form offers on foot now, chosen, as the person follows it.
    await expect.poll(() => watcher.locator('.report-form input[name="report-mode"]:checked').getAttribute('value')).toBe('pedestrian');
    expect((await report({ mode: 'pedestrian', waitMinutes: 120 }, honest)).status).toBe(201);

    // A status whose note is HTML: every client shows it as text.
    const status = phone.locator('#status');
    await status.getByLabel('ограничен').check();
    await status.getByLabel('Заметка (видна всем, как текст)').fill(NOTE);
    await status.getByRole('button', { name: 'Сохранить статус' }).click();
    await expect.poll(() => phone.locator('.flash[data-kind="done"]').innerText()).toContain('Статус сохранён');
    await expect.poll(() => phone.getByTestId('status-note').innerText()).toBe(NOTE);
    await expect.poll(() => watcher.locator('.checkpoint-panel').innerText()).toContain(NOTE);

    // The audit log names who did each.
    const audit = phone.locator('#audit li');
    await expect.poll(() => audit.count()).toBe(3);
    const lines = await audit.allInnerTexts();
    expect(lines[0]).toMatch(/Анна задал\(а\) статус Верхний Ларс/);
    expect(lines[0]).toContain(`restricted: ${NOTE}`);
    expect(lines[1]).toMatch(/Анна изменил\(а\) виды транспорта Верхний Ларс/);
    expect(lines[1]).toContain('pedestrian: С 27 сентября пропускают пешком');
    expect(lines[2]).toMatch(/Анна скрыл\(а\) устройство/);
    expect(await fitsWidth(phone)).toBe(true);
    expect(await smallTargets(phone)).toEqual([]);
    await screenshot(phone, 'moderate-checkpoint-390');
    await phone.evaluate(() => window.scrollTo(0, 0));
    await screenshot(phone, 'moderate-top-390');
    await phone.locator('#reports').scrollIntoViewIfNeeded();
    await screenshot(phone, 'moderate-reports-390');

    // Everywhere the note shows, fresh from the server too: text, never an element.
    const fresh = await newPage(PHONE);
    for (const path of [`/checkpoints/${LARS}`, '/list']) {
      await fresh.goto(path);
      await fresh.getByText(NOTE).first().waitFor();
    }
    for (const page of [watcher, phone, fresh]) expect(await page.locator('img[src="x"]').count()).toBe(0);
    await screenshot(watcher, 'moderate-watcher-desktop');
    expect(dialogs).toEqual([]);
    for (const seen of problems) {
      expect(seen.errors.filter((error) => !/status of 4\d\d/.test(error))).toEqual([]);
      expect(seen.foreignRequests).toEqual([]);
    }
  });
});
