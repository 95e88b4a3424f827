// Debian's Chromium driven by playwright-core: the real browser the e2e
// suite runs in. `.ci/run` installs it; elsewhere `apt-get install chromium`.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS });
}

/**
 * A browser with a profile on disk, as a person's is: unlike the throwaway
 * contexts of launchBrowser(), Chromium offers to install apps from it.
 */
export async function launchProfile(baseUrl: string, options: Parameters<Browser['newContext']>[0] = {}) {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`No Chromium at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  const profile = await mkdtemp(join(tmpdir(), 'kordon-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: FLAGS, baseURL: baseUrl, locale: 'ru-RU', ...options });
  const problems: PageProblems = { errors: [], foreignRequests: [] };
  const origin = new URL(baseUrl).origin;
  for (const page of context.pages()) watchPage(page, origin, problems);
  context.on('page', (page) => watchPage(page, origin, problems));
  return {
    context,
    problems,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } as const;
export const DESKTOP = { viewport: { width: 1280, height: 800 } } as const;

/** What a page did that it should not: script errors, console errors, requests to other hosts. */
export interface PageProblems {
  errors: string[];
  foreignRequests: string[];
}

export async function openContext(browser: Browser, baseUrl: string, options: Parameters<Browser['newContext']>[0] = {}) {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'ru-RU', ...options });
  const problems: PageProblems = { errors: [], foreignRequests: [] };
  const origin = new URL(baseUrl).origin;
  context.on('page', (page) => watchPage(page, origin, problems));
  return { context, problems };
}

/**
 * As if the person had chosen a view before (lib/ui/lite-view.ts): a phone otherwise opens with the list. A choice
 * made in the page afterwards stands.
 */
export async function rememberView(context: BrowserContext, view: 'map' | 'list'): Promise<void> {
  await context.addInitScript((chosen) => {
    try {
      if (window.localStorage.getItem('kordon.view.v1') === null) window.localStorage.setItem('kordon.view.v1', chosen);
    } catch {
      // A page with no storage of its own (about:blank).
    }
  }, view);
}

function watchPage(page: Page, origin: string, problems: PageProblems): void {
  page.on('pageerror', (error) => problems.errors.push(String(error)));
  page.on('console', (message) => {
    // With where it came from: "Failed to load resource" alone does not say which.
    if (message.type() === 'error') problems.errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) problems.foreignRequests.push(url);
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}${name}.png`;
  await page.screenshot({ path });
  return path;
}

export type { Browser, BrowserContext, Page };

/**
 * What axe-core (Deque's rules of WCAG 2.2 A and AA and its best practices) finds wrong on the page as it is now:
 * each rule broken, with the elements that break it. Run in the page, whose context must bypass its CSP.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
      resultTypes: ['violations'],
    }),
  );
  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** The phone's light or dark setting (`prefers-color-scheme`, a context's `colorScheme`). */
export type Scheme = 'light' | 'dark';

/**
 * Whether what the page paints its views on is in the phone's scheme: each [selector, CSS property] of the first
 * element matched, by its relative luminance (WCAG's), over 0.5 in light and under 0.1 in dark.
 */
export async function expectScheme(page: Page, scheme: Scheme, paints: [selector: string, property: string][]): Promise<void> {
  const luminances = await page.evaluate((paints) => {
    const channel = (value: number) => ((value /= 255) <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4);
    return paints.map(([selector, property]) => {
      const element = document.querySelector(selector);
      if (!element) return `${selector}: none`;
      const [r, g, b, alpha = 1] = (getComputedStyle(element).getPropertyValue(property).match(/[\d.]+/g) ?? []).map(Number);
      // Transparent paints nothing: it would read as black, "dark", whatever is behind it.
      if (alpha === 0) return `${selector}: transparent`;
      return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
    });
  }, paints);
  const wrong = paints.flatMap(([selector, property], i) => {
    const luminance = luminances[i]!;
    const inScheme = typeof luminance === 'number' && (scheme === 'dark' ? luminance < 0.1 : luminance > 0.5);
    return inScheme ? [] : [`${selector} ${property}: ${luminance}`];
  });
  expect(wrong).toEqual([]);
}
