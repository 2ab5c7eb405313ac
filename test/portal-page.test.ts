import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HomeFixture, makeHome, startTestApp, type TestApp } from './helpers.js';

// The portal's page arrives with its first screen in it (plugins/portal-page.tsx): a phone on a weak
// signal reads the homes after one round trip, and a browser without script still finds a home.

const TEMPLATE = `<!doctype html>
<html lang="zh-CN">
  <head>
    <title>鄂尔多斯市政协委员之家</title>
    <script type="module" crossorigin src="/assets/portal-x.js"></script>
    <link rel="stylesheet" crossorigin href="/assets/portal-x.css">
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`;

let t: TestApp;
let webDir: string;
let home: HomeFixture;
let tricky: HomeFixture;

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmh-portal-page-'));
  fs.mkdirSync(path.join(webDir, 'portal'));
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(path.join(webDir, 'index.html'), '<html>admin</html>');
  fs.writeFileSync(path.join(webDir, 'portal/index.html'), TEMPLATE);
  fs.writeFileSync(path.join(webDir, 'assets/portal-x.css'), '.card{color:red}');
  fs.writeFileSync(
    path.join(webDir, 'assets/portal-x.js'),
    `console.log(${JSON.stringify('x'.repeat(4000))})`,
  );
  t = await startTestApp({ webDir });
  home = await makeHome(t.db, { name: '首屏测试之家', regionCode: '150602100' });
  // a name that would end the page's data block early, were it not escaped
  tricky = await makeHome(t.db, { name: '之家</script><script>alert(1)</script>', regionCode: '150602100' });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

/** The answers the page carries for the script to take over with. */
function dataOf(html: string): Record<string, unknown> {
  const match = /<script id="page-data" type="application\/json">(.*?)<\/script>/s.exec(html);
  expect(match, 'the data block').toBeTruthy();
  return JSON.parse(match![1]!) as Record<string, unknown>;
}

describe('the portal page arrives with its first screen', () => {
  it('holds the header, the search form and the first page of homes, as the API answers them', async () => {
    const res = await get('/portal/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    const root = /<div id="root">(.*)<\/div><script id="page-data"/s.exec(res.body)?.[1] ?? '';
    expect(root).toContain('class="site-header"');
    expect(root).toContain('<form class="field" action="/portal/" method="get">');
    expect(root).toContain('name="q"');
    expect(root).toContain('首屏测试之家');
    expect(root).toContain(`href="/portal/homes/${home.id}"`);

    const api = (await get('/api/v1/public/homes?page=1&pageSize=20')).json();
    const data = dataOf(res.body);
    expect(
      data[
        `homes:${JSON.stringify({ q: '', kind: '', regionCode: '', ownerUnitId: '', page: 1, pageSize: 20 })}`
      ],
    ).toEqual(api);
    expect(root.match(/data-testid="home-card"/g)).toHaveLength(api.items.length);
  });

  it('inlines the stylesheet, so nothing but the page stands before the first paint', async () => {
    const res = await get('/portal/');
    expect(res.body).toContain('<style>.card{color:red}</style>');
    expect(res.body).not.toContain('href="/assets/portal-x.css"');
  });

  it('answers a search without the script: /portal/?q= holds the homes found', async () => {
    const res = await get(`/portal/?q=${encodeURIComponent('首屏测试')}`);
    expect(res.body).toContain('共 1 个委员之家');
    expect(res.body).toContain('value="首屏测试"');
    expect(res.body).not.toContain('之家&lt;/script&gt;');
  });

  it('renders a home’s own page with its name in the title', async () => {
    const res = await get(`/portal/homes/${home.id}`);
    expect(res.body).toContain('<title>首屏测试之家 - 鄂尔多斯市政协委员之家</title>');
    expect(res.body).toContain('<h1>首屏测试之家</h1>');
    expect(dataOf(res.body)[`home:${home.id}`]).toEqual(
      (await get(`/api/v1/public/homes/${home.id}`)).json(),
    );
  });

  it('keeps a name with markup in it as text, in the page and in its data', async () => {
    const res = await get(`/portal/homes/${tricky.id}`);
    expect(res.body).not.toContain('<script>alert(1)</script>');
    expect(res.body).toContain('之家&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect((dataOf(res.body)[`home:${tricky.id}`] as { name: string }).name).toBe(tricky.name);
  });

  it('answers 404 for a home nobody may see, saying so in the page, script or not', async () => {
    const proposed = await makeHome(t.db, { name: '筹建中的首屏之家', status: 'approved' });
    for (const id of [proposed.id, 'not-an-id']) {
      const res = await get(`/portal/homes/${id}`);
      expect(res.statusCode, id).toBe(404);
      expect(res.body).not.toContain('筹建中的首屏之家');
      expect(res.body).toContain('class="site-header"');
      expect(res.body).toContain('<h1>未找到该委员之家</h1>');
      expect(res.body).not.toContain('正在加载');
      expect(res.body).toContain('<title>未找到该委员之家 - 鄂尔多斯市政协委员之家</title>');
      // the script takes the page over with the same refusal, rather than asking again
      expect(dataOf(res.body)[`home:${id}`]).toMatchObject({ $failure: { status: 404, code: 'NOT_FOUND' } });
    }
  });

  it('renders the page at the large text size the citizen chose', async () => {
    const res = await get('/portal/', { cookie: 'portal_large_text=1' });
    expect(res.body).toContain('<html lang="zh-CN" style="font-size:125%">');
    expect((await get('/portal/')).body).toContain('<html lang="zh-CN">');
  });
});

describe('everything travels compressed', () => {
  it('compresses the page and the API’s answers for a browser that accepts it', async () => {
    // a list long enough to be worth it (1 KB and more)
    for (let n = 1; n <= 8; n++) await makeHome(t.db, { name: `压缩测试之家${n}`, regionCode: '150602100' });
    for (const url of ['/portal/', '/api/v1/public/homes?pageSize=50']) {
      for (const encoding of ['br', 'gzip']) {
        const res = await get(url, { 'accept-encoding': encoding });
        expect(res.headers['content-encoding'], `${url} ${encoding}`).toBe(encoding);
      }
      expect((await get(url)).headers['content-encoding'], url).toBeUndefined();
    }
  });

  it('sends a built file’s precompressed copy as the browser accepts, cached a year', async () => {
    const file = path.join(webDir, 'assets/portal-x.js');
    fs.writeFileSync(`${file}.br`, 'brotli bytes');
    fs.writeFileSync(`${file}.gz`, 'gzip bytes');
    const br = await get('/assets/portal-x.js', { 'accept-encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body).toBe('brotli bytes');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const gz = await get('/assets/portal-x.js', { 'accept-encoding': 'gzip' });
    expect(gz.body).toBe('gzip bytes');
    const plain = await get('/assets/portal-x.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('xxxx');
  });
});
