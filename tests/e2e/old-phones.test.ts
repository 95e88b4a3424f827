// An old phone: an iPhone 6s, 7 or first SE stops at iOS 15 (Safari 15), an
// Android 5 phone at Chrome 95, and many left in 2022 with such a phone. Next's
// default build is for Safari 16.4 and Chrome 111: Safari 15 met a class static
// block in the first scripts, threw a SyntaxError, and the page stayed at
// "Подключение…" with no map and greyed buttons. package.json's browserslist
// names the phones; these tests hold the build to it.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as acorn from 'acorn';
import { full as walkFull } from 'acorn-walk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { launchBrowser, openContext, PHONE, screenshot, type Browser } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

const BUILD = fileURLToPath(new URL('../../.next/', import.meta.url));

/** Every file under `dir` whose name ends in `ending`. */
async function filesOf(dir: string, ending: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(ending)).map((e) => join(e.parentPath, e.name));
}

/**
 * What in a script the old phones cannot read. Safari 15 reads all of ES2022 but class static blocks and regular
 * expressions that look behind (both Safari 16.4); Firefox 91 lacks static blocks too; Samsung Internet 15
 * (Chromium 90) lacks them and `#field in object`. Anything past ES2022 fails to parse here.
 */
function unreadable(source: string): string[] {
  let tree: acorn.Program;
  try {
    tree = acorn.parse(source, { ecmaVersion: 2022, sourceType: 'script', allowHashBang: true });
  } catch {
    try {
      tree = acorn.parse(source, { ecmaVersion: 2022, sourceType: 'module' });
    } catch (error) {
      return [`past ES2022: ${(error as Error).message}`];
    }
  }
  const found: string[] = [];
  const at = (node: acorn.Node) => source.slice(Math.max(0, node.start - 60), node.start + 40).replace(/\s+/g, ' ');
  walkFull(tree, (node) => {
    if (node.type === 'StaticBlock') found.push(`class static block: …${at(node)}…`);
    const regex = (node as acorn.Literal).regex;
    if (node.type === 'Literal' && regex && /\(\?<[=!]/.test(regex.pattern)) found.push(`regex lookbehind: /${regex.pattern}/`);
    const binary = node as acorn.BinaryExpression;
    if (node.type === 'BinaryExpression' && binary.operator === 'in' && binary.left.type === 'PrivateIdentifier') found.push(`#field in: …${at(node)}…`);
  });
  return found;
}

describe('the scripts an old phone loads', () => {
  it('parse as Safari 15, Firefox 91 and Samsung Internet 15 read them: every chunk, the service worker', async () => {
    const files = [...(await filesOf(join(BUILD, 'static'), '.js')), ...(await filesOf(join(BUILD, 'kordon'), '.js'))];
    expect(files.length).toBeGreaterThan(10);
    expect(files.some((f) => f.endsWith('sw.js'))).toBe(true);
    const problems: string[] = [];
    for (const file of files) {
      for (const problem of unreadable(await readFile(file, 'utf8'))) problems.push(`${file.slice(BUILD.length)}: ${problem}`);
    }
    expect(problems).toEqual([]);
  });

  it('style sheets with no `:has()`, which Chrome 95 and Firefox 91 drop with the whole rule it is in', async () => {
    const sheets = await filesOf(join(BUILD, 'static'), '.css');
    expect(sheets.length).toBeGreaterThan(0);
    const using: string[] = [];
    for (const sheet of sheets) if ((await readFile(sheet, 'utf8')).includes(':has(')) using.push(sheet.slice(BUILD.length));
    expect(using).toEqual([]);
  });

  it('the check itself finds what Safari 15 cannot read', () => {
    expect(unreadable('class A { static { this.x = 1; } }')).toHaveLength(1);
    expect(unreadable('const r = /(?<=a)b/;')).toHaveLength(1);
    expect(unreadable('class A { #x; static has(o) { return #x in o; } }')).toHaveLength(1);
    expect(unreadable('const a = [1].at(-1) ?? 0; class B { #y = 1; static z = 2; }')).toEqual([]);
  });
});

/**
 * Built-ins Safari 15.0 or Chrome 95 lack (with the version that brought them): deleted before the page's scripts
 * run, so what the page, Next, React, Leaflet and Socket.IO call of them fails here as it would there, unless
 * something fills it in first.
 */
function removeNewBuiltIns() {
  const drop = (owner: object | undefined, names: string[]) => {
    for (const name of names) if (owner) Reflect.deleteProperty(owner, name);
  };
  drop(Array.prototype, ['at', 'findLast', 'findLastIndex', 'toSorted', 'toReversed', 'toSpliced', 'with']); // Safari 15.4–16
  drop(String.prototype, ['at', 'isWellFormed', 'toWellFormed']);
  drop(Object, ['hasOwn', 'groupBy']); // 15.4, 17.4
  drop(Map, ['groupBy']);
  drop(Promise, ['withResolvers']); // 17.4
  drop(Array, ['fromAsync']); // 16.4
  drop(Set.prototype, ['union', 'intersection', 'difference', 'symmetricDifference', 'isSubsetOf', 'isSupersetOf', 'isDisjointFrom']); // 17
  drop(AbortSignal, ['timeout', 'any']); // 16, 17.4
  drop(URL, ['canParse']); // 17
  drop(Error, ['captureStackTrace']); // V8's own
  drop(Crypto.prototype, ['randomUUID']); // 15.4
  drop(Element.prototype, ['checkVisibility']); // 17.4
  drop(ReadableStream.prototype, ['values', Symbol.asyncIterator as unknown as string]);
  drop(globalThis, ['structuredClone', 'requestIdleCallback', 'cancelIdleCallback', 'scheduler', 'BroadcastChannel', 'CompressionStream', 'DecompressionStream']);
}

describe('a phone with Safari 15’s built-ins', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    database = await createTestDatabase();
    [server, browser] = await Promise.all([startServer(database.env), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  it('connects, shows the map, and sends a report from a crossing’s form', async () => {
    const { context, problems } = await openContext(browser, server.url, PHONE);
    await context.addInitScript(removeNewBuiltIns);
    const page = await context.newPage();
    await page.goto('/');
    expect(await page.evaluate(() => typeof structuredClone)).toBe('undefined');
    await page.locator('.connection[data-state="live"]').waitFor();
    await page.getByRole('button', { name: 'Показать карту' }).click();
    await page.locator('.leaflet-container .pin').first().waitFor();
    await screenshot(page, 'old-phone-map-390');

    await page.goto('/checkpoints/mondy');
    await page.locator('.connection[data-state="live"]').waitFor();
    await page.locator('#report-wait').fill('3');
    await page.getByRole('button', { name: 'Отправить' }).click();
    await expect.poll(() => page.locator('.form-status').innerText()).toContain('Принято');
    const rows = await database.query<{ waitMinutes: number }>(`SELECT "waitMinutes" FROM "Report" WHERE "checkpointId" = 'mondy'`);
    expect(rows.map((r) => r.waitMinutes)).toEqual([180]);
    expect(problems.errors).toEqual([]);
    await context.close();
  });
});
