/**
 * npm run bench:phone — the pages a herdsman and a member open first, on a cheap phone with a weak
 * signal: Debian's Chromium at 360×740 driven over CDP with the network slowed to slow 3G
 * (400 ms latency, 400 kbit/s each way: Network.emulateNetworkConditions) and the CPU slowed 4×
 * (Emulation.setCPUThrottlingRate), each load in a fresh browser context (cold cache).
 *
 * Measured (median of PHONE_RUNS, default 3):
 * - the portal `/portal/` as served now (its first screen rendered by the server, compressed), and
 *   as it was (the built page with an empty root, handed to the browser by the bench itself, and
 *   everything else asked for without compression): first contentful paint, first home card, bytes
 *   over the wire;
 * - the admin UI's first visit (`/`, signed out: sent to the light sign-in page `/login`): time to
 *   a sign-in form that works (its script has taken the server's form over);
 * - the check-in page an activity's QR code opens (`/checkin/<code>`), signed in as a member, the
 *   activity under way: time to a 签到 button that works; and the code form (`/checkin`).
 * Budgets (issue 16): portal paint ≤ 1.5 s, first card ≤ 2.5 s, admin sign-in ≤ 6 s, check-in
 * ≤ 3 s. Prints a table; exits non-zero when a budget is missed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchBrowser, startProduct } from '../e2e/browser.js';
import { DEMO_PASSWORD } from '../src/db/seed/demo-users.js';
import { median, watchFor } from './page-timing.js';

const RUNS = Number(process.env.PHONE_RUNS ?? 3);
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };
const CPU_SLOWDOWN = 4;
const BARE_PORTAL = path.resolve(import.meta.dirname, '../dist/web/portal/index.html');

interface SignIn {
  base: string;
  username: string;
}

interface Load {
  /** the page's HTML has arrived (navigation timing's responseEnd) */
  htmlMs: number;
  paintMs: number;
  readyMs: number;
  bytes: number;
  requests: number;
}

async function onPhone(
  browser: Browser,
  compressed: boolean,
  signIn?: SignIn,
): Promise<{ page: Page; cdp: CDPSession; close(): Promise<void> }> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  // signed in before the throttled load (the session cookie in the fresh context, nothing cached)
  if (signIn) {
    const res = await context.request.post(`${signIn.base}/api/v1/auth/login`, {
      data: { username: signIn.username, password: DEMO_PASSWORD },
    });
    if (!res.ok()) throw new Error(`sign-in as ${signIn.username}: ${res.status()}`);
  }
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  if (!compressed)
    await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'accept-encoding': 'identity' } });
  return { page, cdp, close: () => context.close() };
}

/** One cold load of `url` until `selector` is on the page; `bare` sends the page as it was built. */
async function load(
  browser: Browser,
  url: string,
  selector: string,
  { compressed = true, bare = false, signIn }: { compressed?: boolean; bare?: boolean; signIn?: SignIn } = {},
): Promise<Load> {
  const phone = await onPhone(browser, compressed, signIn);
  // the portal as it was: the built page with an empty root, the script rendering everything
  if (bare)
    await phone.page.route(url, (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: fs.readFileSync(BARE_PORTAL, 'utf8') }),
    );
  let bytes = 0;
  let requests = 0;
  phone.cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
    bytes += event.encodedDataLength;
    requests += 1;
  });
  await phone.page.addInitScript(watchFor, selector);
  await phone.page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  await phone.page.locator(selector).first().waitFor({ state: 'visible', timeout: 120_000 });
  const timing = await phone.page.evaluate(() => ({
    html: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd,
    ready: window.__seenAt ?? performance.now(),
    paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
  }));
  // the rest of what the page asks for on arrival (its script, the API), for the bytes column
  await phone.page.waitForLoadState('networkidle', { timeout: 120_000 }).catch(() => undefined);
  await phone.close();
  return { htmlMs: timing.html, paintMs: timing.paint, readyMs: timing.ready, bytes, requests };
}

/**
 * One more cold load of `url`, filmed (CDP Page.startScreencast): the frames go to
 * bench/results/filmstrip-<name>/<ms since navigation start>.png for a person to look at, and the
 * line printed says when the HTML arrived, when the page was first painted (its background) and
 * when its first text was, and when each frame came.
 */
async function filmstrip(browser: Browser, name: string, url: string, selector: string, signIn?: SignIn) {
  const dir = path.resolve(import.meta.dirname, 'results', `filmstrip-${name}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const phone = await onPhone(browser, true, signIn);
  const frames: { at: number; data: string }[] = [];
  phone.cdp.on(
    'Page.screencastFrame',
    (frame: { data: string; sessionId: number; metadata: { timestamp?: number } }) => {
      frames.push({ at: (frame.metadata.timestamp ?? Date.now() / 1000) * 1000, data: frame.data });
      phone.cdp.send('Page.screencastFrameAck', { sessionId: frame.sessionId }).catch(() => undefined);
    },
  );
  await phone.cdp.send('Page.startScreencast', { format: 'png', everyNthFrame: 1 });
  await phone.page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  await phone.page.locator(selector).first().waitFor({ state: 'visible', timeout: 120_000 });
  await phone.page.waitForLoadState('networkidle', { timeout: 120_000 }).catch(() => undefined);
  await phone.cdp.send('Page.stopScreencast');
  const timing = await phone.page.evaluate(() => ({
    origin: performance.timeOrigin,
    html: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd,
    firstPaint: performance.getEntriesByName('first-paint')[0]?.startTime ?? Number.NaN,
    paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
  }));
  await phone.close();
  const shots = frames.map((f) => ({ ms: Math.max(0, Math.round(f.at - timing.origin)), data: f.data }));
  for (const shot of shots)
    fs.writeFileSync(path.join(dir, `${String(shot.ms).padStart(5, '0')}.png`), shot.data, 'base64');
  return {
    name,
    htmlMs: timing.html,
    firstPaintMs: timing.firstPaint,
    paintMs: timing.paint,
    frames: shots.map((shot) => shot.ms),
    dir: path.relative(process.cwd(), dir),
  };
}

async function measure(
  browser: Browser,
  label: string,
  url: string,
  selector: string,
  options: { compressed?: boolean; bare?: boolean; signIn?: SignIn } = {},
) {
  const loads: Load[] = [];
  for (let i = 0; i < RUNS; i++) loads.push(await load(browser, url, selector, options));
  return {
    label,
    htmlMs: median(loads.map((l) => l.htmlMs)),
    paintMs: median(loads.map((l) => l.paintMs)),
    readyMs: median(loads.map((l) => l.readyMs)),
    kb: median(loads.map((l) => l.bytes)) / 1024,
    requests: median(loads.map((l) => l.requests)),
  };
}

/** An activity of the demo member's home under way now, made by its director: its check-in code. */
async function activityUnderWay(base: string): Promise<string> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'director', password: DEMO_PASSWORD }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
  const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  const homes = (await (await fetch(`${base}/api/v1/homes?pageSize=1`, { headers })).json()) as {
    items: { id: string }[];
  };
  const now = Date.now();
  const res = await fetch(`${base}/api/v1/activities`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      title: '牧区委员座谈会',
      kind: 'consultation',
      hostHomeIds: [homes.items[0]!.id],
      startsAt: new Date(now - 10 * 60_000).toISOString(),
      endsAt: new Date(now + 3 * 3600_000).toISOString(),
      place: '苏木会议室',
    }),
  });
  if (!res.ok) throw new Error(`creating the activity: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { checkinCode: string }).checkinCode;
}

async function main() {
  const product = await startProduct({ SEED_DEMO: 'true', ADMIN_PASSWORD: 'bench-admin-2026' });
  const browser = await launchBrowser();
  try {
    const card = '[data-testid=home-card]';
    // a light page works once its script has taken it over (phone/account.tsx sets the mark)
    const signInForm = 'html[data-phone-ready] input#login_username';
    const codeForm = 'html[data-phone-ready] button.phone-big';
    // the 签到 button is a form the server answers: it works as soon as the page is there, and
    // the script, once come, sends it itself (and keeps it without a signal)
    const checkinButton = 'form[action^="/checkin/"] button.phone-big';
    const checkinTakenOver = `html[data-phone-ready] ${checkinButton}`;
    const code = await activityUnderWay(product.url);
    await load(browser, `${product.url}/portal/`, card); // warm-up: server caches, the browser's own start
    const rows = [
      await measure(browser, 'portal /portal/ (server-rendered, compressed)', `${product.url}/portal/`, card),
      await measure(browser, 'portal as it was (bare page, uncompressed)', `${product.url}/portal/`, card, {
        compressed: false,
        bare: true,
      }),
      await measure(browser, 'admin first visit / (to the light sign-in)', `${product.url}/`, signInForm),
      await measure(
        browser,
        'check-in /checkin/<code> from the QR code, signed in',
        `${product.url}/checkin/${code}`,
        checkinButton,
        { signIn: { base: product.url, username: 'member' } },
      ),
      await measure(
        browser,
        'the same, until its script has taken over',
        `${product.url}/checkin/${code}`,
        checkinTakenOver,
        { signIn: { base: product.url, username: 'member' } },
      ),
      await measure(
        browser,
        'check-in /checkin (the poster code form, script)',
        `${product.url}/checkin`,
        codeForm,
      ),
    ];
    console.log(
      `\nslow 3G (${SLOW_3G.latency} ms, ${(SLOW_3G.downloadThroughput * 8) / 1000} kbit/s), CPU ${CPU_SLOWDOWN}× slower, 360×740, cold cache, median of ${RUNS}:`,
    );
    console.log(
      '| page | HTML arrived | first contentful paint | ready (first home card / working form) | KB over the wire | requests |',
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    for (const r of rows)
      console.log(
        `| ${r.label} | ${s(r.htmlMs)} | ${s(r.paintMs)} | ${s(r.readyMs)} | ${r.kb.toFixed(1)} | ${r.requests} |`,
      );
    const films = [
      await filmstrip(browser, 'portal', `${product.url}/portal/`, card),
      await filmstrip(browser, 'checkin', `${product.url}/checkin/${code}`, checkinButton, {
        base: product.url,
        username: 'member',
      }),
    ];
    console.log('\nfilmstrips (one more cold load each):');
    console.log('| page | HTML arrived | first paint | first text painted | frames at |');
    console.log('| --- | ---: | ---: | ---: | --- |');
    for (const f of films)
      console.log(
        `| ${f.name} (${f.dir}) | ${s(f.htmlMs)} | ${s(f.firstPaintMs)} | ${s(f.paintMs)} | ${f.frames.map(s).join(', ')} |`,
      );
    const [portal, , admin, checkin] = rows;
    if (portal!.paintMs > 1500 || portal!.readyMs > 2500 || admin!.readyMs > 6000 || checkin!.readyMs > 3000)
      process.exitCode = 1;
  } finally {
    await browser.close();
    await product.stop();
  }
}

await main();
