/**
 * npm run bench:portal — the citizens' portal against its budget: the JavaScript the first page
 * loads (gzipped, ≤ 150 KB) and the time from navigation start until the first home card is on the
 * page (< 1 s on loopback), on a 360×740 phone viewport in Debian's Chromium.
 *
 * Starts the product as the end-to-end tests do (e2e/browser.ts: the UI is built first when dist/web
 * is missing or stale, demo data seeded), loads /portal/ once to warm the server, then measures
 * PORTAL_RUNS (default 5) loads, each in a fresh browser context (empty cache: a first visit).
 * Exits non-zero when a budget is exceeded.
 */
import { gzipSync } from 'node:zlib';
import type { Browser, Response } from 'playwright-core';
import { launchBrowser, startProduct } from '../e2e/browser.js';
import { median, watchFor } from './page-timing.js';

const JS_BUDGET_KB = 150;
const CONTENT_BUDGET_MS = 1000;
const RUNS = Number(process.env.PORTAL_RUNS ?? 5);
const CARD = '[data-testid=home-card]';

interface Load {
  scripts: { url: string; bytes: number; gzip: number }[];
  cssGzip: number;
  firstCardMs: number;
  firstPaintMs: number;
}

async function loadOnce(browser: Browser, url: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.addInitScript(watchFor, CARD);
  const bodies: Promise<{ url: string; type: string; body: Buffer }>[] = [];
  page.on('response', (response: Response) => {
    const type = response.headers()['content-type'] ?? '';
    if (/javascript|text\/css/.test(type) || /\.(m?js|css)(\?|$)/.test(response.url()))
      bodies.push(response.body().then((body) => ({ url: response.url(), type, body })));
  });
  await page.goto(url);
  await page.locator(CARD).first().waitFor({ state: 'visible' });
  const timing = await page.evaluate(() => ({
    firstCard: window.__seenAt ?? performance.now(),
    firstPaint:
      performance.getEntriesByName('first-contentful-paint')[0]?.startTime ??
      performance.getEntriesByType('paint')[0]?.startTime ??
      Number.NaN,
  }));
  const loaded = await Promise.all(bodies);
  await context.close();
  const isCss = (r: { url: string; type: string }) => r.type.includes('css') || /\.css(\?|$)/.test(r.url);
  return {
    scripts: loaded
      .filter((r) => !isCss(r))
      .map((r) => ({ url: new URL(r.url).pathname, bytes: r.body.length, gzip: gzipSync(r.body).length })),
    cssGzip: loaded.filter(isCss).reduce((sum, r) => sum + gzipSync(r.body).length, 0),
    firstCardMs: timing.firstCard,
    firstPaintMs: timing.firstPaint,
  };
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
async function main() {
  const product = await startProduct({ SEED_DEMO: 'true', ADMIN_PASSWORD: 'bench-admin-2026' });
  const browser = await launchBrowser();
  try {
    const url = `${product.url}/portal/`;
    await loadOnce(browser, url); // warm-up: server caches, PGlite pages, the browser's own start
    const loads: Load[] = [];
    for (let i = 0; i < RUNS; i++) loads.push(await loadOnce(browser, url));

    const first = loads[0]!;
    console.log('\nJavaScript loaded by /portal/ (first visit):');
    console.table(first.scripts.map((s) => ({ file: s.url, KB: kb(s.bytes), 'gzip KB': kb(s.gzip) })));

    const rows = loads.map((load, i) => ({
      run: i + 1,
      'JS files': load.scripts.length,
      'JS gzip KB': kb(load.scripts.reduce((sum, s) => sum + s.gzip, 0)),
      'CSS gzip KB': kb(load.cssGzip),
      'first paint ms': Math.round(load.firstPaintMs),
      'first home card ms': Math.round(load.firstCardMs),
    }));
    console.log(`Loads of ${url} at 360×740, fresh browser context each:`);
    console.table(rows);

    const jsGzip = Math.max(...loads.map((l) => l.scripts.reduce((sum, s) => sum + s.gzip, 0)));
    const content = median(loads.map((l) => l.firstCardMs));
    const paint = median(loads.map((l) => l.firstPaintMs));
    const jsOk = jsGzip <= JS_BUDGET_KB * 1024;
    const contentOk = content < CONTENT_BUDGET_MS;
    console.log('| measure | budget | measured | met |');
    console.log('| --- | ---: | ---: | :-: |');
    console.log(
      `| JS loaded by /portal/, gzipped | ${JS_BUDGET_KB} KB | ${kb(jsGzip)} KB | ${jsOk ? 'yes' : 'no'} |`,
    );
    console.log(
      `| first home card, median of ${RUNS} | < ${CONTENT_BUDGET_MS} ms | ${Math.round(content)} ms | ${contentOk ? 'yes' : 'no'} |`,
    );
    console.log(`| first contentful paint, median of ${RUNS} | — | ${Math.round(paint)} ms | — |`);
    if (!jsOk || !contentOk) process.exitCode = 1;
  } finally {
    await browser.close();
    await product.stop();
  }
}

await main();
