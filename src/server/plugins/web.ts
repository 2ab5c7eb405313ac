import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { checkinForm, phonePage, signInForm } from './phone-page.js';
import { portalPage } from './portal-page.js';

/**
 * Serves the built browser UIs from `webDir`: the admin UI (index.html) and the citizens' portal
 * (portal/index.html). Only files are routes here (`index: false`), so every other path reaches the
 * not-found handler (plugins/errors.ts), which sends portal/index.html under /portal and index.html
 * elsewhere: each single-page app's own routes (/admin/users, /portal/homes/… ) survive a reload.
 * The portal's pages are rendered here with their first screen (plugins/portal-page.tsx), and so
 * are the members' phone pages, sign-in and check-in (plugins/phone-page.tsx). Every
 * text file is sent precompressed (.br or .gz, as the browser accepts; built by vite.config.ts).
 */
export async function registerWeb(app: FastifyInstance, webDir: string): Promise<boolean> {
  const index = path.join(webDir, 'index.html');
  if (!fs.existsSync(index)) return false;
  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: false,
    index: false,
    preCompressed: true,
    setHeaders(res, file) {
      // hashed asset names never change content: cache them for a year; index.html never
      if (file.includes(`${path.sep}assets${path.sep}`))
        res.header('cache-control', 'public, max-age=31536000, immutable');
      else res.header('cache-control', 'no-cache');
    },
  });
  // Assets are also looked up on each request: a build swapped in while the server runs
  // (scripts/build-web-if-stale.mjs) brings names the list made at start does not have.
  await app.register(fastifyStatic, {
    root: path.join(webDir, 'assets'),
    prefix: '/assets/',
    wildcard: true,
    index: false,
    preCompressed: true,
    decorateReply: false,
    setHeaders(res) {
      res.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });
  const sendPortalPage = portalPage(app, webDir);
  app.get('/portal', sendPortalPage);
  app.get('/portal/*', sendPortalPage);
  // the members' phone pages (plugins/phone-page.tsx)
  const sendPhonePage = phonePage(app, webDir);
  app.get('/login', sendPhonePage);
  app.get('/checkin', sendPhonePage);
  app.get('/checkin/*', sendPhonePage);
  app.get('/my/record', sendPhonePage);
  app.get('/my/homes', sendPhonePage);
  // 签到 and 登录 as plain forms, before the page's script has come; their own small form parser
  await app.register(async (forms) => {
    forms.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    forms.post('/checkin/*', checkinForm(app, webDir));
    forms.post('/login', signInForm(app, webDir));
  });
  return true;
}
