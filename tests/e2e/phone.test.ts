// A phone in a hand: every tap target a thumb's size, a bar that fits the
// narrowest screen whatever the connection says, a legend that covers no
// crossing, and a way to erase Kordon from the phone before it is searched.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import {
  accessibilityProblems,
  expectScheme,
  launchBrowser,
  openContext,
  PHONE,
  rememberView,
  screenshot,
  type Browser,
  type BrowserContext,
  type Page,
  type PageProblems,
  type Scheme,
} from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

let database: TestDatabase;
let server: RunningServer;
let browser: Browser;
const contexts = new Set<BrowserContext>();
const seen: PageProblems[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  [server, browser] = await Promise.all([startServer({ ...database.env, REPORT_LIMIT_PER_ADDRESS: '10000', ESTIMATE_TICK_MS: '1000' }), launchBrowser()]);
  // Waits to show, at a crossing of each border.
  for (const [checkpointId, waitMinutes] of [['torfyanovka', 90], ['verkhny-lars', 600], ['mashtakovo', 300], ['kyakhta', 240], ['vishnevka', 2880], ['ozinki', 180], ['karauzek', 240]] as const) {
    await report(checkpointId, waitMinutes);
  }
  // And an old one, greyed and dashed with its age: Salla's only report, thirteen hours ago; the tick notices.
  await report('salla', 120);
  await database.query(`UPDATE "Report" SET "createdAt" = now() - interval '13 hours' WHERE "checkpointId" = 'salla'`);
  await vi.waitFor(
    async () => {
      const read = (await (await fetch(`${server.url}/api/checkpoints/salla`)).json()) as { checkpoint: { estimates: { stale: boolean }[] } };
      expect(read.checkpoint.estimates[0]?.stale).toBe(true);
    },
    { timeout: 15_000, interval: 250 },
  );
});

afterEach(async () => {
  for (const context of contexts) await context.close();
  contexts.clear();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.drop();
});

let device = 0;
async function report(checkpointId: string, waitMinutes: number): Promise<void> {
  const response = await fetch(`${server.url}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-device-key': `phone-test-device-${String((device += 1)).padStart(8, '0')}` },
    body: JSON.stringify({ id: crypto.randomUUID(), checkpointId, direction: 'out', mode: 'car', waitMinutes }),
  });
  expect(response.status).toBe(201);
}

/**
 * A phone. `failing`: its loads fail on purpose (it goes offline, it opens a 404), and are not counted as problems.
 * `audited`: the page takes axe-core's script despite its own CSP (accessibilityProblems).
 */
async function phone(
  options: { width?: number; height?: number; view?: 'map'; failing?: boolean; audited?: boolean; scheme?: Scheme } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const { context, problems } = await openContext(browser, server.url, {
    ...PHONE,
    viewport: { width: options.width ?? 390, height: options.height ?? 844 },
    colorScheme: options.scheme ?? 'light',
    ...(options.audited ? { bypassCSP: true } : {}),
  });
  if (options.view) await rememberView(context, options.view);
  if (!options.failing) seen.push(problems);
  contexts.add(context);
  return { context, page: await context.newPage() };
}

const live = (page: Page) => page.locator('.connection[data-state="live"]').waitFor();

/** "Куда ехать?", a town typed, and the keyboard's search key, which takes the first place found; until it ranks. */
async function planFrom(page: Page, town: string): Promise<void> {
  await page.getByRole('button', { name: 'Куда ехать?' }).click();
  await page.locator('#trip-search').fill(town);
  await page.locator('.trip-places button', { hasText: town }).first().waitFor();
  await page.locator('#trip-search').press('Enter');
  await page.locator('.trip-ranking li').first().waitFor();
}

/** Until the markers stop moving: the map animates its fits, and places its markers once a move ends. */
async function settled(page: Page): Promise<void> {
  let last = '';
  await expect
    .poll(async () => {
      const now = JSON.stringify(await page.locator('.pin').evaluateAll((pins) => pins.map((pin) => [pin.getBoundingClientRect().left, pin.getBoundingClientRect().top])));
      const still = now === last;
      last = now;
      return still;
    }, { interval: 400, timeout: 20_000 })
    .toBe(true);
}

/**
 * Everything a thumb may tap that is smaller than 44 × 44 CSS px. A checkbox or radio counts by its label, which is
 * what takes the tap; a text field's label is text, its field the target. Markers are the map's to space (issue 12).
 */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const targets = document.querySelectorAll<HTMLElement>(
      'button, a[href], select, summary, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), label:has(> input[type=checkbox]), label:has(> input[type=radio])',
    );
    const small: string[] = [];
    for (const element of targets) {
      if (element.closest('.leaflet-marker-icon')) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(element).visibility === 'hidden') continue;
      // Half a pixel of rounding is the layout's, not the design's.
      if (box.width < 43.5 || box.height < 43.5) small.push(`${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 30)}" ${box.width.toFixed(1)}×${box.height.toFixed(1)}`);
    }
    return small;
  });
}

describe('tap targets', () => {
  it('are at least 44 × 44 px at 390 px: the list, the map, the open menu, the trip planner, a checkpoint with its form', async () => {
    const { page } = await phone();
    await page.goto('/');
    await live(page);
    expect(await smallTargets(page)).toEqual([]);
    await page.locator('.menu summary').click();
    await page.locator('.menu ul').waitFor();
    expect(await smallTargets(page)).toEqual([]);
    await page.locator('.menu summary').click();

    // The trip planner: its search, what it finds, and the ranking.
    await page.getByRole('button', { name: 'Куда ехать?' }).click();
    await page.locator('#trip-search').fill('Волг');
    await page.locator('.trip-places button').first().waitFor();
    expect(await smallTargets(page)).toEqual([]);
    await page.locator('.trip-places button', { hasText: 'Волгоград' }).first().click();
    await page.locator('.trip-ranking li').first().waitFor();
    expect(await smallTargets(page)).toEqual([]);
    await page.locator('.trip-panel .close').click();

    await page.locator('.first-estimates li a', { hasText: 'Верхний Ларс' }).click();
    await page.locator('.report-form').waitFor();
    await page.locator('.field > label.check').click();
    expect(await smallTargets(page)).toEqual([]);

    await page.locator('.panel-head .close').click();
    await page.getByRole('button', { name: 'Показать карту' }).click();
    await page.locator('.leaflet-control-zoom-in').waitFor();
    expect(await smallTargets(page)).toEqual([]);
  });
});

describe('the top bar', () => {
  it('fits a 320 px screen offline with reports waiting, every button on screen', async () => {
    const { context, page } = await phone({ width: 320, failing: true });
    await page.goto('/checkpoints/kyakhta');
    await live(page);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await context.setOffline(true);
    await page.locator('.connection[data-state="offline"]').waitFor();
    for (const wait of ['2', '4']) {
      await page.getByRole('radio', { name: wait, exact: true }).first().click();
      await page.getByRole('button', { name: 'Отправить' }).click();
      await page.locator('.form-status[data-status="queued"]').waitFor();
    }
    await page.locator('.connection .pending-count').waitFor();
    const bar = await page.locator('.topbar').evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth, height: element.getBoundingClientRect().height }));
    expect(bar.scroll).toBeLessThanOrEqual(bar.client);
    for (const target of await page.locator('.topbar-actions > button, .menu > summary').all()) {
      const box = (await target.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(320);
    }
    await screenshot(page, 'phone-320-offline');
  });
});

describe('the legend', () => {
  it.each([
    ['a phone', 390, 844],
    ['a phone held sideways', 844, 390],
    ['a wide screen', 1280, 800],
  ])('covers no marker at any border\'s view on %s', async (_, width, height) => {
    const { page } = await phone({ view: 'map', width, height });
    await page.goto('/');
    await live(page);
    await page.locator('.pin').first().waitFor();
    for (const border of ['Финляндия', 'Грузия', 'Казахстан', 'Монголия', 'Все']) {
      await page.locator('.border-tabs button', { hasText: border }).click();
      await settled(page);
      const covered = await page.evaluate(() => {
        const hit = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        const map = document.querySelector('.map')!.getBoundingClientRect();
        const over = [...document.querySelectorAll('.legend, .lite-toggle, .leaflet-control-zoom')].map((element) => element.getBoundingClientRect());
        return [...document.querySelectorAll<HTMLElement>('.pin')]
          .filter((pin) => hit(pin.getBoundingClientRect(), map))
          .filter((pin) => over.some((box) => hit(pin.getBoundingClientRect(), box)))
          .map((pin) => pin.dataset.checkpoint);
      });
      expect(covered, border).toEqual([]);
    }
    await page.locator('.border-tabs button', { hasText: 'Финляндия' }).click();
    await page.waitForTimeout(800);
    await screenshot(page, `legend-finland-${width}`);
  });
});

describe('a marker panned by hand under "Без карты"', () => {
  it('is drawn beside the button, with a line to its point', async () => {
    const { page } = await phone({ view: 'map' });
    // No inertia, as for a person who asked the phone for less motion: the map stops where the finger lets go (with
    // it, a drag on a busy machine could fling the point past the button).
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/');
    await live(page);
    await page.locator('.border-tabs button', { hasText: 'Грузия' }).click();
    await settled(page);
    const pin = page.locator('.pin[data-checkpoint="verkhny-lars"]');
    // The marker's point: its icon has no size and sits on it; the pill may be drawn beside it.
    const point = () => pin.evaluate((element) => {
      const at = element.closest('.leaflet-marker-icon')!.getBoundingClientRect();
      return { x: at.left, y: at.top };
    });
    const to = (await page.locator('.lite-toggle').boundingBox())!;
    const target = { x: to.x + to.width / 2, y: to.y + to.height / 2 };
    // Drag the map, grabbed beside the marker, until its point is under the button's middle (a drag may fall short).
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const from = await point();
      if (Math.abs(from.x - target.x) < to.width / 4 && Math.abs(from.y - target.y) < to.height / 4) break;
      const box = (await pin.boundingBox())!;
      const grab = { x: box.x + box.width / 2, y: box.y + box.height + 60 };
      await page.mouse.move(grab.x, grab.y);
      await page.mouse.down();
      await page.mouse.move(grab.x + target.x - from.x, grab.y + target.y - from.y, { steps: 12 });
      await page.mouse.up();
      await settled(page);
    }
    const under = await point();
    expect(under.x > to.x && under.x < to.x + to.width && under.y > to.y && under.y < to.y + to.height).toBe(true);
    const placed = await pin.evaluate((element) => {
      const a = element.getBoundingClientRect();
      const b = document.querySelector('.lite-toggle')!.getBoundingClientRect();
      return { covered: a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom, leader: !!element.closest('.leaflet-marker-icon')!.querySelector('.pin-leader') };
    });
    await screenshot(page, 'marker-panned-under-lite-toggle');
    expect(placed).toEqual({ covered: false, leader: true });
  });
});

describe('the legend, on a phone held sideways', () => {
  it('folds into its button, as on a phone, rather than run under the zoom buttons, and opens within the map', async () => {
    const { page } = await phone({ view: 'map', width: 844, height: 390 });
    await page.goto('/');
    await live(page);
    await page.locator('.pin').first().waitFor();
    expect(await page.getByRole('button', { name: 'Обозначения' }).isVisible()).toBe(true);
    const overlap = await page.evaluate(() => {
      const a = document.querySelector('.legend')!.getBoundingClientRect();
      const b = document.querySelector('.leaflet-control-zoom')!.getBoundingClientRect();
      return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    });
    expect(overlap).toBe(false);
    // Opened, it fits in the map (about 230 px tall here) and every row is on top, the zoom buttons' too.
    await page.getByRole('button', { name: 'Обозначения' }).click();
    const misplaced = await page.locator('.legend-body li, .legend-body strong').evaluateAll((rows) => {
      const map = document.querySelector('.map')!.getBoundingClientRect();
      return rows
        .filter((row) => {
          const box = row.getBoundingClientRect();
          const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
          return box.top < map.top || !top || !row.closest('.legend')!.contains(top);
        })
        .map((row) => row.textContent);
    });
    expect(misplaced).toEqual([]);
    await screenshot(page, 'legend-open-844x390');
  });
});

describe('the legend, opened on a phone over the list of waits', () => {
  it('shows every row on top: none hides under the card of waits', async () => {
    const { page } = await phone();
    await page.goto('/');
    await live(page);
    await page.locator('.first-estimates').waitFor();
    await page.getByRole('button', { name: 'Обозначения' }).click();
    const hidden = await page.locator('.legend-body li').evaluateAll((rows) =>
      rows
        .filter((row) => {
          const box = row.getBoundingClientRect();
          const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
          return !top || !row.closest('.legend')!.contains(top);
        })
        .map((row) => (row as HTMLElement).innerText),
    );
    expect(hidden).toEqual([]);
    await screenshot(page, 'phone-legend-open');
  });

  it('closed on a small phone, sits below the card of waits, not over its last row', async () => {
    const { page } = await phone({ width: 320, height: 568 });
    await page.goto('/');
    await live(page);
    // Eight waits (one of them old): more than the card holds here, so it scrolls and reaches as low as it may.
    await expect.poll(() => page.locator('.first-estimates li').count()).toBe(8);
    const [card, button] = await Promise.all(['.first-estimates', '.legend-toggle'].map(async (selector) => (await page.locator(selector).boundingBox())!));
    expect(card!.y + card!.height).toBeLessThanOrEqual(button!.y);
    await screenshot(page, 'phone-320-list-of-waits');
  });
});

describe('erasing Kordon from the phone', () => {
  it('after one confirm leaves no storage, cache, cookie or service worker, and the page says so', async () => {
    const { context, page } = await phone();
    await page.goto('/checkpoints/torfyanovka');
    await live(page);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // What a person leaves behind: a watched crossing, a report (its device key), the language switched, the offline copy.
    await page.locator('.panel-head .star').click();
    await page.getByRole('radio', { name: '2', exact: true }).first().click();
    await page.getByRole('button', { name: 'Отправить' }).click();
    await page.locator('.form-status[data-status="accepted"]').waitFor();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('button', { name: 'Переключить на русский' }).click();
    // And the HttpOnly cookie of a report sent without scripts.
    const form = await context.request.post(`${server.url}/checkpoints/torfyanovka/report`, {
      form: { id: crypto.randomUUID(), 'report-direction': 'out', 'report-mode': 'car', waitHours: '3' },
      maxRedirects: 0,
    });
    expect(form.status()).toBe(303);
    const before = await page.evaluate(async () => ({
      storage: localStorage.length,
      caches: (await caches.keys()).length,
      workers: (await navigator.serviceWorker.getRegistrations()).length,
    }));
    expect(before.storage).toBeGreaterThan(0);
    expect(before.caches).toBeGreaterThan(0);
    expect(before.workers).toBe(1);
    expect((await context.cookies()).map((cookie) => cookie.name).sort()).toEqual(['kordon_device', 'kordon_lang']);

    await page.locator('.menu summary').click();
    await page.getByRole('link', { name: 'Стереть Кордон с этого телефона' }).click();
    await page.getByRole('heading', { name: 'Стереть Кордон с этого телефона?' }).waitFor();
    await screenshot(page, 'phone-erase-confirm');
    await page.getByRole('button', { name: 'Стереть' }).click();
    await page.getByRole('heading', { name: 'Кордон стёрт с этого телефона' }).waitFor();
    await screenshot(page, 'phone-erased');

    // Checked through the browser's own APIs, a moment later, on the page that says so.
    await page.waitForTimeout(1000);
    const after = await page.evaluate(async () => ({
      storage: localStorage.length + sessionStorage.length,
      caches: await caches.keys(),
      workers: (await navigator.serviceWorker.getRegistrations()).length,
      databases: (await indexedDB.databases()).length,
      scripts: document.scripts.length,
    }));
    expect(after).toEqual({ storage: 0, caches: [], workers: 0, databases: 0, scripts: 0 });
    expect(await context.cookies()).toEqual([]);
    // A phone set to dark gets the answer dark too (it was the one white page left), and it stays readable.
    await expectScheme(page, 'light', [['body', 'background-color']]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectScheme(page, 'dark', [['body', 'background-color']]);
    await expectScheme(page, 'light', [['body', 'color']]);
  });

  it('is only for Kordon\'s own page to ask: another site\'s form is refused and erases nothing', async () => {
    const response = await fetch(`${server.url}/erase/now`, { method: 'POST', headers: { 'sec-fetch-site': 'cross-site', origin: 'https://elsewhere.example' } });
    expect(response.status).toBe(403);
    expect(response.headers.get('clear-site-data')).toBeNull();
  });
});

describe('a person in the queue at a quiet crossing', () => {
  it('finds it folded under the waits, among the crossings with no recent report, and opens its form: with scripts and without', async () => {
    const { page } = await phone();
    await page.goto('/');
    await live(page);
    const fold = page.locator('.first-estimates .quiet-crossings');
    // Folded: the waits stay what is read first.
    expect(await fold.locator('a', { hasText: 'Монды' }).isVisible()).toBe(false);
    // Every crossing that takes cars is either a wait above or a name in the fold, once.
    const waits = await page.locator('.first-estimates li').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-checkpoint')));
    const quiet = await fold.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('data-checkpoint')));
    const { checkpoints } = (await (await fetch(`${server.url}/api/checkpoints`)).json()) as { checkpoints: { id: string; modes: string[] }[] };
    expect([...waits, ...quiet].sort()).toEqual(checkpoints.filter((c) => c.modes.includes('car')).map((c) => c.id).sort());
    expect(waits.length).toBeGreaterThan(0);
    expect(await fold.locator('summary').innerText()).toBe(`Без свежих сообщений: ${quiet.length} пунктов`);

    await fold.locator('summary').click();
    expect(await fold.locator('h3').allInnerTexts()).toEqual(['Финляндия', 'Казахстан', 'Монголия']);
    expect(await smallTargets(page)).toEqual([]);
    await screenshot(page, 'quiet-crossings-open-390');
    await fold.locator('a', { hasText: 'Монды' }).click();
    await page.locator('.report-form').waitFor();
    expect(await page.locator('#panel-title').innerText()).toContain('Монды');

    // Without scripts the fold opens by itself (a native disclosure), and the name is a link to the crossing's page.
    const { context } = await openContext(browser, server.url, { ...PHONE, javaScriptEnabled: false });
    contexts.add(context);
    const plain = await context.newPage();
    await plain.goto('/');
    await plain.locator('.quiet-crossings summary').click();
    await plain.locator('.quiet-crossings a', { hasText: 'Монды' }).click();
    await plain.waitForURL('**/checkpoints/mondy');
    expect(await plain.getByRole('button', { name: 'Отправить' }).isVisible()).toBe(true);
  });
});

describe('a phone whose clock is off', () => {
  /** The phone's own clock runs `minutes` ahead of the world's (behind, if negative), as one set by hand does. */
  async function offBy(context: BrowserContext, minutes: number): Promise<void> {
    await context.addInitScript((offset) => {
      const WorldDate = Date;
      class PhoneDate extends WorldDate {
        constructor(...args: ConstructorParameters<DateConstructor>) {
          if (args.length > 0) super(...args);
          else super(WorldDate.now() + offset);
        }
        static override now() {
          return WorldDate.now() + offset;
        }
      }
      globalThis.Date = PhoneDate as DateConstructor;
    }, minutes * 60_000);
  }

  it.each([
    ['an hour fast', 60],
    ['three hours slow', -180],
  ])('%s says how old what it shows is by the server, and reports "crossed after 2 h" as just now', async (_, minutes) => {
    const { context, page } = await phone();
    await offBy(context, minutes);
    await page.goto('/checkpoints/ozinki');
    await live(page);
    // The phone's clock is off by what the test says, either way (a clock left as it is would pass a one-sided check).
    expect(Math.abs(await page.evaluate(() => Date.now()) - Date.now() - minutes * 60_000)).toBeLessThan(60_000);
    await report('ozinki', 200);
    // A report of a moment ago, and the estimate it made, read as a moment ago (an hour fast said "1 час назад").
    const panel = page.locator('.checkpoint-panel');
    await expect.poll(() => panel.innerText(), { timeout: 8000 }).toMatch(/последнее сообщение (только что|1 минуту назад)/);
    // The list of recent reports follows the number within a few seconds (useCheckpointDetail), not in the same frame.
    await expect.poll(() => panel.locator('.recent-reports li').first().innerText(), { timeout: 8000 }).toMatch(/^(только что|1 минуту назад) · /);
    // A time of day is on the phone's own clock, beside which it is read: the chart ends at "now" by it.
    const phoneClock = await page.evaluate(() => [0, 60_000].map((back) => new Date(Date.now() - back).toLocaleTimeString('ru-RU', { hour: '2-digit', minute: '2-digit' })));
    expect(phoneClock).toContain(await panel.locator('.chart text.tick').last().textContent());

    await page.getByLabel('Я только что прошёл(а) границу').check();
    await page.getByRole('textbox', { name: 'Сколько часов заняло' }).fill('2');
    await page.getByRole('button', { name: 'Отправить' }).click();
    // An hour fast, the crossing was refused as "in the future" ("Время прохода — за последние сутки").
    await page.locator('.form-status[data-status="accepted"]').waitFor();
    const [stored] = await database.query<{ ago: number; took: number }>(
      `SELECT extract(epoch FROM now() - "crossedAt")::float AS ago, extract(epoch FROM "crossedAt" - "joinedAt")::float AS took
         FROM "Report" WHERE "checkpointId" = 'ozinki' AND "crossedAt" IS NOT NULL ORDER BY "createdAt" DESC LIMIT 1`,
    );
    // Kept to the minute: ended within the last two, and took the two hours said.
    expect(stored!.ago).toBeGreaterThanOrEqual(0);
    expect(stored!.ago).toBeLessThan(120);
    expect(stored!.took).toBe(2 * 3600);
    await screenshot(page, `clock-off-${minutes > 0 ? 'fast' : 'slow'}-390`);
  });
});

describe('where should I go', () => {
  it.each([
    ['a small phone', 320, 568],
    ['a phone held sideways', 844, 390],
  ])('on %s shows the first ranked crossing and its total without scrolling the panel', async (_, width, height) => {
    const { page } = await phone({ width, height });
    await page.goto('/');
    await live(page);
    await planFrom(page, 'Волгоград');
    // The answer, the first crossing's name and its drive + wait, is on the screen (its smaller print may run below).
    for (const part of ['.trip-total', '.trip-facts strong']) {
      const box = (await page.locator(`.trip-ranking li >> nth=0 >> ${part}`).boundingBox())!;
      expect(box.y + box.height, part).toBeLessThanOrEqual(height);
    }
    await screenshot(page, `trip-volgograd-${width}x${height}`);
    // Closed, the choices it covered are there again, and the focus is back on the button that opened it.
    await page.keyboard.press('Escape');
    const tripButton = page.getByRole('button', { name: 'Куда ехать?' });
    await expect.poll(() => tripButton.evaluate((button) => document.elementFromPoint(button.getBoundingClientRect().x + 10, button.getBoundingClientRect().y + 10) === button)).toBe(true);
    expect(await tripButton.evaluate((button) => document.activeElement === button)).toBe(true);
  });

  it('from "Волгоград" ranks the Kazakh crossings by drive + wait on the phone, and nothing it sends names the start', async () => {
    const { page } = await phone();
    const sent: string[] = [];
    page.on('request', (request) => sent.push(`${request.url()} ${request.postData() ?? ''}`));
    page.on('websocket', (socket) => socket.on('framesent', (frame) => sent.push(String(frame.payload))));
    await page.goto('/');
    await live(page);
    // The keyboard's search key takes the first place found (the other test taps a suggestion).
    await planFrom(page, 'Волгоград');
    expect(await page.locator('.trip-panel').innerText()).toContain('Волгоград');
    // The answer is in view without scrolling the sheet: the first crossing of the ranking, with its wait.
    const first = (await page.locator('.trip-ranking li').first().boundingBox())!;
    expect(first.y + first.height).toBeLessThanOrEqual(page.viewportSize()!.height);
    await screenshot(page, 'phone-trip-volgograd');

    const rows = await page.locator('.trip-ranking li').evaluateAll((items) =>
      items.map((item) => ({ id: item.getAttribute('data-checkpoint'), group: item.getAttribute('data-group'), text: (item as HTMLElement).innerText })),
    );
    const kazakh = ['ozinki', 'karauzek', 'mashtakovo', 'vishnevka'];
    const position = (id: string) => rows.findIndex((row) => row.id === id);
    // Each with its drive (distance and time, approximate), its wait and how old it is.
    for (const id of kazakh) {
      const row = rows[position(id)]!;
      expect(row.group, id).toBe('live');
      expect(row.text, id).toMatch(/\d км, [\d,]+ ч за рулём \(прибл\.\)/);
      expect(row.text, id).toMatch(/очередь · последнее сообщение/);
      expect(row.text, id).toMatch(/≈ [\d,]+ (ч|сут)/);
    }
    // Two days at Vishnyovka, the nearest, rank below 3 h at Ozinki, over 300 km further.
    expect(position('ozinki')).toBeLessThan(position('vishnevka'));
    expect(position('karauzek')).toBeLessThan(position('vishnevka'));
    // Polynny, about 3 h away and unreported, is listed under them, yet it may be the quicker: the panel says so above.
    const polynny = rows[position('polynny')]!;
    expect(polynny.group).toBe('unknown');
    const nearer = await page.getByTestId('trip-nearer').innerText();
    expect(nearer).toMatch(/^Пункт без свежих сообщений об очереди может оказаться быстрее: .+, [\d,]+ ч за рулём/);
    expect(nearer).toContain(polynny.text.split('\n')[1]!.trim());
    const km = (id: string) => Number(/([\d\s]+) км/.exec(rows[position(id)]!.text)![1]!.replace(/\s/g, ''));
    expect(km('ozinki') - km('vishnevka')).toBeGreaterThan(300);
    // A bilateral crossing says what that means, and can be left out.
    expect(rows[position('vishnevka')]!.text).toContain('только граждан России и соседней страны');
    await page.locator('.trip-filter').click();
    await expect.poll(() => page.locator('.trip-ranking li[data-checkpoint="vishnevka"]').count()).toBe(0);
    await page.locator('.trip-filter').click();

    // Choosing one opens its panel.
    await page.locator('.trip-ranking li[data-checkpoint="ozinki"] button').click();
    await page.locator('.panel h2', { hasText: 'Озинки' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/checkpoints/ozinki');

    // The town and its position went nowhere: not in an address, a body, or a Socket.IO frame.
    const traces = ['Волгоград', encodeURIComponent('Волгоград'), 'Volgograd', '48.72', '44.5'];
    expect(sent.filter((line) => traces.some((trace) => line.includes(trace)))).toEqual([]);
    expect(sent.some((line) => line.includes('/api/gazetteer'))).toBe(true);
  });
});

describe('the phone’s back gesture', () => {
  it('closes the planner and the watch list instead of leaving Kordon, and goes from a crossing back to the planner it came from', async () => {
    const { page } = await phone();
    // A page before Kordon's, where back goes once nothing of Kordon's is open.
    await page.goto('/list');
    await page.goto('/');
    await live(page);
    const side = () => page.locator('#side').getAttribute('data-side');

    await page.getByRole('button', { name: 'Куда ехать?' }).click();
    await page.locator('#trip-search').waitFor();
    await page.goBack();
    // Before, back left the page for the one before it, and the planner with it.
    await expect.poll(side).toBeNull();
    expect(new URL(page.url()).pathname).toBe('/');

    await planFrom(page, 'Волгоград');
    await page.locator('.trip-ranking li .trip-open').first().click();
    await page.locator('.report-form').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/checkpoints\//);
    await page.goBack();
    await expect.poll(side).toBe('trip');
    expect(await page.locator('.trip-panel').innerText()).toContain('Волгоград');
    await page.goBack();
    await expect.poll(side).toBeNull();

    await page.getByRole('button', { name: 'Избранное' }).click();
    await expect.poll(side).toBe('watch');
    await page.goBack();
    await expect.poll(side).toBeNull();
    expect(new URL(page.url()).pathname).toBe('/');

    // Closed by its own button, a sheet is not opened again by back: back leaves for the page before.
    await page.getByRole('button', { name: 'Куда ехать?' }).click();
    await page.locator('.trip-panel .close').click();
    await expect.poll(side).toBeNull();
    await page.goBack();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/list');
  });
});

describe('choosing where to start, other ways', () => {
  it('a point tapped on the map, or the device\'s location when asked, is the start; neither leaves the page', async () => {
    const { context, page } = await phone({ view: 'map', width: 1280, height: 800 });
    await context.grantPermissions(['geolocation']);
    await context.setGeolocation({ latitude: 48.7, longitude: 44.5 });
    const sent: string[] = [];
    page.on('request', (request) => sent.push(`${request.url()} ${request.postData() ?? ''}`));
    page.on('websocket', (socket) => socket.on('framesent', (frame) => sent.push(String(frame.payload))));
    await page.goto('/');
    await live(page);
    await page.locator('.pin').first().waitFor();
    await page.getByRole('button', { name: 'Куда ехать?' }).click();
    await page.getByRole('button', { name: 'Выбрать точку на карте' }).click();
    await page.locator('.pick-hint').waitFor();
    const map = (await page.locator('.map').boundingBox())!;
    await page.mouse.click(map.x + map.width * 0.3, map.y + map.height * 0.7);
    await page.locator('.trip-start', { hasText: 'Точка на карте' }).waitFor();
    expect(await page.locator('.trip-ranking li').count()).toBeGreaterThan(10);

    await page.locator('.trip-start button').click();
    await page.getByRole('button', { name: 'Где я сейчас' }).click();
    await page.locator('.trip-start', { hasText: 'Где я сейчас' }).waitFor();
    // Near Volgograd the nearest crossings are Kazakh ones.
    expect(await page.locator('.trip-ranking li').first().getAttribute('data-checkpoint')).toMatch(/^(vishnevka|karauzek|ozinki|mashtakovo)$/);
    expect(sent.filter((line) => ['48.7', '44.5'].some((trace) => line.includes(trace)))).toEqual([]);
  });
});

describe('names on the map, and no marker hidden under another', () => {
  it.each([
    ['a phone', 390, 844, 1],
    // A slow phone ends a zoom (Leaflet's 250 ms timer) while its markers are still gliding to their places: they
    // must be placed where they end, not where they were drawn that frame (this one failed so before).
    ['a slow phone (CPU × 12)', 390, 844, 12],
    ['a wide screen', 1280, 800, 1],
  ])('at the Kazakhstan view on %s every seeded marker is named, clear of the others, and opens its own panel', async (_, width, height, slowdown) => {
    const { context, page } = await phone({ view: 'map', width, height });
    if (slowdown > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    await page.goto('/');
    await live(page);
    const kazakhstan = async () => {
      await page.locator('.border-tabs button', { hasText: 'Казахстан' }).click();
      await settled(page);
    };
    await kazakhstan();
    await screenshot(page, `kazakhstan-names-${width}`);
    const seeded: [string, string][] = [['mashtakovo', 'Маштаково'], ['ozinki', 'Озинки'], ['karauzek', 'Караузек'], ['vishnevka', 'Вишнёвка']];
    // Named, and no pill over another.
    for (const [id, name] of seeded) expect(await page.locator(`.pin[data-checkpoint="${id}"] .pin-name`).innerText()).toBe(name);
    const overlapping = () =>
      page.evaluate(() => {
      // The markers on screen: those off it are placed when they come into view.
      const map = document.querySelector('.map')!.getBoundingClientRect();
      const pills = [...document.querySelectorAll<HTMLElement>('.pin')]
        .map((pin) => ({ id: pin.dataset.checkpoint, box: pin.getBoundingClientRect() }))
        .filter((p) => p.box.width > 0 && p.box.right > map.left && p.box.left < map.right && p.box.bottom > map.top && p.box.top < map.bottom);
      const out: string[] = [];
      for (let i = 0; i < pills.length; i += 1)
        for (let j = i + 1; j < pills.length; j += 1) {
          const a = pills[i]!.box;
          const b = pills[j]!.box;
          if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) out.push(`${pills[i]!.id}/${pills[j]!.id}`);
        }
      return out;
    });
    // Once the map has settled and the markers have been placed (one frame after the move ends).
    await expect.poll(overlapping, { timeout: 10_000 }).toEqual([]);
    // A tap on each opens its own panel (Playwright's click fails if anything else would take it).
    for (const [id, name] of seeded) {
      await page.locator(`.pin[data-checkpoint="${id}"]`).click();
      await page.locator('.panel h2', { hasText: name }).waitFor();
      await page.locator('.panel-head .close').click();
      await expect.poll(() => page.locator('.checkpoint-panel').count()).toBe(0);
      // Opening one brought the map closer to it: back to the border's view, as a person would.
      await kazakhstan();
    }
  });
});

describe('sharing what I see', () => {
  it('a crossing\'s link carries direction and mode, opens the same view, and the share button copies it', async () => {
    const { context, page } = await phone();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/checkpoints/ozinki?direction=in&mode=truck');
    await live(page);
    expect(await page.locator('.direction-switch input[value="in"]').isChecked()).toBe(true);
    expect(await page.locator('.mode-switch select').inputValue()).toBe('truck');
    await page.locator('.panel-context', { hasText: 'Въезд в Россию · Грузовые' }).waitFor();
    // Changing the view changes the address (so a copy of it shows the same).
    await page.locator('.mode-switch select').selectOption('car');
    await expect.poll(() => new URL(page.url()).search).toBe('?direction=in');
    await page.getByRole('button', { name: 'Поделиться' }).click();
    await page.getByText('Ссылка скопирована').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${server.url}/checkpoints/ozinki?direction=in`);
  });
});


/**
 * Every view a newcomer meets, each audited by axe-core (its contrast rule among them) and painted in the phone's
 * scheme: the list of waits (its fold open too, an old wait among them), a crossing with its form and what it
 * refused, the planner, the map, the list without scripts, the privacy and erase pages, and a mistyped crossing.
 */
async function auditEveryView(scheme: Scheme): Promise<void> {
  const { page } = await phone({ audited: true, scheme });
  await page.goto('/');
  await live(page);
  expect(await page.locator('.first-estimates li[data-checkpoint="salla"] .pin-inline').getAttribute('data-quality')).toBe('old');
  expect(await accessibilityProblems(page)).toEqual([]);
  await expectScheme(page, scheme, [['html', 'background-color'], ['.first-estimates', 'background-color']]);
  // The crossings with no recent report, unfolded.
  await page.locator('.quiet-crossings summary').click();
  expect(await accessibilityProblems(page)).toEqual([]);

  await page.locator('.first-estimates li a', { hasText: 'Верхний Ларс' }).click();
  await page.locator('.report-form').waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);
  await expectScheme(page, scheme, [['.side.open', 'background-color'], ['.report-form', 'background-color']]);
  // The form with what it refused: the field's error and the form's status.
  await page.locator('.report-form input[inputmode]').first().fill('abc');
  await page.locator('.report-form button.primary').click();
  await page.getByText('Проверьте отмеченные поля.').waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.locator('.panel-head .close').click();

  await planFrom(page, 'Волгоград');
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.locator('.trip-panel .close').click();

  await page.getByRole('button', { name: 'Показать карту' }).click();
  await page.locator('.leaflet-marker-icon .pin').first().waitFor();
  await page.locator('path.land-russia').waitFor({ state: 'attached' });
  expect(await accessibilityProblems(page)).toEqual([]);
  await expectScheme(page, scheme, [
    ['.map', 'background-color'],
    ['path.land-russia', 'fill'],
    ['path.land:not(.land-russia)', 'fill'],
    ['.leaflet-bar a', 'background-color'],
  ]);

  await page.goto('/list?from=Волгоград&sort=total');
  expect(await accessibilityProblems(page)).toEqual([]);
  await expectScheme(page, scheme, [['html', 'background-color']]);
  for (const path of ['/privacy', '/erase']) {
    await page.goto(path);
    expect(await accessibilityProblems(page), path).toEqual([]);
  }
  // A mistyped crossing: its 404 is what the page is for, not a problem of the page.
  const { page: notFound } = await phone({ audited: true, failing: true, scheme });
  await notFound.goto('/checkpoints/vishnyovka');
  expect(await accessibilityProblems(notFound)).toEqual([]);
}

describe('for a screen reader and weak eyes', () => {
  it('breaks no rule axe-core checks, in Russian at 390 px: the list (its fold open too), a crossing with its form, the planner, the map, the list without scripts', async () => {
    await auditEveryView('light');
  });

  it('at night, on a phone set to dark, paints every view dark and still breaks none (contrast among them)', async () => {
    await auditEveryView('dark');
  });

  it('takes the keyboard to what opens: a crossing\'s or the planner\'s heading, and back to where it was on Escape', async () => {
    const { page } = await phone();
    await page.goto('/');
    await live(page);
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim() || null);
    await page.locator('.first-estimates li a', { hasText: 'Верхний Ларс' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('.panel h2', { hasText: 'Верхний Ларс' }).waitFor();
    await expect.poll(focused).toBe('panel-title');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#side.open').count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await focused()).toBe('Верхний Ларс – Дарьяли');

    await page.getByRole('button', { name: 'Куда ехать?' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('trip-title');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#side.open').count()).toBe(0);
    expect(await focused()).toBe('Куда ехать?');
  });

  it('breaks none with the menu, the legend or the watch list open, light or dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { page } = await phone({ audited: true, scheme });
      await page.goto('/');
      await live(page);
      await page.locator('.menu summary').click();
      await page.locator('.menu ul').waitFor();
      expect(await accessibilityProblems(page), scheme).toEqual([]);
      await expectScheme(page, scheme, [['.menu ul', 'background-color']]);
      await page.locator('.menu summary').click();
      await page.getByRole('button', { name: 'Обозначения' }).click();
      await page.locator('.legend-body li').first().waitFor();
      expect(await accessibilityProblems(page), scheme).toEqual([]);
      await expectScheme(page, scheme, [['.legend-body', 'background-color']]);
      await page.getByRole('button', { name: 'Обозначения' }).click();
      await page.getByRole('button', { name: 'Избранное' }).click();
      await page.locator('#side.open').waitFor();
      expect(await accessibilityProblems(page), scheme).toEqual([]);
    }
  });
});

describe('large print', () => {
  /** Whether the card's first wait (its pill and the name's first line) is on the screen unscrolled. */
  const firstWaitShown = (page: Page) =>
    page.evaluate(() => {
      const card = document.querySelector('.first-estimates')!.getBoundingClientRect();
      const first = document.querySelector('.first-estimates li')!.getBoundingClientRect();
      return first.top + 44 <= Math.min(card.bottom, window.innerHeight);
    });
  /** Whether the page itself can be pushed sideways. */
  const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

  it('at 200 % zoom (a 390 × 844 phone is then 195 × 422 CSS px) shows the first wait, the choices in one row, a crossing and the list, none pushed sideways', async () => {
    const { page } = await phone({ width: 195, height: 422 });
    await page.goto('/');
    await live(page);
    // Before, the choices took four rows (209 px) and left the card 52 px: its heading, and no wait.
    expect(await firstWaitShown(page)).toBe(true);
    expect(await sideways(page)).toBe(false);
    await screenshot(page, 'zoom-200-list-of-waits');
    // The bar's buttons go under the name rather than over it (the star was drawn over "Кордон")…
    const overName = await page.evaluate(() => {
      const name = document.querySelector('.brand')!.getBoundingClientRect();
      return [...document.querySelectorAll('.topbar-actions > *')].some((button) => {
        const box = button.getBoundingClientRect();
        return box.left < name.right && name.left < box.right && box.top < name.bottom && name.top < box.bottom;
      });
    });
    expect(overName).toBe(false);
    // …and the menu opens within the screen (it ran past its left edge, cutting each item's first letters).
    await page.locator('.menu summary').click();
    const menu = (await page.locator('.menu ul').boundingBox())!;
    expect(menu.x).toBeGreaterThanOrEqual(0);
    expect(menu.x + menu.width).toBeLessThanOrEqual(195);
    await page.locator('.menu summary').click();
    // The choices past the screen's edge are a swipe away, and work.
    const controls = page.locator('.controls');
    expect(await controls.evaluate((row) => row.scrollWidth > row.clientWidth)).toBe(true);
    await page.locator('.mode-switch select').selectOption('truck');
    await expect.poll(() => page.locator('.first-estimates h2').innerText()).toContain('грузовые');
    await page.locator('.mode-switch select').selectOption('car');
    expect(await sideways(page)).toBe(false);

    await page.locator('.first-estimates li a', { hasText: 'Верхний Ларс' }).click();
    await page.locator('.report-form').waitFor();
    // The crossing's name on a line of its own above the star and the close button, not one syllable a line beside them.
    const heading = (await page.locator('.panel-head h2').boundingBox())!;
    expect(heading.width).toBeGreaterThan(150);
    expect(await sideways(page)).toBe(false);
    await screenshot(page, 'zoom-200-crossing');

    await page.goto('/list');
    expect(await sideways(page)).toBe(false);
  });

  it('at 200 % zoom brings the planner\'s answer into view once a start is chosen, and the keyboard to its heading', async () => {
    const { page } = await phone({ width: 195, height: 422 });
    await page.goto('/');
    await live(page);
    await planFrom(page, 'Волгоград');
    // Before, the start, its "Изменить" and the filter filled the sheet: the first crossing began 132 px below it.
    const inView = () =>
      page.evaluate(() => {
        const sheet = document.querySelector('.side.open')!.getBoundingClientRect();
        const total = document.querySelector('.trip-ranking li .trip-total')!.getBoundingClientRect();
        return total.top >= sheet.top && total.bottom <= sheet.bottom;
      });
    await expect.poll(inView).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('trip-ranked'))).toBe(true);
    // Its facts fit the sheet's width (they ran past its right edge, the name and the drive cut off).
    expect(await page.locator('.side.open').evaluate((sheet) => sheet.scrollWidth - sheet.clientWidth)).toBe(0);
    await screenshot(page, 'zoom-200-planner');
  });

  it('with the text at twice its size at 390 px (the root font at 32 px) shows the first wait unscrolled, and no button grows past what its text needs', async () => {
    const { context, page } = await phone();
    await context.addInitScript(() => document.addEventListener('DOMContentLoaded', () => (document.documentElement.style.fontSize = '200%')));
    await page.goto('/');
    await live(page);
    // Before, every button was 2.75rem (88 px) tall, the choices 414 px, and the card showed its heading alone.
    expect(await firstWaitShown(page)).toBe(true);
    expect(await sideways(page)).toBe(false);
    const tallest = await page.locator('.controls button, .controls select').evaluateAll((all) => Math.max(...all.map((e) => e.getBoundingClientRect().height)));
    expect(tallest).toBeLessThan(80);
    expect(await smallTargets(page)).toEqual([]);
    await screenshot(page, 'text-200-list-of-waits');
  });
});

describe('every page above', () => {
  it('threw no script errors and asked no other host for anything', () => {
    expect(seen.flatMap((problems) => problems.errors)).toEqual([]);
    expect(seen.flatMap((problems) => problems.foreignRequests)).toEqual([]);
  });
});
