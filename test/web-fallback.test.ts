import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, signIn, startTestApp, type TestApp } from './helpers.js';

// The server hands each browser UI its own page for the paths it routes itself: the citizens'
// portal under /portal, the admin UI everywhere else; the API's unknown paths stay JSON 404s.

let t: TestApp;
let webDir: string;
beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmh-web-'));
  fs.mkdirSync(path.join(webDir, 'portal'));
  fs.writeFileSync(path.join(webDir, 'index.html'), '<html>admin</html>');
  fs.writeFileSync(path.join(webDir, 'portal/index.html'), '<html>portal</html>');
  t = await startTestApp({ webDir });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('the browser UIs survive a reload on any of their paths', () => {
  it('sends the portal page for /portal, /portal/ and its deep links', async () => {
    for (const url of [
      '/portal',
      '/portal/',
      '/portal/opinion?homeId=abc',
      '/portal/track/1234-5678-9012',
      '/portal?x=1',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toBe('<html>portal</html>');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('sends the portal page for a home that is not there, with 404', async () => {
    const res = await get('/portal/homes/abc');
    expect(res.statusCode).toBe(404);
    expect(res.body).toBe('<html>portal</html>');
  });

  it('sends the admin page elsewhere to a signed-in user, also for paths that only start like the portal', async () => {
    const { cookie } = await signIn(t.app, 'admin', ADMIN_PASSWORD);
    for (const url of ['/', '/homes/abc', '/portal-guide', '/portals']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toBe('<html>admin</html>');
    }
  });

  it('sends a visitor without a session to the sign-in page, and never in a circle', async () => {
    for (const url of ['/', '/homes/abc', '/portal-guide']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(302);
      expect(res.headers.location, url).toBe(
        url === '/' ? '/login' : `/login?next=${encodeURIComponent(url)}`,
      );
    }
    // the sign-in and check-in pages themselves, were they not built, are missing, not sent round
    for (const url of ['/login', '/login?next=%2Fhomes', '/checkin/ABC123']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
    }
  });

  it('keeps unknown API paths a JSON 404', async () => {
    const res = await get('/api/v1/portal/nothing');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
